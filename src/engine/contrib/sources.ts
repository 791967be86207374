// The models modules of Django's contrib apps, written as Python the interpreter runs when a
// project installs the app. Field definitions match Django 5.2's, so the state they give equals
// the state their built-in migrations build (and makemigrations finds no changes for them).

export const CONTRIB_MODELS: Record<string, string> = {
  'django.contrib.contenttypes.models': `from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentTypeManager(models.Manager):
    use_in_migrations = True


class ContentType(models.Model):
    app_label = models.CharField(max_length=100)
    model = models.CharField(_("python model class name"), max_length=100)
    objects = ContentTypeManager()

    class Meta:
        verbose_name = _("content type")
        verbose_name_plural = _("content types")
        db_table = "django_content_type"
        unique_together = [["app_label", "model"]]
`,
  'django.contrib.auth.base_user': `from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseUserManager(models.Manager):
    pass


class AbstractBaseUser(models.Model):
    password = models.CharField(_("password"), max_length=128)
    last_login = models.DateTimeField(_("last login"), blank=True, null=True)
    is_active = True
    REQUIRED_FIELDS = []

    class Meta:
        abstract = True

    def __str__(self):
        return self.get_username()

    def get_username(self):
        return getattr(self, self.USERNAME_FIELD)
`,
  'django.contrib.auth.models': `from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PermissionManager(models.Manager):
    use_in_migrations = True


class Permission(models.Model):
    name = models.CharField(_("name"), max_length=255)
    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name=_("content type"))
    codename = models.CharField(_("codename"), max_length=100)
    objects = PermissionManager()

    class Meta:
        verbose_name = _("permission")
        verbose_name_plural = _("permissions")
        unique_together = [["content_type", "codename"]]
        ordering = ["content_type__app_label", "content_type__model", "codename"]


class GroupManager(models.Manager):
    use_in_migrations = True


class Group(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    permissions = models.ManyToManyField(Permission, verbose_name=_("permissions"), blank=True)
    objects = GroupManager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")


class UserManager(BaseUserManager):
    use_in_migrations = True


class PermissionsMixin(models.Model):
    is_superuser = models.BooleanField(
        _("superuser status"),
        default=False,
        help_text=_("Designates that this user has all permissions without explicitly assigning them."),
    )
    groups = models.ManyToManyField(
        Group,
        verbose_name=_("groups"),
        blank=True,
        help_text=_("The groups this user belongs to. A user will get all permissions granted to each of their groups."),
        related_name="user_set",
        related_query_name="user",
    )
    user_permissions = models.ManyToManyField(
        Permission,
        verbose_name=_("user permissions"),
        blank=True,
        help_text=_("Specific permissions for this user."),
        related_name="user_set",
        related_query_name="user",
    )

    class Meta:
        abstract = True


class AbstractUser(AbstractBaseUser, PermissionsMixin):
    username_validator = UnicodeUsernameValidator()

    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
        validators=[username_validator],
        error_messages={"unique": _("A user with that username already exists.")},
    )
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into this admin site."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Designates whether this user should be treated as active. Unselect this instead of deleting accounts."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        abstract = True


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
`,
  'django.contrib.admin.models': `from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADDITION = 1
CHANGE = 2
DELETION = 3

ACTION_FLAG_CHOICES = [
    (ADDITION, _("Addition")),
    (CHANGE, _("Change")),
    (DELETION, _("Deletion")),
]


class LogEntryManager(models.Manager):
    use_in_migrations = True


class LogEntry(models.Model):
    action_time = models.DateTimeField(_("action time"), default=timezone.now, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("user"))
    content_type = models.ForeignKey(ContentType, models.SET_NULL, verbose_name=_("content type"), blank=True, null=True)
    object_id = models.TextField(_("object id"), blank=True, null=True)
    object_repr = models.CharField(_("object repr"), max_length=200)
    action_flag = models.PositiveSmallIntegerField(_("action flag"), choices=ACTION_FLAG_CHOICES)
    change_message = models.TextField(_("change message"), blank=True)
    objects = LogEntryManager()

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        db_table = "django_admin_log"
        ordering = ["-action_time"]
`,
  'django.contrib.sessions.base_session': `from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseSessionManager(models.Manager):
    pass


class AbstractBaseSession(models.Model):
    session_key = models.CharField(_("session key"), max_length=40, primary_key=True)
    session_data = models.TextField(_("session data"))
    expire_date = models.DateTimeField(_("expire date"), db_index=True)

    objects = BaseSessionManager()

    class Meta:
        abstract = True
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
`,
  'django.contrib.sessions.models': `from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager


class SessionManager(BaseSessionManager):
    use_in_migrations = True


class Session(AbstractBaseSession):
    objects = SessionManager()

    class Meta(AbstractBaseSession.Meta):
        db_table = "django_session"
`,
};

/** Contrib apps by INSTALLED_APPS name: label, models module (null when the app has none). */
export const CONTRIB_APPS: Record<string, { label: string; models: string | null; verboseName: string; defaultAutoField: string | null }> = {
  'django.contrib.auth': { label: 'auth', models: 'django.contrib.auth.models', verboseName: 'Authentication and Authorization', defaultAutoField: 'django.db.models.AutoField' },
  'django.contrib.contenttypes': { label: 'contenttypes', models: 'django.contrib.contenttypes.models', verboseName: 'Content Types', defaultAutoField: 'django.db.models.AutoField' },
  'django.contrib.admin': { label: 'admin', models: 'django.contrib.admin.models', verboseName: 'Administration', defaultAutoField: 'django.db.models.AutoField' },
  'django.contrib.sessions': { label: 'sessions', models: 'django.contrib.sessions.models', verboseName: 'Sessions', defaultAutoField: null },
  'django.contrib.messages': { label: 'messages', models: null, verboseName: 'Messages', defaultAutoField: null },
  'django.contrib.staticfiles': { label: 'staticfiles', models: null, verboseName: 'Static Files', defaultAutoField: null },
  'django.contrib.humanize': { label: 'humanize', models: null, verboseName: 'Humanize', defaultAutoField: null },
};
/** AppConfig class spellings that name the same apps. */
export const CONTRIB_APP_CONFIGS: Record<string, string> = {
  'django.contrib.admin.apps.AdminConfig': 'django.contrib.admin',
  'django.contrib.admin.apps.SimpleAdminConfig': 'django.contrib.admin',
  'django.contrib.auth.apps.AuthConfig': 'django.contrib.auth',
  'django.contrib.contenttypes.apps.ContentTypesConfig': 'django.contrib.contenttypes',
  'django.contrib.sessions.apps.SessionsConfig': 'django.contrib.sessions',
  'django.contrib.messages.apps.MessagesConfig': 'django.contrib.messages',
  'django.contrib.staticfiles.apps.StaticFilesConfig': 'django.contrib.staticfiles',
};
