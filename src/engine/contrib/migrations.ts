// The built-in migration history of the contrib apps (auth 0001-0012, contenttypes 0001-0002,
// admin 0001-0003, sessions 0001), as the Python migration modules the loader reads like any
// project migration. `contribMigrations(apps)` lists those of the installed contrib apps.

export interface ContribMigration {
  app: string;
  name: string;
  /** Dependencies as written ('__first__' and swappable ones resolved by the loader). */
  dependencies: [string, string][];
  /** Python module name, e.g. 'django.contrib.auth.migrations.0001_initial'. */
  module: string;
  /** Path shown in tracebacks. */
  file: string;
  source: string;
}

const ID = `(
                    "id",
                    models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                )`;

const USERNAME_OPTS_30 = `error_messages={"unique": "A user with that username already exists."},
                help_text="Required. 30 characters or fewer. Letters, digits and @/./+/-/_ only.",
                max_length=30,
                unique=True,
                validators=[validators.UnicodeUsernameValidator()],
                verbose_name="username",`;

const SOURCES: Record<string, string> = {
  'contenttypes/0001_initial': `import django.contrib.contenttypes.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentType",
            fields=[
                ${ID},
                ("name", models.CharField(max_length=100)),
                ("app_label", models.CharField(max_length=100)),
                ("model", models.CharField(max_length=100, verbose_name="python model class name")),
            ],
            options={
                "ordering": ("name",),
                "db_table": "django_content_type",
                "verbose_name": "content type",
                "verbose_name_plural": "content types",
            },
            bases=(models.Model,),
            managers=[
                ("objects", django.contrib.contenttypes.models.ContentTypeManager()),
            ],
        ),
        migrations.AlterUniqueTogether(
            name="contenttype",
            unique_together={("app_label", "model")},
        ),
    ]
`,
  'contenttypes/0002_remove_content_type_name': `from django.db import migrations, models


def add_legacy_name(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for ct in ContentType.objects.all():
        ct.name = ct.model
        ct.save()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="contenttype",
            options={"verbose_name": "content type", "verbose_name_plural": "content types"},
        ),
        migrations.AlterField(
            model_name="contenttype",
            name="name",
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.RunPython(
            migrations.RunPython.noop,
            add_legacy_name,
            hints={"model_name": "contenttype"},
        ),
        migrations.RemoveField(
            model_name="contenttype",
            name="name",
        ),
    ]
`,
  'auth/0001_initial': `import django.contrib.auth.models
from django.contrib.auth import validators
from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "__first__"),
    ]

    operations = [
        migrations.CreateModel(
            name="Permission",
            fields=[
                ${ID},
                ("name", models.CharField(max_length=50, verbose_name="name")),
                (
                    "content_type",
                    models.ForeignKey(to="contenttypes.ContentType", on_delete=models.CASCADE, verbose_name="content type"),
                ),
                ("codename", models.CharField(max_length=100, verbose_name="codename")),
            ],
            options={
                "ordering": ["content_type__app_label", "content_type__model", "codename"],
                "unique_together": {("content_type", "codename")},
                "verbose_name": "permission",
                "verbose_name_plural": "permissions",
            },
            managers=[
                ("objects", django.contrib.auth.models.PermissionManager()),
            ],
        ),
        migrations.CreateModel(
            name="Group",
            fields=[
                ${ID},
                ("name", models.CharField(unique=True, max_length=80, verbose_name="name")),
                ("permissions", models.ManyToManyField(to="auth.Permission", verbose_name="permissions", blank=True)),
            ],
            options={
                "verbose_name": "group",
                "verbose_name_plural": "groups",
            },
            managers=[
                ("objects", django.contrib.auth.models.GroupManager()),
            ],
        ),
        migrations.CreateModel(
            name="User",
            fields=[
                ${ID},
                ("password", models.CharField(max_length=128, verbose_name="password")),
                ("last_login", models.DateTimeField(default=timezone.now, verbose_name="last login")),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        help_text="Required. 30 characters or fewer. Letters, digits and @/./+/-/_ only.",
                        unique=True,
                        max_length=30,
                        verbose_name="username",
                        validators=[validators.UnicodeUsernameValidator()],
                    ),
                ),
                ("first_name", models.CharField(max_length=30, verbose_name="first name", blank=True)),
                ("last_name", models.CharField(max_length=30, verbose_name="last name", blank=True)),
                ("email", models.EmailField(max_length=75, verbose_name="email address", blank=True)),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        verbose_name="active",
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                    ),
                ),
                ("date_joined", models.DateTimeField(default=timezone.now, verbose_name="date joined")),
                (
                    "groups",
                    models.ManyToManyField(
                        to="auth.Group",
                        verbose_name="groups",
                        blank=True,
                        related_name="user_set",
                        related_query_name="user",
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        to="auth.Permission",
                        verbose_name="user permissions",
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                    ),
                ),
            ],
            options={
                "swappable": "AUTH_USER_MODEL",
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
            managers=[
                ("objects", django.contrib.auth.models.UserManager()),
            ],
        ),
    ]
`,
  'auth/0002_alter_permission_name_max_length': alterField('auth', '0001_initial', 'permission', 'name', 'models.CharField(max_length=255, verbose_name="name")'),
  'auth/0003_alter_user_email_max_length': alterField(
    'auth',
    '0002_alter_permission_name_max_length',
    'user',
    'email',
    'models.EmailField(max_length=254, verbose_name="email address", blank=True)',
  ),
  'auth/0004_alter_user_username_opts': alterField('auth', '0003_alter_user_email_max_length', 'user', 'username', `models.CharField(
                ${USERNAME_OPTS_30}
            )`, true),
  'auth/0005_alter_user_last_login_null': alterField(
    'auth',
    '0004_alter_user_username_opts',
    'user',
    'last_login',
    'models.DateTimeField(null=True, verbose_name="last login", blank=True)',
  ),
  'auth/0006_require_contenttypes_0002': `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0005_alter_user_last_login_null"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Ensure the contenttypes migration is applied before sending
        # post_migrate signals (which create ContentTypes).
    ]
`,
  'auth/0007_alter_validators_add_error_messages': alterField('auth', '0006_require_contenttypes_0002', 'user', 'username', `models.CharField(
                ${USERNAME_OPTS_30}
            )`, true),
  'auth/0008_alter_user_username_max_length': alterField(
    'auth',
    '0007_alter_validators_add_error_messages',
    'user',
    'username',
    `models.CharField(
                error_messages={"unique": "A user with that username already exists."},
                help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                max_length=150,
                unique=True,
                validators=[validators.UnicodeUsernameValidator()],
                verbose_name="username",
            )`,
    true,
  ),
  'auth/0009_alter_user_last_name_max_length': alterField(
    'auth',
    '0008_alter_user_username_max_length',
    'user',
    'last_name',
    'models.CharField(blank=True, max_length=150, verbose_name="last name")',
  ),
  'auth/0010_alter_group_name_max_length': alterField(
    'auth',
    '0009_alter_user_last_name_max_length',
    'group',
    'name',
    'models.CharField(max_length=150, unique=True, verbose_name="name")',
  ),
  'auth/0011_update_proxy_permissions': `from django.db import migrations


def update_proxy_model_permissions(apps, schema_editor, reverse=False):
    """
    Update the content_type of proxy model permissions to use the ContentType
    of the proxy model.
    """


def revert_proxy_model_permissions(apps, schema_editor):
    """
    Update the content_type of proxy model permissions to use the ContentType
    of the concrete model.
    """
    update_proxy_model_permissions(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0010_alter_group_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(update_proxy_model_permissions, revert_proxy_model_permissions),
    ]
`,
  'auth/0012_alter_user_first_name_max_length': alterField(
    'auth',
    '0011_update_proxy_permissions',
    'user',
    'first_name',
    'models.CharField(blank=True, max_length=150, verbose_name="first name")',
  ),
  'admin/0001_initial': `import django.contrib.admin.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "__first__"),
    ]

    operations = [
        migrations.CreateModel(
            name="LogEntry",
            fields=[
                ${ID},
                ("action_time", models.DateTimeField(auto_now=True, verbose_name="action time")),
                ("object_id", models.TextField(null=True, verbose_name="object id", blank=True)),
                ("object_repr", models.CharField(max_length=200, verbose_name="object repr")),
                ("action_flag", models.PositiveSmallIntegerField(verbose_name="action flag")),
                ("change_message", models.TextField(verbose_name="change message", blank=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=models.SET_NULL,
                        blank=True,
                        null=True,
                        to="contenttypes.ContentType",
                        verbose_name="content type",
                    ),
                ),
                ("user", models.ForeignKey(to=settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name="user")),
            ],
            options={
                "ordering": ["-action_time"],
                "db_table": "django_admin_log",
                "verbose_name": "log entry",
                "verbose_name_plural": "log entries",
            },
            bases=(models.Model,),
            managers=[
                ("objects", django.contrib.admin.models.LogEntryManager()),
            ],
        ),
    ]
`,
  'admin/0002_logentry_remove_auto_add': `from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="logentry",
            name="action_time",
            field=models.DateTimeField(verbose_name="action time", default=timezone.now, editable=False),
        ),
    ]
`,
  'admin/0003_logentry_add_action_flag_choices': alterField(
    'admin',
    '0002_logentry_remove_auto_add',
    'logentry',
    'action_flag',
    'models.PositiveSmallIntegerField(choices=[(1, "Addition"), (2, "Change"), (3, "Deletion")], verbose_name="action flag")',
  ),
  'sessions/0001_initial': `import django.contrib.sessions.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(max_length=40, serialize=False, verbose_name="session key", primary_key=True),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(verbose_name="expire date", db_index=True)),
            ],
            options={
                "abstract": False,
                "db_table": "django_session",
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
            },
            managers=[
                ("objects", django.contrib.sessions.models.SessionManager()),
            ],
        ),
    ]
`,
};

