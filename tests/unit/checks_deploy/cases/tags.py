#! argv: check --list-tags
#! argv: check --list-tags --deploy
#! argv: check --tag security
#! argv: check --tag async_support
#! argv: check --deploy --tag async_support
#! argv: check --tag admin
#! argv: check --tag signals
#! argv: check --tag staticfiles
#! argv: check --tag caches --tag commands --tag compatibility --tag database --tag files --tag templates --tag translation --tag urls
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
