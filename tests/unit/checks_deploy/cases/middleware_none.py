#! argv: check --deploy
#! argv: check
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
MIDDLEWARE = None