function alterField(app: string, prev: string, model: string, name: string, field: string, validators = false): string {
  return `${validators ? 'from django.contrib.auth import validators\n' : ''}from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("${app}", "${prev}"),
    ]

    operations = [
        migrations.AlterField(
            model_name="${model}",
            name="${name}",
            field=${field},
        ),
    ]
`;
}

const APP_PACKAGES: Record<string, string> = {
  auth: 'django.contrib.auth',
  contenttypes: 'django.contrib.contenttypes',
  admin: 'django.contrib.admin',
  sessions: 'django.contrib.sessions',
};

const DEPENDENCIES: Record<string, [string, string][]> = {
  'contenttypes/0001_initial': [],
  'contenttypes/0002_remove_content_type_name': [['contenttypes', '0001_initial']],
  'auth/0001_initial': [['contenttypes', '__first__']],
  'auth/0006_require_contenttypes_0002': [
    ['auth', '0005_alter_user_last_login_null'],
    ['contenttypes', '0002_remove_content_type_name'],
  ],
  'auth/0011_update_proxy_permissions': [
    ['auth', '0010_alter_group_name_max_length'],
    ['contenttypes', '0002_remove_content_type_name'],
  ],
  'admin/0001_initial': [
    ['__setting__', 'AUTH_USER_MODEL'],
    ['contenttypes', '__first__'],
  ],
  'sessions/0001_initial': [],
};

/** Every built-in migration of the given contrib app labels, in name order per app. */
export function contribMigrations(appLabels: Iterable<string>): ContribMigration[] {
  const wanted = new Set(appLabels);
  const out: ContribMigration[] = [];
  const keys = Object.keys(SOURCES);
  for (const key of keys) {
    const [app, name] = key.split('/');
    if (!wanted.has(app)) continue;
    let deps = DEPENDENCIES[key];
    if (!deps) {
      const mine = keys.filter((k) => k.startsWith(app + '/'));
      const i = mine.indexOf(key);
      deps = [[app, mine[i - 1].split('/')[1]]];
    }
    const pkg = APP_PACKAGES[app];
    out.push({
      app,
      name,
      dependencies: deps,
      module: `${pkg}.migrations.${name}`,
      file: `/usr/lib/python3/dist-packages/${pkg.replace(/\./g, '/')}/migrations/${name}.py`,
      source: SOURCES[key],
    });
  }
  return out;
}

/** The migration module's source by (app, name), or undefined. */
export function contribMigrationSource(app: string, name: string): string | undefined {
  return SOURCES[`${app}/${name}`];
}
