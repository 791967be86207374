#!/usr/bin/env python3
"""Seeded random project evolutions, written as conformance cases.

    evolve_gen.py --seed S --count N --out DIR

Each case grows one or two apps over several steps the way a student's
project grows: models and fields come and go, options change (null, unique,
db_index, max_length, defaults), relations appear, Meta gains ordering,
indexes and constraints. Every step runs `makemigrations --noinput` and
`migrate`, puts a few rows in, and sometimes shows `sqlmigrate` of the newest
migration or `showmigrations`; the last step migrates to zero and forward
again. `robustness.py evolve --generator` runs them for self-consistency,
and `conformance.py record` turns them into cases compared with Django.
"""
import argparse
import json
import os
import random

APPS = ["blog", "shop"]
NAMES = ["Post", "Author", "Tag", "Comment", "Product", "Order", "Category", "Review", "Note", "Item"]
UNIQUE_KINDS = ("CharField", "SlugField", "EmailField", "IntegerField", "PositiveIntegerField",
                "SmallIntegerField", "BigIntegerField")
FIELD_NAMES = ["title", "name", "body", "count", "price", "rating", "active", "slug", "email",
               "score", "code", "label", "weight", "notes", "published", "level", "summary"]


class Field:
    def __init__(self, kind, **opts):
        self.kind = kind
        self.opts = opts

    def render(self):
        parts = []
        if self.kind in ("ForeignKey", "OneToOneField", "ManyToManyField"):
            parts.append(repr(self.opts["to"]))
        for k, v in self.opts.items():
            if k == "to":
                continue
            parts.append("%s=%s" % (k, v if k == "on_delete" else py(v)))
        return "models.%s(%s)" % (self.kind, ", ".join(parts))



def py(v):
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, str):
        return repr(v)
    return repr(v)


class Model:
    def __init__(self, name):
        self.name = name
        self.fields = {}
        self.ordering = None
        self.indexes = []
        self.constraints = []
        self.unique_together = []
        self.db_table = None


