#! argv: diffsettings
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
DATABASES = {'default': {'NAME': 'db.sqlite3', 'ENGINE': 'django.db.backends.sqlite3'}}
#! file: blog/models.py
from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        db_table = 'tags'


class Post(models.Model):
    title = models.CharField(max_length=20)

    class Meta:
        db_table = 'posts'
