#!/usr/bin/python3
"""A Django project with thousands of migrations and the SQLite database they made.

Fifty apps of a care provider's back office (shifts, wards, invoices…), each
with a hundred migrations in Django's own syntax: CreateModel, then mostly
AddField, AlterField, AddIndex and RenameField, now and then a second model,
a RemoveField, a RunPython (every tenth, always with a reverse) or a RunSQL
with reverse_sql, and foreign keys into other apps whose dependencies make
the graph more than fifty straight lines. The database holds exactly what the
first --applied-per-app migrations of every app create (tables, columns,
indexes, a few rows) and one django_migrations row for each of them, in the
order Django would have recorded them over ~40 deployments in two years; the
rest are pending. The Timeline page's e2e test and the benchmark load it.

Django is not needed. Output is the same for the same parameters (fixed
seed); a stamp file written last marks a complete project, so a rerun with the
same parameters does nothing, and an interrupted one never leaves a stamp.

    make_large_project.py OUTPUT_DIR [--apps 50] [--per-app 100] [--applied-per-app 80]
                          [--time PREFLIGHT_CLI]

writes OUTPUT_DIR/project (manage.py, bigproject/settings.py, app_NN/…) and
OUTPUT_DIR/db.sqlite3.
"""

import argparse
import copy
import datetime
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

# Bump whenever the generated contents change.
VERSION = "1"
SEED = 20261121
DEFAULT_APPS = 50
DEFAULT_PER_APP = 100
DEFAULT_APPLIED_PER_APP = 80
DEPLOYMENTS = 40
PACKAGE = "bigproject"
STAMP = ".make_large_project.stamp"
FIRST_DAY = datetime.datetime(2023, 1, 9)

MODELS = [
    "Shift", "Ward", "Resident", "Visit", "CarePlan", "Medication", "Incident", "Handover",
    "Rota", "Invoice", "Supplier", "Course", "Certificate", "Room", "Booking", "Meal",
    "Assessment", "Referral", "Contract", "Timesheet", "Vehicle", "Trip", "Audit", "Complaint",
    "Policy", "Document", "Alert", "Device", "Reading", "Payslip", "Absence", "Task",
    "Checklist", "Delivery", "Order", "Ticket", "Survey", "Message", "Team", "Budget",
]
SECOND_MODELS = ["Entry", "Note", "Version", "Assignment", "Approval", "Log", "Item", "Attachment"]

# kind → field names it is spelled with
NAMES = {
    "char": ["code", "reference", "status", "title", "label", "category", "source", "channel",
             "grade", "region", "external_id", "colour", "priority", "band", "cost_centre",
             "postcode", "phone", "kind", "shift_type", "outcome_code"],
    "text": ["notes", "description", "summary", "comment", "outcome", "reason", "instructions",
             "handover_notes"],
    "bool": ["is_active", "is_overtime", "is_archived", "is_verified", "needs_review",
             "is_urgent", "is_billable", "is_locked", "is_published", "requires_signoff"],
    "int": ["sequence", "capacity", "duration_minutes", "score", "attempts", "position",
            "max_hours", "version"],
    "posint": ["headcount", "quantity", "units", "beds", "min_staff"],
    "decimal": ["amount", "rate", "hours", "cost", "mileage", "weight_kg"],
    "date": ["start_date", "end_date", "due_date", "review_date", "valid_until",
             "effective_from"],
    "datetime": ["closed_at", "approved_at", "sent_at", "checked_at", "archived_at",
                 "started_at"],
    "fk": ["owner", "assigned_to", "approved_by", "location", "parent", "reviewer", "team",
           "site"],
}
CLASSES = {
    "char": "CharField", "text": "TextField", "bool": "BooleanField", "int": "IntegerField",
    "posint": "PositiveIntegerField", "decimal": "DecimalField", "date": "DateField",
    "datetime": "DateTimeField", "fk": "ForeignKey",
}


# ------------------------------------------------------------------- model --

