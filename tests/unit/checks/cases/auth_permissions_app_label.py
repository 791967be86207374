#! argv: check blog --tag models
#! apps: django.contrib.auth, django.contrib.contenttypes, blog
from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)

    class Meta:
        default_permissions = ()
        permissions = [('publish', 'Can publish'), ('publish', 'Can really publish'), ('view_post', 'Can view')]
