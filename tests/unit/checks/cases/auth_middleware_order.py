#! argv: check
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
#! settings: MIDDLEWARE = ['django.contrib.auth.middleware.LoginRequiredMiddleware', 'django.contrib.auth.middleware.AuthenticationMiddleware']
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
