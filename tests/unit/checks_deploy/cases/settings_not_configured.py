#! argv: help
#! argv: --help
#! argv: help --commands
#! argv: version
#! argv: check
#! argv: help check
SECRET_KEY = 'conformance'
INSTALLED_APPS = 'blog'
