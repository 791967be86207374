#! argv: check --deploy
SECRET_KEY = 'q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl2kPz8xWv0bNm'
ALLOWED_HOSTS = ['*']
INSTALLED_APPS = ['django.contrib.sessions', 'blog']
SESSION_COOKIE_HTTPONLY = False
