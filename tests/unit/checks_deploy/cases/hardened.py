#! argv: check --deploy
#! argv: check --deploy --fail-level WARNING
SECRET_KEY = 'q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl2kPz8xWv0bNm'
SECRET_KEY_FALLBACKS = ['short', 'q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl2kPz8xWv0bNm', 'django-insecure-q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl']
ALLOWED_HOSTS = ['example.com']
INSTALLED_APPS = ['django.contrib.sessions', 'blog']
MIDDLEWARE = (
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
