// What the engine can do today, probed once, so engine-dependent lesson tests run as soon as
// the engine can do their part (and say why they are skipped until then).
import { singlePhase } from '../../../src/lessons/load';
import { materialize } from '../../../src/lessons/runner';
import { engineFactory } from './helpers';

export interface EngineCaps {
  models: boolean;
  makemigrations: boolean;
  migrate: boolean;
  graph: boolean;
  tables: boolean;
  shell: boolean;
  /** RunPython with apps.get_model, objects.all() and save(). */
  runPython: boolean;
  /** Why the engine is not usable at all, if it is not. */
  broken?: string;
}

const SETTINGS = "SECRET_KEY = 'x'\nINSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n";
const MODELS = 'from django.db import models\n\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n\n    def __str__(self):\n        return self.title\n';

const RUN_PYTHON = `from django.db import migrations


def forwards(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    for post in Post.objects.all():
        post.title = post.title.replace(" ", "-")
        post.save()


class Migration(migrations.Migration):

    dependencies = [("blog", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
`;

export async function probeEngine(): Promise<EngineCaps> {
  const caps: EngineCaps = { models: false, makemigrations: false, migrate: false, graph: false, tables: false, shell: false, runPython: false };
  try {
    const { project } = await materialize(
      singlePhase({ 'settings.py': SETTINGS, 'blog/__init__.py': '', 'blog/migrations/__init__.py': '', 'blog/models.py': MODELS }, []),
      engineFactory,
    );
    const safe = <T>(f: () => T, fallback: T): T => { try { return f(); } catch { return fallback; } };
    caps.models = safe(() => project.models().some((m) => m.name === 'Post' && m.fields.some((f) => f.name === 'title')), false);
    const mk = await project.runCommand({ argv: ['makemigrations'] });
    caps.makemigrations = mk.exitCode === 0 && mk.stdout.includes('0001_initial.py') && project.files()['blog/migrations/0001_initial.py'] !== undefined;
    if (caps.makemigrations) {
      const mg = await project.runCommand({ argv: ['migrate'] });
      caps.migrate = mg.exitCode === 0 && mg.stdout.includes('Applying blog.0001_initial... OK');
      caps.tables = safe(() => project.tables().some((t) => t.name === 'blog_post' && t.columns.some((c) => c.name === 'title')), false);
      caps.graph = safe(() => project.migrationGraph().some((n) => n.app === 'blog' && n.name === '0001_initial' && n.applied), false);
      if (caps.migrate) {
        project.db.exec("INSERT INTO blog_post (title) VALUES ('a b')");
        project.writeFiles({ 'blog/migrations/0002_data.py': RUN_PYTHON });
        const rp = await project.runCommand({ argv: ['migrate'] });
        const rows = project.query('SELECT title FROM blog_post');
        caps.runPython = rp.exitCode === 0 && rows[0]?.values[0]?.[0] === 'a-b';
        const sh = await project.runCommand({ argv: ['shell'], stdin: "Post.objects.create(title='Hi')\nprint(Post.objects.all())\n" });
        caps.shell = sh.exitCode === 0 && /<QuerySet \[.*<Post: Hi>\]>/.test(sh.stdout);
      }
    }
  } catch (e) {
    caps.broken = e instanceof Error ? e.message : String(e);
  }
  return caps;
}
