#! argv: check --deploy
#! argv: check --deploy --tag security
#! argv: check --deploy --tag models
SECRET_KEY = 'q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl2kPz8xWv0bNm'
ALLOWED_HOSTS = ['*']
INSTALLED_APPS = ['blog']
MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware']
SECURE_REFERRER_POLICY = 'no-referrer, strict-origin ,bogus'
SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-site'
X_FRAME_OPTIONS = 'SAMEORIGIN'
SECURE_SSL_REDIRECT = True
