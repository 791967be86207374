// sqlsequencereset run through the engine's Project over a sql.js database.
import { describe, expect, it } from 'vitest';
import { project } from './project';

describe('sqlsequencereset', () => {
  it('has nothing to print on SQLite', async () => {
    const run = await project({ blog: 'from django.db import models\n\n\nclass Post(models.Model):\n    title = models.TextField()\n', notes: null });
    expect(await run('sqlsequencereset', 'blog')).toEqual({ exit: 0, stdout: '', stderr: 'No sequences found.\n' });
    expect(await run('sqlsequencereset', '-v', '0', 'blog')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(await run('sqlsequencereset', 'notes')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(await run('sqlsequencereset', 'shop')).toEqual({
      exit: 1,
      stdout: '',
      stderr: "CommandError: No installed app with label 'shop'.. Are you sure your INSTALLED_APPS setting is correct?\n",
    });
    const missing = await run('sqlsequencereset');
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toMatch(/error: Enter at least one application label\.\n$/);
  }, 30000);
});
