#!/usr/bin/env python3
"""Records what the real Django 5.2 prints for the system check cases.

    DJANGO_PYTHONPATH=/tmp/dj52/usr/lib/python3/dist-packages python3 tests/unit/checks/record.py [name...]

Each cases/<name>.py is a blog/models.py with a header of `#!` lines:
    #! argv: check blog --tag models     (the manage.py arguments)
    #! apps: django.contrib.auth, blog    (INSTALLED_APPS)
    #! settings: MIDDLEWARE = [...]      (optional, any number: extra settings lines)
stdout, stderr and the exit status go to fixtures/<name>.json. Never edit fixtures by hand.
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


def parse(text):
    meta = {'argv': 'check', 'apps': 'blog', 'settings': []}
    body = []
    for line in text.splitlines(True):
        if line.startswith('#!'):
            k, _, v = line[2:].partition(':')
            if k.strip() == 'settings':
                meta['settings'].append(v.strip())
            else:
                meta[k.strip()] = v.strip()
        else:
            body.append(line)
    return meta, ''.join(body)


def settings_py(meta):
    apps = [a.strip() for a in meta['apps'].split(',') if a.strip()]
    lines = ["SECRET_KEY = 'x'", 'INSTALLED_APPS = %r' % apps,
             "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}",
             "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'", 'USE_TZ = True', *meta['settings']]
    return '\n'.join(lines) + '\n'


def record(name):
    with open(os.path.join(HERE, 'cases', name + '.py')) as f:
        meta, models = parse(f.read())
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, 'manage.py'), 'w') as f:
            f.write(MANAGE)
        with open(os.path.join(root, 'settings.py'), 'w') as f:
            f.write(settings_py(meta))
        os.makedirs(os.path.join(root, 'blog', 'migrations'))
        for p in ('blog/__init__.py', 'blog/migrations/__init__.py'):
            open(os.path.join(root, p), 'w').close()
        with open(os.path.join(root, 'blog', 'models.py'), 'w') as f:
            f.write(models)
        env = dict(os.environ, PYTHONPATH=DJ)
        p = subprocess.run([sys.executable, 'manage.py', *shlex.split(meta['argv'])], cwd=root, capture_output=True, text=True, env=env)
        out = {'argv': shlex.split(meta['argv']), 'settings': settings_py(meta), 'models': models,
               'stdout': p.stdout.replace(root, '<project>'), 'stderr': p.stderr.replace(root, '<project>'), 'exit': p.returncode}
    with open(os.path.join(HERE, 'fixtures', name + '.json'), 'w') as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write('\n')
    print(name, 'exit', out['exit'])


if __name__ == '__main__':
    names = sys.argv[1:] or sorted(n[:-3] for n in os.listdir(os.path.join(HERE, 'cases')) if n.endswith('.py'))
    for n in names:
        record(n)
