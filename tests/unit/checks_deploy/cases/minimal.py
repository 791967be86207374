#! argv: check --deploy
#! argv: check --deploy --fail-level WARNING
#! argv: check --deploy --fail-level ERROR
#! argv: check blog --deploy
#! argv: check
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
