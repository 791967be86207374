#! argv: diffsettings
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
DATABASES = {'default': {'NAME': 'db.sqlite3', 'ENGINE': 'django.db.backends.sqlite3'}}
#! file: blog/models.py
from django.db import models


class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
