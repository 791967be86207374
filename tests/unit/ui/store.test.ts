import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { decodeShareHash, encodeShareHash } from '../../../src/ui/store/shareLink';
import { isSafePath, sanitizeFiles } from '../../../src/ui/store/untrusted';
import { exportFiles, unzipProject, zipProject } from '../../../src/ui/store/zipProject';

const files = {
  'settings.py': "INSTALLED_APPS = ['blog']\n",
  'blog/models.py': 'from django.db import models\n',
  'blog/migrations/0001_initial.py': '# migration\n',
};

describe('share links', () => {
  it('round-trip the files', () => {
    const hash = encodeShareHash(files, 'lesson:01-first-model');
    expect(hash.startsWith('#project/')).toBe(true);
    expect(decodeShareHash(hash)).toEqual({ files, workspace: 'lesson:01-first-model' });
    expect(decodeShareHash(encodeShareHash(files, '<evil>'))?.workspace).toBeNull();
  });
  it('reject garbage and unsafe paths', () => {
    expect(decodeShareHash('#project/%%%')).toBeNull();
    expect(decodeShareHash('#other')).toBeNull();
    const hostile = encodeShareHash({ '../x.py': 'a', '/etc/passwd': 'b', 'ok.py': 'c', 'a/<img>.py': 'd' } as Record<string, string>);
    expect(decodeShareHash(hostile)?.files).toEqual({ 'ok.py': 'c' });
  });
});

describe('untrusted content', () => {
  it('keeps only plain relative paths', () => {
    expect(isSafePath('blog/models.py')).toBe(true);
    for (const bad of ['', '/abs', '../up', 'a//b', 'a/./b', 'a\\b', 'x<y', 'nul\0']) expect(isSafePath(bad)).toBe(false);
    expect(sanitizeFiles({ 'a.py': 1, 'b.py': 'ok' })).toEqual({ 'b.py': 'ok' });
    expect(sanitizeFiles(['x'])).toBeNull();
  });
});

describe('zip export and import', () => {
  it('exports a runnable Django project', () => {
    const out = exportFiles(files);
    expect(out['manage.py']).toContain('DJANGO_SETTINGS_MODULE", "settings"');
    expect(out['blog/__init__.py']).toBe('');
    expect(out['blog/migrations/__init__.py']).toBe('');
    expect(out['README.md']).toContain('python manage.py migrate');
  });
  it('imports what it exports, with the database', () => {
    const db = new Uint8Array([1, 2, 3]);
    const back = unzipProject(zipProject(files, db));
    expect(back.files).toEqual({ ...files, 'blog/__init__.py': '', 'blog/migrations/__init__.py': '' });
    expect([...(back.db ?? [])]).toEqual([1, 2, 3]);
  });
  it('imports a zip with files at the top and ignores caches', () => {
    const zip = zipSync({ 'settings.py': strToU8('X = 1\n'), 'blog/__pycache__/m.pyc.py': strToU8('x'), 'blog/models.py': strToU8('') });
    expect(unzipProject(zip).files).toEqual({ 'settings.py': 'X = 1\n', 'blog/models.py': '' });
  });
  it('explains what is wrong', () => {
    expect(() => unzipProject(new Uint8Array([1, 2, 3]))).toThrow('not a zip');
    expect(() => unzipProject(zipSync({ 'a.txt': strToU8('x') }))).toThrow('No settings.py');
  });
});
