"""Real Django's makemigrations work after one edit, timed in a warm process.

Usage: python3 bench/django_makemigrations.py PROJECT_DIR [--runs N] [--warmup N] [--models LABEL]

PROJECT_DIR holds settings.py, the app folders with the already edited models.py and the
migrations written before the edit (bench/makemigrations.mjs writes it). The timed part is what
makemigrations does once the models are imported: the loader's state from the migrations,
ProjectState.from_apps, the autodetector's changes and MigrationWriter.as_string for each new
migration. Prints one JSON line; if Django cannot be imported, a "skipped" line instead.
"""

import argparse
import json
import os
import runpy
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--models", default=None)
    args = parser.parse_args()

    try:
        import django
        from django.conf import settings
    except ImportError:
        print(json.dumps({"bench": "makemigrations-django", "skipped": "Django not importable"}))
        return 0

    project = os.path.abspath(args.project)
    sys.path.insert(0, project)
    namespace = runpy.run_path(os.path.join(project, "settings.py"))
    config = {k: v for k, v in namespace.items() if k.isupper()}
    # The database is never touched; keep it off the disk.
    config["DATABASES"] = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    settings.configure(**config)
    django.setup()  # imports models.py: not timed

    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState
    from django.db.migrations.writer import MigrationWriter

    def one_run():
        loader = MigrationLoader(None, ignore_no_migrations=True)
        from_state = loader.project_state()
        to_state = ProjectState.from_apps(apps)
        questioner = NonInteractiveMigrationQuestioner(specified_apps=set(), dry_run=True)
        autodetector = MigrationAutodetector(from_state, to_state, questioner)
        changes = autodetector.changes(graph=loader.graph)
        texts = [MigrationWriter(m).as_string() for ms in changes.values() for m in ms]
        return texts

    times = []
    texts = []
    for i in range(args.warmup + args.runs):
        t0 = time.perf_counter()
        texts = one_run()
        ms = (time.perf_counter() - t0) * 1000
        if i >= args.warmup:
            times.append(ms)
    if not texts:
        print("django_makemigrations: no changes detected", file=sys.stderr)
        return 1

    label = args.models
    models = label if label == "seed" or label is None else int(label)
    print(json.dumps({"bench": "makemigrations-django", "models": models, "median_ms": round(sorted(times)[len(times) // 2], 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