class Field:
    """A model field: its name, its kind (a key of NAMES, or "pk", "created", "updated"),
    its keyword arguments as Python source, and for a ForeignKey the target model."""

    def __init__(self, name, kind, kwargs, target=None, pk_class=None):
        self.name = name
        self.kind = kind
        self.kwargs = dict(kwargs)
        self.target = target      # (app label, Model, pk class) for a ForeignKey
        self.pk_class = pk_class  # "AutoField" or "BigAutoField" for the primary key

    @property
    def column(self):
        # Field.get_attname(): relations store "<name>_id"
        return f"{self.name}_id" if self.kind == "fk" else self.name

    @property
    def null(self):
        return self.kwargs.get("null") == "True"

    def source(self):
        """models.CharField(max_length=40), keyword arguments sorted as Django writes them"""
        kwargs = dict(self.kwargs)
        if self.kind == "fk":
            kwargs["to"] = repr(f"{self.target[0]}.{self.target[1].lower()}")
        arguments = ", ".join(f"{key}={value}" for key, value in sorted(kwargs.items()))
        return f"models.{self.sql_class()}({arguments})"

    def sql_class(self):
        if self.kind == "pk":
            return self.pk_class
        return {"created": "DateTimeField", "updated": "DateTimeField"}.get(self.kind) or CLASSES[self.kind]

    def sql(self):
        """The column definition Django's SQLite schema editor writes"""
        cls = self.sql_class()
        column = f'"{self.column}"'
        if self.kind == "pk":
            return f"{column} integer NOT NULL PRIMARY KEY AUTOINCREMENT"
        if cls == "ForeignKey":
            # rel_db_type() of the target's primary key
            target_type = "bigint" if self.target[2] == "BigAutoField" else "integer"
            table = f"{self.target[0]}_{self.target[1].lower()}"
            return (f'{column} {target_type} {"NULL" if self.null else "NOT NULL"} '
                    f'REFERENCES "{table}" ("id") DEFERRABLE INITIALLY DEFERRED')
        sql_type = {
            "CharField": f"varchar({self.kwargs.get('max_length', '100')})",
            "TextField": "text", "BooleanField": "bool", "IntegerField": "integer",
            "PositiveIntegerField": "integer unsigned", "DecimalField": "decimal",
            "DateField": "date", "DateTimeField": "datetime",
        }[cls]
        definition = f"{column} {sql_type} {'NULL' if self.null else 'NOT NULL'}"
        if cls == "PositiveIntegerField":
            definition += f" CHECK ({column} >= 0)"
        return definition

    def sample(self, row):
        """A value for row number row (1-based) of a few rows of data"""
        cls = self.sql_class()
        if self.kind == "pk":
            return row
        if self.null and row % 3 == 0:
            return None
        if cls == "ForeignKey":
            return None
        if cls == "CharField":
            return f"{self.name[:6].upper()}-{row:03d}"[:int(self.kwargs.get("max_length", "100"))]
        if cls == "TextField":
            return ""
        if cls == "BooleanField":
            return row % 2
        if cls in ("IntegerField", "PositiveIntegerField"):
            return row * 3
        if cls == "DecimalField":
            return f"{row * 1.25:.2f}"
        day = FIRST_DAY + datetime.timedelta(days=row * 11)
        if cls == "DateField":
            return day.strftime("%Y-%m-%d")
        return (day + datetime.timedelta(hours=9, minutes=row)).strftime("%Y-%m-%d %H:%M:%S")


def pk_field(pk_class):
    return Field("id", "pk", {"auto_created": "True", "primary_key": "True", "serialize": "False",
                              "verbose_name": "'ID'"}, pk_class=pk_class)


class Model:
    def __init__(self, app, name, pk_class):
        self.app = app
        self.name = name
        self.pk_class = pk_class
        self.fields = [pk_field(pk_class)]

    @property
    def lower(self):
        return self.name.lower()

    @property
    def table(self):
        # Options.db_table: "<app_label>_<model name, lower case>"
        return f"{self.app}_{self.lower}"

    def field(self, name):
        return next((f for f in self.fields if f.name == name), None)


class Index:
    """An index the database has: kind "fk" (Django's for each ForeignKey), "index" (AddIndex)
    or "sql" (RunSQL's CREATE INDEX, on lower(column)). Fields by name, so RenameField
    carries them along as SQLite's RENAME COLUMN does."""

    def __init__(self, name, model, fields, kind):
        self.name = name
        self.model = model
        self.fields = list(fields)
        self.kind = kind


class AppState:
    def __init__(self, label):
        self.label = label
        self.models = {}    # lower name → Model
        self.indexes = []   # Index

    def uses(self, model, field_name):
        return any(index.model == model.lower and field_name in index.fields for index in self.indexes)


def digest(*parts, length=6):
    return hashlib.md5("\0".join(parts).encode()).hexdigest()[:length]


def fk_index_name(model, field):
    # BaseDatabaseSchemaEditor._create_index_name(): table_column_hash
    return f"{model.table}_{field.column}_{digest(model.table, field.column, length=8)}"


# ------------------------------------------------------------- operations --

def indent(text, by):
    return "".join(" " * by + line if line else line for line in text.splitlines(True))


