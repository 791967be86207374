// The model layer's share of makemigrations on a big project stays small: loading 500 models
// and building their ProjectState must not grow quadratically.

import { describe, expect, it } from 'vitest';
import { ProjectState } from '../../../src/engine/db/migrations/state';
import { project } from './helpers';

function bigModels(n: number): string {
  let src = 'from django.db import models\n\n';
  for (let i = 0; i < n; i++) {
    src += `\nclass Model${i}(models.Model):\n    name = models.CharField(max_length=100)\n    count = models.IntegerField(default=0)\n    created = models.DateTimeField(auto_now_add=True)\n`;
    if (i > 0) src += `    parent = models.ForeignKey("Model${i - 1}", on_delete=models.CASCADE, related_name="children")\n`;
    src += `\n    class Meta:\n        ordering = ["name"]\n`;
  }
  return src;
}

describe('performance', () => {
  it('loads 500 models and builds the state quickly', () => {
    const src = bigModels(500);
    project({ blog: bigModels(20) });
    const t0 = performance.now();
    const p = project({ blog: src });
    const t1 = performance.now();
    const state = ProjectState.fromApps(p.apps);
    const t2 = performance.now();
    void state.relations;
    const t3 = performance.now();
    console.log(`setup ${(t1 - t0).toFixed(1)} ms, fromApps ${(t2 - t1).toFixed(1)} ms, relations ${(t3 - t2).toFixed(1)} ms`);
    expect(state.models.size).toBe(500);
    // A regression guard against quadratic work; the machine running the tests may be busy.
    expect(t2 - t0).toBeLessThan(6000);
  });
});
