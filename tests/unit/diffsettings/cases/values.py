#! argv: diffsettings
#! argv: diffsettings --output unified
import os

SECRET_KEY = 'django-insecure-abc'
DEBUG = True
ALLOWED_HOSTS = ('localhost', '127.0.0.1')
INSTALLED_APPS = ['blog']
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join('db.sqlite3')}}
TIMEOUT = 1.5
RATIO = 1e-7
BIG = 10**20
NEG = -0.0
INF = float('inf')
EMPTY_SET = set()
RAW = b'\x00abc\'"'
QUOTE = "it's \"here\"\n\ttab \u00e9 \U0001F600 \x7f"
NESTED = {'x': [1, (2,), (3, 4)], 'y': None, 1: True, 2.5: False}
FROZEN = frozenset()
LANGUAGES = [('en', 'English')]
USE_TZ = False
TIME_ZONE = 'UTC'
CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}
FILE_UPLOAD_PERMISSIONS = 0o644
_PRIVATE = 1
lower = 2
X2 = range(3)