def op_source(operation, **arguments):
    lines = [f"migrations.{operation}("]
    for key, value in arguments.items():
        lines.append(f"    {key}={indent(value, 4).lstrip()},")
    lines.append("),")
    return "\n".join(lines)


class Migration:
    def __init__(self, app, number):
        self.app = app
        self.number = number
        self.name = None
        self.dependencies = []    # (app, number)
        self.operations = []      # Python source of each operation
        self.functions = []       # Python source of RunPython's functions
        self.imports = {"from django.db import migrations, models"}
        self.label_parts = []     # what Django's auto-naming would call it
        self.kinds = []           # "add" for each AddField
        self.auto_name = False


class AppGenerator:
    """One app's migrations, generated in order while its state is tracked."""

    def __init__(self, rng, index, n_apps, per_app, applied):
        self.rng = rng
        self.index = index
        self.n_apps = n_apps
        self.per_app = per_app
        self.applied = applied
        self.label = app_label(index, n_apps)
        self.state = AppState(self.label)
        self.pk_class = "BigAutoField" if index % 2 else "AutoField"
        self.primary = MODELS[(index - 1) % len(MODELS)]
        self.snapshot = AppState(self.label) if applied == 0 else None
        self.migrations = []
        suffixes = rng.sample(SECOND_MODELS, 2)
        extra = [rng.randint(5, max(5, per_app - 5))]
        if rng.random() < 0.4:
            extra.append(rng.randint(5, max(5, per_app - 5)))
        self.extra_models = {n: self.primary + suffixes[k] for k, n in enumerate(sorted(set(extra)))}

    # -- fields

    def free_name(self, model, kind):
        used = {f.name for f in model.fields}
        names = [n for n in NAMES[kind] if n not in used]
        if names:
            return self.rng.choice(names)
        k = 2
        while f"{NAMES[kind][0]}_{k}" in used:
            k += 1
        return f"{NAMES[kind][0]}_{k}"

    def new_field(self, model, kind, for_create, target=None):
        """A field as makemigrations writes it; added to an existing table it never blocks:
        nullable or with a default"""
        rng = self.rng
        name = self.free_name(model, kind)
        kwargs = {}
        if kind == "char":
            kwargs["max_length"] = str(rng.choice([20, 32, 40, 64, 100, 120, 200]))
            if not for_create or rng.random() < 0.3:
                kwargs.update(blank="True", default="''")
        elif kind == "text":
            kwargs["blank"] = "True"
            if not for_create:
                kwargs["default"] = "''"
        elif kind == "bool":
            kwargs["default"] = rng.choice(["False", "True"])
        elif kind in ("int", "posint"):
            kwargs["default"] = rng.choice(["0", "1"])
        elif kind == "decimal":
            kwargs.update(decimal_places="2", max_digits=rng.choice(["6", "8", "10"]))
            if not for_create or rng.random() < 0.5:
                kwargs["default"] = "0"
        elif kind in ("date", "datetime"):
            if not for_create or rng.random() < 0.5:
                kwargs.update(blank="True", null="True")
        elif kind == "fk":
            kwargs.update(blank="True", null="True",
                          on_delete="django.db.models.deletion.SET_NULL",
                          related_name=repr(f"{model.lower}_{name}_set"))
        if rng.random() < 0.15 and kind != "fk":
            kwargs["help_text"] = repr(f"{name.replace('_', ' ').capitalize()} of the {model.lower}")
        return Field(name, kind, kwargs, target)

    def target_model(self, other_index):
        label = app_label(other_index, self.n_apps)
        pk = "BigAutoField" if other_index % 2 else "AutoField"
        return (label, MODELS[(other_index - 1) % len(MODELS)], pk)

    # -- operations (each updates the state as Django's state_forwards does)

    def create_model(self, migration, name, parent=None):
        rng = self.rng
        model = Model(self.label, name, self.pk_class)
        kinds = ["char"] + rng.sample(["char", "text", "bool", "int", "decimal", "date", "posint"],
                                      rng.randint(1, 4))
        for kind in kinds:
            model.fields.append(self.new_field(model, kind, for_create=True))
        model.fields.append(Field("created_at", "created", {"auto_now_add": "True"}))
        if rng.random() < 0.5:
            model.fields.append(Field("updated_at", "updated", {"auto_now": "True"}))
        options = None
        if parent is not None:
            fk = Field(parent.lower, "fk", {"on_delete": "django.db.models.deletion.CASCADE",
                                             "related_name": repr(f"{model.lower}s")},
                       (self.label, parent.name, parent.pk_class))
            model.fields.append(fk)
            migration.imports.add("import django.db.models.deletion")
            self.state.indexes.append(Index(fk_index_name(model, fk), model.lower, [fk.name], "fk"))
        if rng.random() < 0.4:
            options = "{\n    'ordering': ['-created_at'],\n}"
        self.state.models[model.lower] = model

        fields = "[\n" + "".join(f"    ({f.name!r}, {f.source()}),\n" for f in model.fields) + "]"
        arguments = {"name": repr(name), "fields": fields}
        if options:
            arguments["options"] = options
        migration.operations.append(op_source("CreateModel", **arguments))
        migration.label_parts.append(model.lower)
        return model

    def add_field(self, migration, model, kind=None, target=None):
        kind = kind or self.rng.choices(list(CLASSES), weights=[6, 3, 5, 3, 2, 2, 3, 3, 1])[0]
        if kind == "fk" and target is None:
            # Within the app: a link to its main model
            target = (self.label, self.primary, self.pk_class)
        field = self.new_field(model, kind, for_create=False, target=target)
        model.fields.append(field)
        if kind == "fk":
            migration.imports.add("import django.db.models.deletion")
            self.state.indexes.append(Index(fk_index_name(model, field), model.lower, [field.name], "fk"))
        migration.operations.append(op_source("AddField", model_name=repr(model.lower),
                                              name=repr(field.name), field=field.source()))
        migration.label_parts.append(f"{model.lower}_{field.name}")
        migration.kinds.append("add")
        return field

    def alter_field(self, migration, model):
        """A change that keeps the column's name: longer text, a help text, allowing empty
        values, or an integer that may not be negative"""
        rng = self.rng
        candidates = [f for f in model.fields if f.kind in NAMES and f.kind != "fk"]
        if not candidates:
            return False
        field = rng.choice(candidates)
        new = Field(field.name, field.kind, field.kwargs, field.target)
        choices = ["help"]
        if field.kind == "char":
            choices += ["longer", "longer"]
        if field.kind == "int":
            choices.append("positive")
        if not field.null and "default" in field.kwargs and field.kind in ("char", "int", "decimal", "date"):
            choices.append("null")
        change = rng.choice(choices)
        if change == "longer":
            new.kwargs["max_length"] = str(int(field.kwargs["max_length"]) + rng.choice([20, 50, 100]))
        elif change == "positive":
            new.kind = "posint"
        elif change == "null":
            new.kwargs.update(blank="True", null="True")
        else:
            new.kwargs["help_text"] = repr(rng.choice(["Shown on the rota", "Used by payroll",
                                                       "Filled in by the unit manager",
                                                       "Required for the CQC report",
                                                       "Leave empty when unknown"]))
        model.fields[model.fields.index(field)] = new
        migration.operations.append(op_source("AlterField", model_name=repr(model.lower),
                                              name=repr(field.name), field=new.source()))
        migration.label_parts.append(f"alter_{model.lower}_{field.name}")
        return True

    def rename_field(self, migration, model):
        rng = self.rng
        candidates = [f for f in model.fields if f.kind in NAMES]
        rng.shuffle(candidates)
        for field in candidates:
            used = {f.name for f in model.fields}
            names = [n for n in NAMES[field.kind] if n not in used]
            if not names:
                continue
            old, new = field.name, rng.choice(names)
            field.name = new
            for index in self.state.indexes:
                if index.model == model.lower and old in index.fields:
                    index.fields = [new if f == old else f for f in index.fields]
                    if index.kind == "fk":
                        # SQLite's schema editor remakes the table to rename a foreign key's
                        # column, and with it the index, named after the new column
                        index.name = fk_index_name(model, field)
            migration.operations.append(op_source("RenameField", model_name=repr(model.lower),
                                                  old_name=repr(old), new_name=repr(new)))
            migration.label_parts.append(f"rename_{old}_{model.lower}_{new}")
            return True
        return False

    def remove_field(self, migration, model):
        candidates = [f for f in model.fields
                      if f.kind in NAMES and f.kind != "fk" and not self.state.uses(model, f.name)]
        if len(candidates) < 3:
            return False
        field = self.rng.choice(candidates)
        model.fields.remove(field)
        migration.operations.append(op_source("RemoveField", model_name=repr(model.lower),
                                              name=repr(field.name)))
        migration.label_parts.append(f"remove_{model.lower}_{field.name}")
        return True

    def add_index(self, migration, model):
        rng = self.rng
        candidates = [f for f in model.fields if f.kind in ("char", "date", "datetime", "bool", "int", "created")]
        if not candidates:
            return False
        fields = rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2])))
        names = [f.name for f in fields]
        # Index.set_name_with_model(): table[:11]_column[:7]_hash_idx
        name = f"{model.table[:11]}_{fields[0].column[:7]}_{digest(model.table, *names)}_idx"
        if any(index.name == name for index in self.state.indexes):
            return False
        self.state.indexes.append(Index(name, model.lower, names, "index"))
        migration.operations.append(op_source(
            "AddIndex", model_name=repr(model.lower),
            index=f"models.Index(fields={names!r}, name={name!r})"))
        migration.label_parts.append(f"{model.lower}_{name}")
        return True

    def run_python(self, migration, model, field=None):
        """A data migration, with its reverse; fills field (or a text field) when given"""
        text = [f for f in model.fields if f.kind == "char"]
        field = field or (self.rng.choice(text) if text else None)
        cls = model.name
        if field is not None:
            verb = f"fill_{model.lower}_{field.name}"
            forwards = (f"def {verb}(apps, schema_editor):\n"
                        f"    {cls} = apps.get_model({self.label!r}, {cls!r})\n"
                        f"    for obj in {cls}.objects.filter({field.name}='').iterator():\n"
                        f"        obj.{field.name} = '{cls[:3].upper()}-%05d' % obj.pk\n"
                        f"        obj.save(update_fields=[{field.name!r}])\n")
            backwards = (f"def clear_{model.lower}_{field.name}(apps, schema_editor):\n"
                         f"    {cls} = apps.get_model({self.label!r}, {cls!r})\n"
                         f"    {cls}.objects.update({field.name}='')\n")
            migration.functions += [forwards, backwards]
            migration.operations.append(f"migrations.RunPython({verb}, clear_{model.lower}_{field.name}),")
            migration.label_parts.append(verb)
        else:
            verb = f"recount_{model.lower}"
            forwards = (f"def {verb}(apps, schema_editor):\n"
                        f"    {cls} = apps.get_model({self.label!r}, {cls!r})\n"
                        f"    for obj in {cls}.objects.all().iterator():\n"
                        f"        obj.save()\n")
            migration.functions.append(forwards)
            migration.operations.append(f"migrations.RunPython({verb}, migrations.RunPython.noop),")
            migration.label_parts.append(verb)

    def run_sql(self, migration, model):
        rng = self.rng
        text = [f for f in model.fields if f.kind == "char"]
        if not text:
            return False
        field = rng.choice(text)
        if rng.random() < 0.6:
            name = f"{model.table}_{field.column}_lower_{digest(model.table, field.column, str(migration.number))}"
            self.state.indexes.append(Index(name, model.lower, [field.name], "sql"))
            sql = f'CREATE INDEX IF NOT EXISTS "{name}" ON "{model.table}" (lower("{field.column}"));'
            reverse = repr(f'DROP INDEX IF EXISTS "{name}";')
            migration.label_parts.append(f"{model.lower}_{field.name}_lower_index")
        else:
            sql = f"UPDATE \"{model.table}\" SET \"{field.column}\" = trim(\"{field.column}\");"
            reverse = "migrations.RunSQL.noop"
            migration.label_parts.append(f"trim_{model.lower}_{field.name}")
        migration.operations.append(op_source("RunSQL", sql=repr(sql), reverse_sql=reverse))
        return True

    # -- the app's migrations

    def generate(self):
        rng = self.rng
        cross_at = self.per_app // 2 if self.per_app >= 12 and self.index > 1 else None
        for number in range(1, self.per_app + 1):
            migration = Migration(self.label, number)
            if number > 1:
                migration.dependencies.append((self.label, number - 1))
            models = list(self.state.models.values())
            if number == 1:
                self.create_model(migration, self.primary)
                migration.name = "0001_initial"
            elif number in self.extra_models:
                parent = self.state.models[self.primary.lower()]
                self.create_model(migration, self.extra_models[number], parent)
            elif number == cross_at:
                # The app starts to point at the previous app's main model
                other = self.index - 1
                migration.dependencies.append((app_label(other, self.n_apps), max(1, cross_at - 10)))
                self.add_field(migration, self.state.models[self.primary.lower()], "fk",
                               self.target_model(other))
            elif number % 10 == 0:
                model = rng.choice(models)
                # Often the usual pair: a new column, then code that fills it
                added = self.add_field(migration, model, "char") if rng.random() < 0.4 else None
                self.run_python(migration, model, added)
            elif number > 3 and rng.random() < 0.03 and self.n_apps > 1:
                # A foreign key into another app (the newest migration it had then)
                other = rng.choice([i for i in range(1, self.n_apps + 1) if i != self.index])
                migration.dependencies.append(
                    (app_label(other, self.n_apps), max(1, number - rng.randint(1, 8))))
                self.add_field(migration, rng.choice(models), "fk", self.target_model(other))
            else:
                self.ordinary(migration, models)
            self.name(migration)
            self.migrations.append(migration)
            if number == self.applied:
                self.snapshot = copy.deepcopy(self.state)
        return self.migrations

    def ordinary(self, migration, models):
        rng = self.rng
        for _ in range(10):
            model = rng.choice(models)
            what = rng.choices(["add", "alter", "index", "rename", "remove", "sql", "two"],
                               weights=[38, 20, 12, 10, 4, 5, 11])[0]
            if what == "add":
                self.add_field(migration, model)
                return
            if what == "two":
                self.add_field(migration, model)
                if rng.random() < 0.5:
                    self.add_field(migration, model)
                elif not self.add_index(migration, model):
                    self.add_field(migration, model)
                return
            done = {"alter": self.alter_field, "index": self.add_index, "rename": self.rename_field,
                    "remove": self.remove_field, "sql": self.run_sql}[what](migration, model)
            if done:
                return
        self.add_field(migration, rng.choice(models))

    def name(self, migration):
        if migration.name:
            return
        parts = migration.label_parts
        if len(parts) > 1 and self.rng.random() < 0.3:
            # Django's fallback for many operations: auto_<date>_<time>, named once the
            # migration's date is known (write_project)
            migration.auto_name = True
            return
        label = "_".join(parts)
        # A data migration gets a name by hand: what its code does
        label = next((p for p in parts if p.startswith(("fill_", "recount_"))), label)
        if len(parts) == 1 and migration.kinds == ["add"]:
            label = "add_" + label
        migration.name = f"{migration.number:0{number_width(self.per_app)}d}_{label[:60].rstrip('_')}"


