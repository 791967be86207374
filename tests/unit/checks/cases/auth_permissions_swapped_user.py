#! argv: check
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
#! settings: AUTH_USER_MODEL = 'blog.Member'
from django.contrib.auth.models import AbstractUser
from django.db import models


class Member(AbstractUser):
    class Meta:
        permissions = [('add_member', 'Can add member')]
