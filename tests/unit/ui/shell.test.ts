import { describe, expect, it } from 'vitest';
import { complete, LineEditor, parseCommandLine, tokenize } from '../../../src/ui/terminal/shell';

const ctx = {
  apps: ['blog', 'shop'],
  migrations: [
    { app: 'blog', name: '0001_initial' },
    { app: 'blog', name: '0002_post_views_count' },
  ],
  files: ['settings.py', 'blog/models.py', 'blog/migrations/0001_initial.py'],
};

describe('parseCommandLine', () => {
  it('accepts the ways of calling manage.py', () => {
    expect(parseCommandLine('python manage.py migrate blog zero')).toEqual({ kind: 'manage', argv: ['migrate', 'blog', 'zero'] });
    expect(parseCommandLine('python3 manage.py showmigrations')).toEqual({ kind: 'manage', argv: ['showmigrations'] });
    expect(parseCommandLine('./manage.py makemigrations --dry-run')).toEqual({ kind: 'manage', argv: ['makemigrations', '--dry-run'] });
    expect(parseCommandLine('python manage.py')).toEqual({ kind: 'manage', argv: [] });
  });
  it('knows the shell built-ins', () => {
    expect(parseCommandLine('  clear ')).toEqual({ kind: 'clear' });
    expect(parseCommandLine('ls blog')).toEqual({ kind: 'ls', path: 'blog' });
    expect(parseCommandLine('cat blog/models.py')).toEqual({ kind: 'cat', paths: ['blog/models.py'] });
    expect(parseCommandLine('')).toEqual({ kind: 'empty' });
    expect(parseCommandLine('rm -rf /').kind).toBe('error');
  });
  it('handles quotes', () => {
    expect(tokenize(`a "b c" 'd e' f\\ g`)).toEqual(['a', 'b c', 'd e', 'f g']);
    expect(tokenize('"open')).toBeNull();
    expect(parseCommandLine('python manage.py makemigrations --name "add views"')).toEqual({
      kind: 'manage',
      argv: ['makemigrations', '--name', 'add views'],
    });
  });
});

describe('complete', () => {
  it('completes commands, apps and migration names', () => {
    expect(complete('python manage.py makem', ctx).line).toBe('python manage.py makemigrations ');
    expect(complete('python manage.py s', ctx).options).toEqual(['shell', 'showmigrations', 'sqlmigrate', 'sqlsequencereset', 'squashmigrations']);
    expect(complete('python manage.py migrate b', ctx).line).toBe('python manage.py migrate blog ');
    expect(complete('python manage.py sqlmigrate blog 0002', ctx).line).toBe('python manage.py sqlmigrate blog 0002_post_views_count ');
    expect(complete('python manage.py migrate blog ', ctx).options).toEqual(['0001_initial', '0002_post_views_count', 'zero']);
    expect(complete('python manage.py migrate blog 000', ctx).line).toBe('python manage.py migrate blog 000');
    expect(complete('./manage.py migrate --pl', ctx).line).toBe('./manage.py migrate --plan ');
  });
  it('completes the first word and file names', () => {
    expect(complete('py', ctx).line).toBe('python');
    expect(complete('python m', ctx).line).toBe('python manage.py ');
    expect(complete('cat blog/mo', ctx).line).toBe('cat blog/models.py ');
  });
});

describe('LineEditor', () => {
  it('edits and walks the history', () => {
    const ed = new LineEditor(['first']);
    ed.insert('secnd');
    ed.left();
    ed.left();
    ed.insert('o');
    expect(ed.buffer).toBe('second');
    ed.up();
    expect(ed.buffer).toBe('first');
    ed.down();
    expect(ed.buffer).toBe('second');
    expect(ed.submit()).toBe('second');
    expect(ed.history).toEqual(['first', 'second']);
    ed.up();
    expect(ed.buffer).toBe('second');
  });
});