class Evolution:
    def __init__(self, rng, apps):
        self.rng = rng
        self.apps = apps
        self.models = {a: {} for a in apps}
        self.migrated = set()  # (app, model) created by a migrate that ran
        # Apps given a one-off default: squashing folds it into CreateModel, as Django does, and
        # makemigrations then finds the default missing from models.py.
        self.one_off_default = set()
        self.next_index = 0

    # ---- choosing things --------------------------------------------------------------

    def all_models(self):
        return [(a, m) for a in self.apps for m in self.models[a].values()]

    def label(self, app, model, from_app):
        return model.name if app == from_app else "%s.%s" % (app, model.name)

    def new_name(self, taken, pool):
        free = [n for n in pool if n not in taken]
        if free:
            return self.rng.choice(free)
        i = 2
        while True:
            n = "%s%d" % (self.rng.choice(pool), i)
            if n not in taken:
                return n
            i += 1

    def plain_field(self):
        r = self.rng
        kind = r.choice(["CharField", "CharField", "TextField", "IntegerField", "PositiveIntegerField",
                         "BooleanField", "DecimalField", "FloatField", "SlugField", "EmailField",
                         "DateField", "SmallIntegerField", "BigIntegerField"])
        opts = {}
        if kind == "CharField":
            opts["max_length"] = r.choice([20, 50, 100, 200])
        if kind == "DecimalField":
            opts["max_digits"] = r.choice([6, 8, 10])
            opts["decimal_places"] = 2
        # New columns must not stop makemigrations --noinput: nullable, or with a default.
        if kind in ("DateField", "FloatField") or r.random() < 0.3:
            opts["null"] = True
        else:
            opts["default"] = {
                "CharField": "", "TextField": "", "SlugField": "x", "EmailField": "a@example.com",
                "IntegerField": 0, "PositiveIntegerField": 1, "SmallIntegerField": 0, "BigIntegerField": 0,
                "BooleanField": False, "DecimalField": "0.00",
            }[kind]
            if kind == "DecimalField":
                opts["default"] = r.choice(["0.00", "1.50"])
            elif kind in ("CharField", "IntegerField") and r.random() < 0.15:
                default = opts.pop("default")
                opts["db_default"] = "none" if default == "" else default
        if kind in ("CharField", "TextField") and r.random() < 0.3:
            opts["blank"] = True
        if kind in ("CharField", "IntegerField", "SlugField") and r.random() < 0.2:
            opts["db_index"] = True
        return Field(kind, **opts)

    def relation_field(self, app, model, name):
        """A relation; its reverse name is its own, so two relations never clash (fields.E304)."""
        targets = self.all_models()
        if not targets:
            return None
        tapp, target = self.rng.choice(targets)
        to = self.label(tapp, target, app)
        kind = self.rng.choice(["ForeignKey", "ForeignKey", "OneToOneField", "ManyToManyField"])
        related = "+" if self.rng.random() < 0.3 else "%s_%s" % (model.name.lower(), name)
        if kind == "ManyToManyField":
            return Field(kind, to=to, blank=True, related_name=related)
        on_delete = self.rng.choice(["models.CASCADE", "models.SET_NULL", "models.PROTECT"])
        return Field(kind, to=to, on_delete=on_delete, null=True, related_name=related)

    # ---- changes ------------------------------------------------------------------------

    def add_model(self):
        app = self.rng.choice(self.apps)
        taken = {m.name for a in self.apps for m in self.models[a].values()}
        m = Model(self.new_name(taken, NAMES))
        for _ in range(self.rng.randint(1, 3)):
            m.fields[self.new_name(m.fields, FIELD_NAMES)] = self.plain_field()
        if self.rng.random() < 0.4:
            name = self.new_name(m.fields, ["parent", "owner", "link", "ref"])
            rel = self.relation_field(app, m, name)
            if rel:
                m.fields[name] = rel
        self.models[app][m.name] = m
        return "add model %s.%s" % (app, m.name)

    def referenced(self, app, model):
        for a in self.apps:
            for other in self.models[a].values():
                for f in other.fields.values():
                    to = f.opts.get("to")
                    if to in (model.name, "%s.%s" % (app, model.name)) and not (a == app and other is model):
                        return True
        return False

    def delete_model(self):
        free = [(a, m) for a, m in self.all_models() if not self.referenced(a, m)]
        if not free:
            return None
        app, m = self.rng.choice(free)
        del self.models[app][m.name]
        self.migrated.discard((app, m.name))
        return "delete model %s.%s" % (app, m.name)

    def add_field(self):
        pairs = self.all_models()
        if not pairs:
            return None
        app, m = self.rng.choice(pairs)
        if self.rng.random() < 0.25:
            name = self.new_name(m.fields, ["parent", "owner", "link", "ref", "tags"])
            f = self.relation_field(app, m, name)
        else:
            f = self.plain_field()
            name = self.new_name(m.fields, FIELD_NAMES)
        if f is None:
            return None
        m.fields[name] = f
        return "add field %s.%s.%s" % (app, m.name, name)

    def remove_field(self):
        pairs = [(a, m) for a, m in self.all_models() if len(m.fields) > 1]
        if not pairs:
            return None
        app, m = self.rng.choice(pairs)
        name = self.rng.choice(list(m.fields))
        del m.fields[name]
        m.indexes = [i for i in m.indexes if name not in i[1]]
        m.constraints = [c for c in m.constraints if name not in c[1]]
        if m.ordering and m.ordering.lstrip("-") == name:
            m.ordering = None
        return "remove field %s.%s.%s" % (app, m.name, name)

    def alter_field(self):
        pairs = [(a, m, n, f) for a, m in self.all_models() for n, f in m.fields.items()
                 if f.kind not in ("ManyToManyField",)]
        if not pairs:
            return None
        app, m, name, f = self.rng.choice(pairs)
        r = self.rng
        choices = []
        if f.kind == "CharField":
            choices.append("max_length")
            choices += ["choices"]
        if f.kind not in ("ForeignKey", "OneToOneField"):
            choices += ["null", "default", "db_index", "unique", "type", "db_column"]
        else:
            choices += ["on_delete", "db_index"]
        choices += ["verbose_name", "help_text"]
        what = r.choice(choices)
        o = f.opts
        if what == "max_length":
            o["max_length"] = r.choice([10, 30, 80, 150, 255])
        elif what == "null":
            if o.get("null"):
                # Not null again: only with a default, so no question is asked.
                if "default" not in o:
                    return None
                del o["null"]
            else:
                o["null"] = True
        elif what == "default":
            if "default" not in o:
                return None
            o["default"] = {
                "CharField": "n/a", "TextField": "-", "SlugField": "y", "EmailField": "b@example.com",
                "BooleanField": not o["default"] if isinstance(o["default"], bool) else True,
                "DecimalField": "2.25",
            }.get(f.kind, 7)
        elif what == "db_index":
            if o.get("db_index"):
                del o["db_index"]
            else:
                o["db_index"] = True
        elif what == "unique":
            if f.kind not in UNIQUE_KINDS:
                return None
            if o.get("unique"):
                del o["unique"]
            else:
                o["unique"] = True
        elif what == "on_delete":
            o["on_delete"] = r.choice(["models.CASCADE", "models.SET_NULL", "models.PROTECT", "models.DO_NOTHING"])
        elif what == "choices":
            if "choices" in o:
                del o["choices"]
            else:
                o["choices"] = [("a", "Alpha"), ("b", "Beta")]
        elif what == "type":
            new = self.plain_field()
            for k in ("db_column", "unique"):
                if k in o and (k != "unique" or new.kind in UNIQUE_KINDS):
                    new.opts[k] = o[k]
            m.fields[name] = new
        elif what == "db_column":
            if "db_column" in o:
                del o["db_column"]
            else:
                o["db_column"] = "col_" + name
        elif what in ("verbose_name", "help_text"):
            if what in o:
                del o[what]
            else:
                o[what] = "The " + name
        return "alter %s on %s.%s.%s" % (what, app, m.name, name)

    def rename_field(self):
        pairs = [(a, m) for a, m in self.all_models() if m.fields]
        if not pairs:
            return None
        app, m = self.rng.choice(pairs)
        old = self.rng.choice(list(m.fields))
        new = self.new_name(m.fields, FIELD_NAMES + ["caption", "amount", "flag"])
        m.fields = {(new if n == old else n): f for n, f in m.fields.items()}
        fix = lambda cols: [new if c == old else c for c in cols]
        m.indexes = [(i, fix(c)) for i, c in m.indexes]
        m.constraints = [(i, fix(c)) for i, c in m.constraints]
        m.unique_together = [fix(c) for c in m.unique_together]
        if m.ordering and m.ordering.lstrip("-") == old:
            m.ordering = m.ordering.replace(old, new)
        return "rename field %s.%s.%s to %s" % (app, m.name, old, new)

    def rename_model(self):
        pairs = self.all_models()
        if not pairs:
            return None
        app, m = self.rng.choice(pairs)
        taken = {x.name for _, x in self.all_models()}
        new = self.new_name(taken, NAMES + ["Article", "Entry", "Thing"])
        old = m.name
        for a, other in self.all_models():
            for f in other.fields.values():
                to = f.opts.get("to")
                if to == old and a == app:
                    f.opts["to"] = new
                elif to == "%s.%s" % (app, old):
                    f.opts["to"] = "%s.%s" % (app, new)
        self.models[app] = {(new if k == old else k): v for k, v in self.models[app].items()}
        m.name = new
        if (app, old) in self.migrated:
            self.migrated.discard((app, old))
            self.migrated.add((app, new))
        return "rename model %s.%s to %s" % (app, old, new)

    def add_required_field(self):
        """A NOT NULL field without a default on a table that exists: makemigrations asks for one."""
        pairs = [(a, m) for a, m in self.all_models() if (a, m.name) in self.migrated]
        if not pairs:
            return None
        app, m = self.rng.choice(pairs)
        name = self.new_name(m.fields, FIELD_NAMES)
        if self.rng.random() < 0.5:
            m.fields[name] = Field("CharField", max_length=40)
            answer = "'filler'"
        else:
            m.fields[name] = Field("IntegerField")
            answer = "3"
        self.one_off_default.add(app)
        return "add required field %s.%s.%s" % (app, m.name, name), "1\n%s\n" % answer

    def alter_meta(self):
        pairs = self.all_models()
        if not pairs:
            return None
        app, m = self.rng.choice(pairs)
        concrete = [n for n, f in m.fields.items() if f.kind != "ManyToManyField"]
        if not concrete:
            return None
        what = self.rng.choice(["ordering", "index", "constraint", "drop", "unique_together", "db_table"])
        if what in ("constraint", "unique_together"):
            # Rows get a new value in these at every step, so unique sets rarely collide.
            concrete = [n for n in concrete if m.fields[n].kind in UNIQUE_KINDS]
            if not concrete:
                return None
        if what == "ordering":
            m.ordering = None if m.ordering else self.rng.choice(["", "-"]) + self.rng.choice(concrete)
        elif what == "index":
            cols = self.rng.sample(concrete, min(len(concrete), self.rng.randint(1, 2)))
            self.next_index += 1
            m.indexes.append(("%s_idx%d" % (m.name.lower()[:10], self.next_index), cols))
        elif what == "constraint":
            cols = self.rng.sample(concrete, min(len(concrete), self.rng.randint(1, 2)))
            self.next_index += 1
            m.constraints.append(("%s_uniq%d" % (m.name.lower()[:10], self.next_index), cols))
        elif what == "unique_together":
            if m.unique_together:
                m.unique_together = []
            else:
                m.unique_together = [sorted(self.rng.sample(concrete, min(len(concrete), 2)))]
        elif what == "db_table":
            m.db_table = None if m.db_table else "%s_%s_t" % (app, m.name.lower())
        else:
            if m.indexes:
                m.indexes.pop(0)
            elif m.constraints:
                m.constraints.pop(0)
            else:
                return None
        return "meta %s on %s.%s" % (what, app, m.name)

    def interactive_change(self):
        """A change makemigrations asks about, with the answers a student types."""
        r = self.rng.random()
        if r < 0.4:
            note = self.rename_field()
            return (note, "y\n") if note else None
        if r < 0.6:
            note = self.rename_model()
            return (note, "y\ny\n") if note else None
        return self.add_required_field()

    def change(self):
        r = self.rng.random()
        for fn, p in ((self.add_model, 0.2), (self.add_field, 0.45), (self.remove_field, 0.55),
                      (self.alter_field, 0.8), (self.alter_meta, 0.92), (self.delete_model, 1.0)):
            if r < p:
                return fn() or self.add_field() or self.add_model()
        return self.add_model()

    # ---- output ----------------------------------------------------------------------------

    def models_py(self, app):
        lines = ["from django.db import models", ""]
        for m in self.models[app].values():
            lines += ["", "class %s(models.Model):" % m.name]
            for n, f in m.fields.items():
                lines.append("    %s = %s" % (n, f.render()))
            meta = []
            if m.db_table:
                meta.append("        db_table = %r" % m.db_table)
            if m.ordering:
                meta.append("        ordering = [%r]" % m.ordering)
            if m.unique_together:
                meta.append("        unique_together = [%s]" % ", ".join(repr(tuple(c)) for c in m.unique_together))
            if m.indexes:
                meta.append("        indexes = [%s]" % ", ".join(
                    "models.Index(fields=%r, name=%r)" % (cols, name) for name, cols in m.indexes))
            if m.constraints:
                meta.append("        constraints = [%s]" % ", ".join(
                    "models.UniqueConstraint(fields=%r, name=%r)" % (cols, name) for name, cols in m.constraints))
            if meta:
                lines += ["", "    class Meta:"] + meta
            lines.append("")
        return "\n".join(lines)

    def insert_sql(self, k):
        """One row for each migrated model whose columns can all be given (values vary by step)."""
        out = []
        for app, m in self.all_models():
            if (app, m.name) not in self.migrated:
                continue
            cols, vals = [], []
            for n, f in m.fields.items():
                if f.kind == "ManyToManyField":
                    continue
                if f.kind in ("ForeignKey", "OneToOneField"):
                    continue  # nullable: left NULL
                cols.append(f.opts.get("db_column", n))
                vals.append(sample_value(f, k))
            table = m.db_table or "%s_%s" % (app, m.name.lower())
            if cols:
                out.append("INSERT OR IGNORE INTO %s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join(vals)))
            else:
                out.append("INSERT INTO %s DEFAULT VALUES" % table)
        return out


def sample_value(f, k):
    kind = f.kind
    if kind in ("CharField", "TextField", "SlugField"):
        n = f.opts.get("max_length", 100)
        return "'%s'" % ("v%d" % k)[:n]
    if kind == "EmailField":
        return "'u%d@example.com'" % k
    if kind == "BooleanField":
        return str(k % 2)
    if kind == "DecimalField":
        return "'%d.25'" % k
    if kind == "FloatField":
        return "%d.5" % k
    if kind == "DateField":
        return "'2024-01-%02d'" % (k % 28 + 1)
    return str(k)


def make_case(seed, n):
    rng = random.Random("%d-%d" % (seed, n))
    apps = ["blog"] if rng.random() < 0.6 else list(APPS)
    ev = Evolution(rng, apps)
    steps, notes = [], []
    texts = {a: None for a in apps}
    made = {a: 0 for a in apps}  # migrations each app probably has (a guess is fine: Django answers too)
    ev.add_model()
    for k in range(1, rng.randint(3, 7) + 1):
        make = {"argv": ["makemigrations", "--noinput"]}
        if k > 1 and rng.random() < 0.25:
            asked = ev.interactive_change()
            if asked:
                notes.append(asked[0])
                make = {"argv": ["makemigrations"], "stdin": asked[1]}
        elif k > 1:
            notes += [c for c in (ev.change() for _ in range(rng.randint(1, 2))) if c]
        files = {"%s/models.py" % a: ev.models_py(a) for a in apps}
        for a in apps:
            if files["%s/models.py" % a] != texts[a] and (ev.models[a] or made[a]):
                made[a] += 1
            texts[a] = files["%s/models.py" % a]
        actions = [make, {"argv": ["migrate"]}]
        ev.migrated.update((a, m.name) for a, m in ev.all_models())
        r = rng.random()
        app = rng.choice(apps)
        if r < 0.3 and made[app]:
            actions.append({"argv": ["sqlmigrate", app, "%04d" % made[app]]})
        elif r < 0.4 and made[app]:
            actions.append({"argv": ["sqlmigrate", "--backwards", app, "%04d" % made[app]]})
        elif r < 0.5:
            actions.append({"argv": ["showmigrations"]})
        actions += [{"sql": s} for s in ev.insert_sql(k)]
        if made[app] > 1 and rng.random() < 0.2:
            # Back one migration with the rows in place, and forward again.
            actions += [{"argv": ["migrate", app, "%04d" % (made[app] - 1)]}, {"argv": ["migrate"]}]
        steps.append({"files": files, "actions": actions})
    last = []
    app = rng.choice(apps)
    if made[app] >= 3 and rng.random() < 0.4 and app not in ev.one_off_default:
        last += [{"argv": ["squashmigrations", app, "%04d" % (made[app] - 1), "--noinput"]},
                 {"argv": ["showmigrations", app]}]
    last += [{"argv": ["migrate", a, "zero"]} for a in reversed(apps)] + [{"argv": ["migrate"]}]
    steps.append({"actions": last})
    return {
        "id": "evolve-%d-%d" % (seed, n),
        "title": "Random evolution: " + ("; ".join(notes) or "one model"),
        "tags": ["evolve"],
        "settings": {"INSTALLED_APPS": apps},
        "steps": steps,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for n in range(a.count):
        case = make_case(a.seed, n)
        with open(os.path.join(a.out, case["id"] + ".json"), "w") as f:
            json.dump(case, f, indent=1)


if __name__ == "__main__":
    main()
