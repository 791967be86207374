#! argv: makemigrations
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)

    class Meta:
        permissions = [('change_post', 'Can edit')]