def app_label(index, n_apps):
    return f"app_{index:0{max(2, len(str(n_apps)))}d}"


def number_width(per_app):
    return max(4, len(str(per_app)))


# ------------------------------------------------------------ deployments --

def plan_deployments(rng, generators, applied):
    """Which deployment recorded each applied migration, the order it recorded them in and
    when: [(app, number, "YYYY-MM-DD HH:MM:SS.ffffff")] with every migration after its
    dependencies, as Django's migrate orders them"""
    if applied == 0:
        return [], {}
    n_deployments = min(DEPLOYMENTS, applied)
    deployment = {}
    for gen in generators:
        # The first apps exist from the start; the others join later
        start = 0 if gen.index <= 10 else rng.randrange(0, n_deployments // 2 + 1)
        if gen.index == 1:
            slots = [(n - 1) * n_deployments // applied for n in range(1, applied + 1)]
        else:
            slots = sorted([start] + [rng.randrange(start, n_deployments) for _ in range(applied - 1)])
        for number, slot in zip(range(1, applied + 1), slots):
            deployment[(gen.label, number)] = slot
    by_key = {(m.app, m.number): m for gen in generators for m in gen.migrations}
    # A migration is deployed with or after everything it depends on; (number, app) order
    # is a topological order, since every dependency has a smaller number
    for number in range(1, applied + 1):
        for gen in generators:
            key = (gen.label, number)
            deployment[key] = max([deployment[key]] + [deployment[d] for d in by_key[key].dependencies])

    # Django's plan: app by app, each migration after its dependencies (depth first)
    order = []
    for d in range(n_deployments):
        members = {key for key, slot in deployment.items() if slot == d}
        done = set()

        def visit(key):
            if key in done or key not in members:
                return
            done.add(key)
            for dependency in by_key[key].dependencies:
                visit(dependency)
            order.append((d, key))

        for gen in generators:
            for number in range(1, applied + 1):
                visit((gen.label, number))

    # ~40 evenings or Saturday mornings over two years, each a burst of records 20–200 ms apart
    days = sorted(rng.sample(range(0, 730), n_deployments))
    starts = []
    for day in days:
        date = FIRST_DAY + datetime.timedelta(days=day)
        if date.weekday() == 5:
            at = date.replace(hour=7, minute=rng.randrange(0, 60))
        else:
            at = date.replace(hour=rng.choice([18, 19, 20, 21]), minute=rng.randrange(0, 60))
        starts.append(at + datetime.timedelta(seconds=rng.randrange(0, 60),
                                              microseconds=rng.randrange(0, 1_000_000)))
    rows, when = [], {}
    current, clock = None, None
    for d, key in order:
        if d != current:
            current, clock = d, starts[d]
        else:
            clock += datetime.timedelta(microseconds=rng.randrange(20_000, 200_001))
        stamp = clock.strftime("%Y-%m-%d %H:%M:%S.%f")
        rows.append((key[0], key[1], stamp))
        when[key] = clock
    return rows, when


# ---------------------------------------------------------------- writing --

def migration_source(migration, names, created):
    lines = [f"# Generated by Django 4.2.11 on {created:%Y-%m-%d %H:%M}", ""]
    imports = set(migration.imports)
    if not any("models." in operation for operation in migration.operations):
        imports.remove("from django.db import migrations, models")
        imports.add("from django.db import migrations")
    # MigrationWriter sorts them by module name
    imports = sorted(imports, key=lambda line: line.split()[1])
    lines += imports
    lines += ["", ""]
    for function in migration.functions:
        lines += [function.rstrip("\n"), "", ""]
    lines.append("class Migration(migrations.Migration):")
    lines.append("")
    if migration.number == 1:
        lines += ["    initial = True", ""]
    if migration.dependencies:
        lines.append("    dependencies = [")
        for app, number in migration.dependencies:
            lines.append(f"        ({app!r}, {names[(app, number)]!r}),")
        lines.append("    ]")
    else:
        lines.append("    dependencies = [")
        lines.append("    ]")
    lines.append("")
    lines.append("    operations = [")
    for operation in migration.operations:
        lines.append(indent(operation, 8).rstrip("\n"))
    lines.append("    ]")
    return "\n".join(lines) + "\n"


MANAGE_PY = '''#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{package}.settings')
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
'''

SETTINGS_PY = '''# Settings of a generated project with {total:,} migrations (tests/e2e/make_large_project.py).
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = 'generated-for-tests-not-a-secret'
DEBUG = False
ALLOWED_HOSTS = []

INSTALLED_APPS = [
{apps}]

DATABASES = {{
    'default': {{
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR.parent / 'db.sqlite3',
    }}
}}

DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
USE_TZ = False
'''


def write_project(project, generators, when, rng):
    os.makedirs(os.path.join(project, PACKAGE))
    with open(os.path.join(project, "manage.py"), "w") as f:
        f.write(MANAGE_PY.format(package=PACKAGE))
    os.chmod(os.path.join(project, "manage.py"), 0o755)
    open(os.path.join(project, PACKAGE, "__init__.py"), "w").close()
    total = sum(len(gen.migrations) for gen in generators)
    with open(os.path.join(project, PACKAGE, "settings.py"), "w") as f:
        f.write(SETTINGS_PY.format(total=total,
                                   apps="".join(f"    {gen.label!r},\n" for gen in generators)))

    # When each migration was written: a few days before it was deployed; pending ones
    # in the weeks after the last deployment
    last = max(when.values()) if when else FIRST_DAY
    created = {}
    for gen in generators:
        for migration in gen.migrations:
            key = (gen.label, migration.number)
            if key in when:
                created[key] = when[key] - datetime.timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 600))
            else:
                created[key] = last + datetime.timedelta(days=1 + (migration.number - gen.applied) // 4,
                                                         minutes=rng.randint(0, 600))
            if migration.auto_name:
                migration.name = f"{migration.number:0{number_width(gen.per_app)}d}_auto_{created[key]:%Y%m%d_%H%M}"

    names = {(gen.label, m.number): m.name for gen in generators for m in gen.migrations}
    for gen in generators:
        folder = os.path.join(project, gen.label, "migrations")
        os.makedirs(folder)
        open(os.path.join(project, gen.label, "__init__.py"), "w").close()
        open(os.path.join(folder, "__init__.py"), "w").close()
        for migration in gen.migrations:
            with open(os.path.join(folder, f"{migration.name}.py"), "w") as f:
                f.write(migration_source(migration, names, created[(gen.label, migration.number)]))
    return names


