#! argv: help
#! argv: version
#! argv: makemigrations
import nosuch_module
SECRET_KEY = 'conformance'
INSTALLED_APPS = ['blog']
