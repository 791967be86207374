#! argv: diffsettings
#! argv: diffsettings --default base_settings
#! argv: diffsettings --default base_settings --all --output unified
#! argv: diffsettings --default missing_settings
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'blog']
DATABASES = {
    'default': {'NAME': 'db.sqlite3', 'ENGINE': 'django.db.backends.sqlite3', 'TEST': {'NAME': 'test.sqlite3'}},
    'other': {},
    'blank': {'ENGINE': ''},
}
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
#! file: base_settings.py
from settings import *

DEBUG = True
SECRET_KEY = 'base'
