#! argv: check --deploy
#! argv: check --deploy --fail-level WARNING
SECRET_KEY = ''
DEBUG = 1
INSTALLED_APPS = ['blog']
SILENCED_SYSTEM_CHECKS = ['security.W001', 'security.W002', 'security.W003', 'security.W020']
