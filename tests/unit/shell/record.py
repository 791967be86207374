#!/usr/bin/env python3
"""Records the shell transcript fixtures from the real Django 5.2.

    DJANGO_PYTHONPATH=/tmp/dj52/usr/lib/python3/dist-packages python3 tests/unit/shell/record.py [name...]

Each transcripts/<name>.py starts with a header of `#!` lines:
    #! models: seed            (models/<models>.py becomes blog/models.py)
    #! mode: script|repl       (script: `manage.py shell < file`; repl: lines typed at a TTY)
    #! setup: seed             (optional: setup/<name>.sql run after migrate)
    #! argv: shell -v 2        (optional, default `shell`)
The recorded stdout/stderr/exit go to fixtures/<name>.json. Never edit fixtures by hand.
"""
import json, os, pty, select, shutil, sqlite3, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
DJ = os.environ.get('DJANGO_PYTHONPATH', '/tmp/dj52/usr/lib/python3/dist-packages')

MANAGE = '''#!/usr/bin/env python
import os, sys
if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
'''
SETTINGS = '''from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "x"
INSTALLED_APPS = ["blog"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
'''


def parse_header(text):
    meta = {'argv': 'shell', 'setup': None, 'debug': ''}
    for line in text.splitlines():
        if not line.startswith('#!'):
            break
        k, _, v = line[2:].partition(':')
        meta[k.strip()] = v.strip()
    body = '\n'.join(l for l in text.splitlines(True) if not l.startswith('#!')).lstrip('\n') if False else ''.join(
        l for l in text.splitlines(True) if not l.startswith('#!'))
    return meta, body


def run(cmd, cwd, stdin=''):
    env = dict(os.environ, PYTHONPATH=DJ)
    p = subprocess.run([sys.executable, 'manage.py'] + cmd, cwd=cwd, input=stdin, capture_output=True, text=True, env=env)
    return p


def run_repl(argv, cwd, lines):
    env = dict(os.environ, PYTHONPATH=DJ, TERM='dumb', PYTHONSTARTUP='')
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvpe(sys.executable, [sys.executable, 'manage.py'] + argv, env)
    out = b''

    def read_until_prompt(timeout=20):
        nonlocal out
        buf = b''
        end = time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return buf, True
                if not chunk:
                    return buf, True
                buf += chunk
                if buf.endswith(b'>>> ') or buf.endswith(b'... '):
                    # settle: make sure nothing else follows
                    r2, _, _ = select.select([fd], [], [], 0.3)
                    if not r2:
                        return buf, False
        return buf, False

    chunk, dead = read_until_prompt()
    out += chunk
    for line in lines:
        os.write(fd, line.encode() + b'\n')
        chunk, dead = read_until_prompt()
        out += chunk
        if dead:
            break
    os.write(fd, b'\x04')
    chunk, _ = read_until_prompt(5)
    out += chunk
    _, status = os.waitpid(pid, 0)
    text = out.decode().replace('\r\n', '\n')
    return text, os.waitstatus_to_exitcode(status)


def record(name):
    src = open(os.path.join(HERE, 'transcripts', name + '.py')).read()
    meta, body = parse_header(src)
    models = open(os.path.join(HERE, 'transcripts', 'models', meta['models'] + '.py')).read()
    setup_sql = open(os.path.join(HERE, 'transcripts', 'setup', meta['setup'] + '.sql')).read() if meta['setup'] else ''
    root = tempfile.mkdtemp(prefix='shellrec-')
    try:
        open(os.path.join(root, 'manage.py'), 'w').write(MANAGE)
        open(os.path.join(root, 'settings.py'), 'w').write(SETTINGS + ('DEBUG = True\n' if meta['debug'] else ''))
        os.makedirs(os.path.join(root, 'blog', 'migrations'))
        open(os.path.join(root, 'blog', '__init__.py'), 'w').write('')
        open(os.path.join(root, 'blog', 'migrations', '__init__.py'), 'w').write('')
        open(os.path.join(root, 'blog', 'models.py'), 'w').write(models)
        for cmd in (['makemigrations'], ['migrate']):
            p = run(cmd, root)
            assert p.returncode == 0, p.stderr
        if setup_sql:
            con = sqlite3.connect(os.path.join(root, 'db.sqlite3'))
            con.executescript(setup_sql)
            con.commit()
            con.close()
        argv = meta['argv'].split()
        if meta['mode'] == 'command':
            p = run(argv + ['-c', body], root)
            result = {'stdout': p.stdout, 'stderr': p.stderr, 'exit': p.returncode}
        elif meta['mode'] == 'script':
            p = run(argv, root, body)
            result = {'stdout': p.stdout, 'stderr': p.stderr, 'exit': p.returncode}
        else:
            text, code = run_repl(argv + ['-i', 'python'], root, body.rstrip('\n').split('\n'))
            result = {'output': text, 'exit': code}
        result['stdout' if 'stdout' in result else 'output'] = result.get('stdout', result.get('output')).replace(root, '<root>')
        if 'stderr' in result:
            result['stderr'] = result['stderr'].replace(root, '<root>')
        fixture = {'name': name, 'models': meta['models'], 'modelsSource': models, 'debug': bool(meta['debug']),
                   'setup': setup_sql, 'mode': meta['mode'], 'argv': argv,
                   'input': body, **result}
        with open(os.path.join(HERE, 'fixtures', name + '.json'), 'w') as f:
            json.dump(fixture, f, indent=1)
            f.write('\n')
        print('recorded', name, 'exit', result['exit'])
    finally:
        shutil.rmtree(root)


if __name__ == '__main__':
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(os.path.join(HERE, 'transcripts')) if f.endswith('.py'))
    for n in names:
        record(n)
