// End-to-end in Chromium: the seed lesson "Migrations — makemigrations & migrate". Completes the
// warm-up and practice task parts (1) and (2) through the lesson panel (check, hint, solution,
// check again), part (3) in the panel's shell box, and answers the whole quiz correctly;
// axe-core finds no serious violation in the panel on the way.
// In the format of tests/e2e/run.mjs; to run it there, re-export it from a tests/e2e/*.e2e.mjs
// file:  export { tests } from '../unit/lessons/e2e/seed-lesson.e2e.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const quiz = parse(readFileSync(fileURLToPath(new URL('../../../../lessons/04-makemigrations-and-migrate/quiz.yaml', import.meta.url)), 'utf8'));

async function completeTask(page, id) {
  const task = page.locator(`[data-testid=task-${id}]`);
  await task.locator('button', { hasText: 'Check my work' }).click();
  await task.locator('[data-testid=task-feedback]').waitFor();
  if (!(await task.locator('.lp-fb-essential').count())) throw new Error(`task ${id} passed before any work`);
  await task.locator('button', { hasText: /hint/ }).click();
  await task.locator('.lp-hints li').first().waitFor();
  await task.locator('button', { hasText: 'Show solution' }).click();
  await task.locator('button', { hasText: 'Use this solution' }).click();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(1000);
    await task.locator('button', { hasText: 'Check my work' }).click();
    await page.waitForTimeout(300);
    if (await task.locator('.lp-fb-celebratory').count()) return;
  }
  throw new Error(`task ${id} still fails: ${await task.locator('[data-testid=task-feedback]').innerText()}`);
}

async function answerQuiz(page) {
  for (const q of quiz.questions) {
    const box = page.locator(`[data-testid=question-${q.id}]`);
    if (q.type === 'single' || q.type === 'multiple') {
      const inputs = box.locator('input');
      for (const [i, o] of q.options.entries()) if (o.correct) await inputs.nth(i).check();
      await box.locator('button', { hasText: 'Check answer' }).click();
    } else if (q.type === 'order') {
      for (let target = 0; target < q.steps.length; target++) {
        const items = await box.locator('ol.lp-order li .lp-order-text').allInnerTexts();
        let at = items.findIndex((t) => t.trim() === q.steps[target]);
        while (at > target) {
          await box.locator('ol.lp-order li').nth(at).locator('button', { hasText: '↑' }).click();
          at--;
        }
      }
      await box.locator('button', { hasText: 'Check order' }).click();
    } else if (q.type === 'output') {
      await box.locator('input').first().waitFor({ timeout: 60000 });
      const n = await box.locator('input').count();
      for (let i = 0; i < n; i++) {
        await box.locator('input').nth(i).check();
        await box.locator('button', { hasText: 'Check answer' }).click();
        if (await box.locator('.lp-grade-ok').count()) break;
        await box.locator('button', { hasText: 'Try again' }).click();
      }
    }
    await box.locator('.lp-grade-ok').waitFor({ timeout: 5000 });
  }
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core on the lesson panel: no serious or critical violation. */
async function axeLessonPanel(page, label) {
  await page.addScriptTag({ path: axePath }).catch(() => {});
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [['[data-testid="lesson-panel"]']] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  if (violations.length) throw new Error(`${label}: ${violations.join('; ')}`);
}

export const tests = [
  {
    name: 'seed lesson: tasks (warm-up, 1, 2, 3) and the quiz',
    run: async (t) => {
      const { page, baseUrl } = t;
      await page.goto(`${baseUrl}?lesson=makemigrations-and-migrate`);
      await page.locator('[data-testid=lesson-panel]').waitFor({ timeout: 60000 });
      // The text's commands are computed by the engine, not pasted.
      await page.locator('[data-testid=lesson-command] .lp-out', { hasText: '0002_post_views_count.py' }).first().waitFor({ timeout: 60000 });
      for (const id of ['workflow', 'comments', 'tags']) await completeTask(page, id);
      // Part (3): reverse lookups, typed into the panel's shell box.
      const shell = page.locator('[data-testid=task-shell]');
      await shell.locator('textarea').fill(
        'post = Post.objects.create(title="Hello", content="First post")\n' +
          'Comment.objects.create(post=post, author="ann", body="Great start!")\n' +
          'django = Tag.objects.create(name="django")\npost.tags.add(django)\n' +
          'print(post.comments.all())\nprint(django.post_set.all())',
      );
      await shell.locator('button', { hasText: 'Run in the shell' }).click();
      await shell.locator('.lp-out', { hasText: '<QuerySet [<Comment: Great start!>]>' }).waitFor({ timeout: 30000 });
      await shell.locator('button', { hasText: 'Check my work' }).click();
      await shell.locator('.lp-fb-celebratory').waitFor({ timeout: 10000 });
      await axeLessonPanel(page, 'after the tasks, with feedback, hints and solutions open');
      await answerQuiz(page);
      const score = await page.locator('[data-testid=quiz-score]').innerText();
      if (!score.includes(`${quiz.questions.length} / ${quiz.questions.length}`)) throw new Error(`quiz score: ${score}`);
    },
  },
];
