#!/usr/bin/env python3
"""Records what the real Django 5.2 prints for the diffsettings cases.

    DJANGO_PYTHONPATH=/tmp/dj52/usr/lib/python3/dist-packages python3 tests/unit/diffsettings/record.py [name...]

Each cases/<name>.py holds the project's files: first settings.py, then after a line
`#! file: <path>` each further file (blog/models.py, another settings module...). Lines
`#! argv: diffsettings --all` name the runs of manage.py. stdout, stderr and the exit status
of every run go to fixtures/<name>.json. Never edit fixtures by hand.
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
    argvs, files, current = [], {'settings.py': '', 'blog/models.py': 'from django.db import models\n'}, 'settings.py'
    files[current] = ''
    for line in text.splitlines(True):
        if line.startswith('#! argv:'):
            argvs.append(shlex.split(line[len('#! argv:'):]))
        elif line.startswith('#! file:'):
            current = line[len('#! file:'):].strip()
            files[current] = ''
        else:
            files[current] += line
    return argvs, files


def record(name):
    with open(os.path.join(HERE, 'cases', name + '.py')) as f:
        argvs, files = parse(f.read())
    runs = []
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, 'manage.py'), 'w') as f:
            f.write(MANAGE)
        os.makedirs(os.path.join(root, 'blog', 'migrations'))
        for p in ('blog/__init__.py', 'blog/migrations/__init__.py'):
            open(os.path.join(root, p), 'w').close()
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), 'w') as f:
                f.write(text)
        env = dict(os.environ, PYTHONPATH=DJ)
        for argv in argvs:
            p = subprocess.run([sys.executable, 'manage.py', *argv], cwd=root, capture_output=True, text=True, env=env)
            runs.append({'argv': argv, 'stdout': p.stdout.replace(root, '<project>'),
                         'stderr': p.stderr.replace(root, '<project>'), 'exit': p.returncode})
    with open(os.path.join(HERE, 'fixtures', name + '.json'), 'w') as f:
        json.dump({'files': files, 'runs': runs}, f, indent=1, sort_keys=True)
        f.write('\n')
    print(name, 'exits', [r['exit'] for r in runs])


if __name__ == '__main__':
    names = sys.argv[1:] or sorted(n[:-3] for n in os.listdir(os.path.join(HERE, 'cases')) if n.endswith('.py'))
    for n in names:
        record(n)
