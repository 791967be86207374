#! argv: check
#! argv: check --tag security
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
CSRF_TRUSTED_ORIGINS = ['https://example.com', 1]
