#! argv: check --tag models
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
#! settings: MIDDLEWARE = ['django.contrib.auth.middleware.LoginRequiredMiddleware']
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
