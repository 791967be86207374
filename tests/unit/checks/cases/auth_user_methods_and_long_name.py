#! argv: check
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
#! settings: AUTH_USER_MODEL = 'blog.Member'
from django.contrib.auth.models import AbstractBaseUser
from django.db import models


class Member(AbstractBaseUser):
    email = models.EmailField(unique=True)
    USERNAME_FIELD = 'email'

    def is_anonymous(self):
        return False

    def is_authenticated(self):
        return True


class AVeryLongModelNameThatGoesOnAndOnAndOnForeverAndEverAndEverUntilTheEndOfTimeAndBeyondItAllAndMoreAndMoreStill(models.Model):
    pass