def write_database(path, generators, rows, names):
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    db.execute("BEGIN")
    db.execute('CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
               '"app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)')
    for gen in generators:
        state = gen.snapshot
        for model in state.models.values():
            columns = ", ".join(field.sql() for field in model.fields)
            db.execute(f'CREATE TABLE "{model.table}" ({columns})')
        for index in state.indexes:
            model = state.models[index.model]
            columns = [model.field(name).column for name in index.fields]
            if index.kind == "sql":
                spec = f'lower("{columns[0]}")'
            else:
                spec = ", ".join(f'"{c}"' for c in columns)
            db.execute(f'CREATE INDEX "{index.name}" ON "{model.table}" ({spec})')
        # A few rows in every third app's main table
        if gen.index % 3 == 1 and state.models:
            model = state.models[gen.primary.lower()]
            placeholders = ", ".join("?" for _ in model.fields)
            db.executemany(f'INSERT INTO "{model.table}" VALUES ({placeholders})',
                           ([field.sample(row) for field in model.fields]
                            for row in range(1, 4 + gen.index % 20)))
    db.executemany('INSERT INTO "django_migrations" ("app", "name", "applied") VALUES (?, ?, ?)',
                   ((app, names[(app, number)], stamp) for app, number, stamp in rows))
    db.execute("COMMIT")
    db.execute("VACUUM")
    db.close()


