#! argv: check --deploy
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
ALLOWED_HOSTS = '*'
