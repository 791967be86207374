#! argv: check
#! argv: check --tag caches
#! argv: check --tag models
#! argv: makemigrations --dry-run
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
CACHES = {
    'files': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': 'cache_dir'},
    'abs': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/var/tmp/django_cache_conformance'},
    'mem': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},
}
