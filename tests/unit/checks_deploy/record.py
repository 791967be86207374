#!/usr/bin/env python3
"""Records what the real Django 5.2 prints for the deployment check cases.

    DJANGO_PYTHONPATH=/tmp/dj52/usr/lib/python3/dist-packages python3 tests/unit/checks_deploy/record.py [name...]

Each cases/<name>.py is a settings.py (DATABASES and DEFAULT_AUTO_FIELD are added) with
`#! argv: check --deploy` lines, one per run of manage.py. The project has one app, blog,
with one model. stdout, stderr and the exit status of every run go to fixtures/<name>.json.
Never edit fixtures by hand.
"""
import json, os, shlex, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DJ = os.environ.get('DJANGO_PYTHONPATH', '/tmp/dj52/usr/lib/python3/dist-packages')

MANAGE = '''#!/usr/bin/env python3
import os, sys
if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
'''

MODELS = '''from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
'''

BASE = ("DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"
        "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n")


def parse(text):
    argvs, body = [], []
    for line in text.splitlines(True):
        if line.startswith('#! argv:'):
            argvs.append(shlex.split(line[len('#! argv:'):]))
        else:
            body.append(line)
    return argvs, BASE + ''.join(body)


def record(name):
    with open(os.path.join(HERE, 'cases', name + '.py')) as f:
        argvs, settings = parse(f.read())
    runs = []
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, 'manage.py'), 'w') as f:
            f.write(MANAGE)
        with open(os.path.join(root, 'settings.py'), 'w') as f:
            f.write(settings)
        os.makedirs(os.path.join(root, 'blog', 'migrations'))
        for p in ('blog/__init__.py', 'blog/migrations/__init__.py'):
            open(os.path.join(root, p), 'w').close()
        with open(os.path.join(root, 'blog', 'models.py'), 'w') as f:
            f.write(MODELS)
        env = dict(os.environ, PYTHONPATH=DJ)
        env.pop('DJANGO_ALLOW_ASYNC_UNSAFE', None)
        for argv in argvs:
            p = subprocess.run([sys.executable, 'manage.py', *argv], cwd=root, capture_output=True, text=True, env=env)
            runs.append({'argv': argv, 'stdout': p.stdout.replace(root, '<project>'),
                         'stderr': p.stderr.replace(root, '<project>'), 'exit': p.returncode})
    with open(os.path.join(HERE, 'fixtures', name + '.json'), 'w') as f:
        json.dump({'settings': settings, 'models': MODELS, 'runs': runs}, f, indent=1, sort_keys=True)
        f.write('\n')
    print(name, 'exits', [r['exit'] for r in runs])


if __name__ == '__main__':
    names = sys.argv[1:] or sorted(n[:-3] for n in os.listdir(os.path.join(HERE, 'cases')) if n.endswith('.py'))
    for n in names:
        record(n)
