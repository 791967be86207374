#! argv: check --list-tags
#! argv: check --list-tags --deploy
#! argv: check --tag admin
#! argv: check --tag staticfiles
#! argv: check --deploy --tag admin --tag security
SECRET_KEY = 'conformance'
INSTALLED_APPS = [
    'django.contrib.admin.apps.SimpleAdminConfig',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'django.contrib.humanize',
    'blog',
]
