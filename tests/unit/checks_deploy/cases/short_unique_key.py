#! argv: check --deploy
#! argv: check --deploy --tag async_support
SECRET_KEY = 'abababababababababababababababababababababababababababab'
ALLOWED_HOSTS = ['*']
INSTALLED_APPS = ['blog']
MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware', 'django.middleware.security.SecurityMiddleware']
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_COOKIE_SECURE = True