def generate(output_dir, apps, per_app, applied):
    rng = random.Random(SEED)
    generators = [AppGenerator(rng, index, apps, per_app, applied) for index in range(1, apps + 1)]
    for gen in generators:
        gen.generate()
    rows, when = plan_deployments(rng, generators, applied)
    partial = os.path.join(output_dir, f".partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    try:
        names = write_project(os.path.join(partial, "project"), generators, when, rng)
        write_database(os.path.join(partial, "db.sqlite3"), generators, rows, names)
        for name in ("project", "db.sqlite3"):
            target = os.path.join(output_dir, name)
            if os.path.isdir(target):
                shutil.rmtree(target)
            elif os.path.exists(target):
                os.unlink(target)
            os.rename(os.path.join(partial, name), target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def large_project(output_dir, apps=DEFAULT_APPS, per_app=DEFAULT_PER_APP,
                  applied_per_app=DEFAULT_APPLIED_PER_APP):
    """(project folder, database path), generated first unless OUTPUT_DIR already holds
    them for these parameters"""
    if apps < 1 or per_app < 1 or not 0 <= applied_per_app <= per_app:
        raise ValueError("need apps >= 1, per-app >= 1 and 0 <= applied-per-app <= per-app")
    output_dir = os.path.abspath(output_dir)
    os.makedirs(output_dir, exist_ok=True)
    project = os.path.join(output_dir, "project")
    database = os.path.join(output_dir, "db.sqlite3")
    stamp = os.path.join(output_dir, STAMP)
    wanted = {"version": VERSION, "seed": SEED, "apps": apps, "per_app": per_app,
              "applied_per_app": applied_per_app}
    try:
        with open(stamp) as f:
            complete = json.load(f) == wanted and os.path.isdir(project) and os.path.isfile(database)
    except (OSError, ValueError):
        complete = False
    if not complete:
        if os.path.exists(stamp):
            os.unlink(stamp)
        generate(output_dir, apps, per_app, applied_per_app)
        with open(f"{stamp}.tmp", "w") as f:
            json.dump(wanted, f)
        os.rename(f"{stamp}.tmp", stamp)
    return project, database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output_dir")
    parser.add_argument("--apps", type=int, default=DEFAULT_APPS)
    parser.add_argument("--per-app", type=int, default=DEFAULT_PER_APP)
    parser.add_argument("--applied-per-app", type=int, default=DEFAULT_APPLIED_PER_APP)
    parser.add_argument("--time", metavar="PREFLIGHT_CLI",
                        help="then time `PREFLIGHT_CLI migrations DB --project DIR --format json` on it")
    options = parser.parse_args()
    begin = time.monotonic()
    try:
        project, database = large_project(options.output_dir, options.apps, options.per_app,
                                          options.applied_per_app)
    except ValueError as error:
        parser.error(str(error))
    total = options.apps * options.per_app
    applied = options.apps * options.applied_per_app
    print(f"{project} ({total:,} migrations in {options.apps} apps)")
    print(f"{database} ({applied:,} applied, {total - applied:,} pending) "
          f"ready in {time.monotonic() - begin:.1f} s")
    if options.time:
        begin = time.monotonic()
        result = subprocess.run([options.time, "migrations", database, "--project", project,
                                 "--format", "json"], capture_output=True, text=True, check=False)
        seconds = time.monotonic() - begin
        print(result.stderr[:2000], file=sys.stderr)
        try:
            report = json.loads(result.stdout)
            report = report.get("migrations", report)
            kinds = sorted({p.get("kind") for p in report.get("problems", [])})
            print(f"preflight-cli migrations: status {result.returncode} in {seconds:.2f} s: "
                  f"{len(report['applied']):,} applied, {len(report['pending']):,} pending, "
                  f"problems: {', '.join(kinds) or 'none'}")
        except (ValueError, KeyError):
            print(result.stdout[:2000], file=sys.stderr)
            print(f"preflight-cli migrations: status {result.returncode} in {seconds:.2f} s, no JSON report")


if __name__ == "__main__":
    main()
