#! argv: check
#! argv: check --tag compatibility
#! argv: check --tag security
#! argv: migrate
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
CSRF_TRUSTED_ORIGINS = ['https://example.com', 'example.org', '*.example.net', 'http://*.example.io']
