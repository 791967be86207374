#! argv: diffsettings
#! argv: diffsettings --all
#! argv: diffsettings --output unified
#! argv: diffsettings --output unified --all
#! argv: diffsettings --default settings
#! argv: diffsettings --default settings --output unified
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}
