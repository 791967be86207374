// The project a new student starts from (the seed lesson's blog app) when no lesson supplies one.
import type { FileMap } from './engine/protocol';

export const STARTER_FILES: FileMap = {
  'settings.py':
    "SECRET_KEY = 'playground'\n" +
    'INSTALLED_APPS = [\n    \'blog\',\n]\n' +
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n" +
    "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n" +
    'USE_TZ = True\n',
  'blog/__init__.py': '',
  'blog/migrations/__init__.py': '',
  'blog/models.py':
    'from django.db import models\n\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n    content = models.TextField()\n',
};
