# Runs inside a Django project folder (by record.py): prints the models, tables and migration graph as JSON.
import json, os, sys, sqlite3
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
import django
django.setup()
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

local = [a for a in apps.get_app_configs() if not a.name.startswith('django.')]
models = []
for ac in local:
    for m in ac.get_models(include_auto_created=False):
        fields = []
        for f in m._meta.get_fields(include_hidden=False):
            if f.auto_created and not f.concrete:
                continue
            if not (f.concrete or f.many_to_many):
                continue
            d = {"name": f.name, "type": f.__class__.__name__, "column": f.column if f.concrete else None,
                 "dbType": f.db_type(connection) if f.concrete else None,
                 "primaryKey": bool(f.primary_key), "unique": bool(f.unique), "null": bool(f.null)}
            if f.is_relation and f.related_model is not None:
                d["relatedModel"] = f.related_model._meta.label
                d["relation"] = 'many-to-many' if f.many_to_many else 'one-to-one' if f.one_to_one else 'many-to-one'
                d["relatedName"] = f.remote_field.related_name
                if f.many_to_many and not f.remote_field.through._meta.auto_created:
                    d["through"] = f.remote_field.through._meta.label
            fields.append(d)
        models.append({"app": m._meta.app_label, "name": m.__name__, "table": m._meta.db_table,
                       "abstract": False, "proxy": m._meta.proxy, "managed": m._meta.managed, "fields": fields})

db = sqlite3.connect('db.sqlite3')
tables = []
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
    cols = []
    fks = {r[3]: (r[2], r[4]) for r in db.execute(f'PRAGMA foreign_key_list("{name}")')}
    idx = []
    uniq_cols = set()
    for r in db.execute(f'PRAGMA index_list("{name}")'):
        icols = [c[2] for c in db.execute(f'PRAGMA index_info("{r[1]}")')]
        if r[2] and len(icols) == 1:
            uniq_cols.add(icols[0])
        if r[3] == 'pk':
            continue
        idx.append({"name": r[1], "columns": icols, "unique": bool(r[2])})
    for r in db.execute(f'PRAGMA table_info("{name}")'):
        c = {"name": r[1], "type": r[2], "notNull": bool(r[3]), "primaryKey": bool(r[5]), "unique": r[1] in uniq_cols, "default": r[4]}
        if r[1] in fks:
            c["references"] = {"table": fks[r[1]][0], "column": fks[r[1]][1]}
        cols.append(c)
    count = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    tables.append({"name": name, "columns": cols, "indexes": idx, "rowCount": count})

loader = MigrationLoader(connection)
graph = []
labels = {a.label for a in local}
for key in sorted(loader.graph.nodes):
    if key[0] not in labels:
        continue
    mig = loader.graph.nodes[key]
    graph.append({"app": key[0], "name": key[1], "applied": key in loader.applied_migrations,
                  "dependencies": [{"app": a, "name": n} for a, n in mig.dependencies],
                  "replaces": [{"app": a, "name": n} for a, n in mig.replaces],
                  "operations": [op.describe() for op in mig.operations]})
queries = {}
for q in json.loads(sys.argv[1]) if len(sys.argv) > 1 else []:
    try:
        queries[q] = [list(r) for r in db.execute(q).fetchall()]
    except Exception as e:
        queries[q] = {"error": str(e)}
print(json.dumps({"models": models, "tables": tables, "graph": graph, "queries": queries}))
