#! argv: diffsettings
#! argv: diffsettings --default bad_settings
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
DATABASES = {'default': {'NAME': 'db.sqlite3', 'ENGINE': 'django.db.backends.sqlite3'}}
#! file: bad_settings.py
INSTALLED_APPS = 'blog'
