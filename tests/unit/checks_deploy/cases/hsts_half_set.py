#! argv: check --deploy
# 1 is not True: the checks that want True say so.
SECRET_KEY = 'q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl2kPz8xWv0bNm'
ALLOWED_HOSTS = ['*']
MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']
INSTALLED_APPS = ['blog']
SECURE_HSTS_SECONDS = 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = 1
SECURE_SSL_REDIRECT = 1
SECURE_CONTENT_TYPE_NOSNIFF = False
CSRF_USE_SESSIONS = True
