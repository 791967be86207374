#! argv: check
#! argv: check --deploy --fail-level ERROR
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
CACHES = {'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': 'tmp/cache'}}
