/* test-python-parser.c — the Python-subset parser and PfMigration, checked
 * construct by construct and against Django's own reading of real
 * makemigrations output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-python-parser"

#include "config.h"

#include <string.h>

#include "pf-migration.h"
#include "pf-migration-error.h"
#include "pf-python-parser.h"
#include "pf-test-django.h"

static char *project;        /* made once by pf_test_django_project_new() */
static JsonNode *oracle;     /* what Django says about it */

/* ---- helpers ------------------------------------------------------------ */

static JsonObject *
parse_class (const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_strconcat ("class Migration(migrations.Migration):\n", body, NULL);
  JsonObject *object = pf_python_parse_migration (source, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

static char *
value_json (const char *python)
{
  g_autofree char *body = g_strconcat ("    x = ", python, "\n", NULL);
  g_autoptr(JsonObject) object = parse_class (body);
  JsonNode *node = json_object_get_member (object, "x");

  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

#define assert_value(python, expected) \
  G_STMT_START { \
    g_autofree char *__json = value_json (python); \
    g_assert_cmpstr (__json, ==, expected); \
  } G_STMT_END

static void
assert_unparsable (const char *source,
                   const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = pf_python_parse_migration (source, -1, &error);

  g_assert_null (object);
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
  g_assert_cmpstr (error->message, ==, expected_message);
}

/* ---- values ------------------------------------------------------------- */

static void
test_strings (void)
{
  assert_value ("'single'", "\"single\"");
  assert_value ("\"double\"", "\"double\"");
  assert_value ("'''triple\nsingle'''", "\"triple\\nsingle\"");
  assert_value ("\"\"\"triple \"quoted\" \"\" double\"\"\"", "\"triple \\\"quoted\\\" \\\"\\\" double\"");
  assert_value ("'it\\'s'", "\"it's\"");
  assert_value ("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"");
  assert_value ("'\\t\\n\\r\\\\\\x41\\101\\u00e9\\U0001F600\\a\\0'",
                "\"\\t\\n\\r\\\\AAé😀\\u0007\uFFFD\"");
  assert_value ("'\\d \\N{DASH}'", "\"\\\\d \\\\N{DASH}\"");
  assert_value ("r'\\d+\\.\\''", "\"\\\\d+\\\\.\\\\'\"");
  assert_value ("R\"\\n\"", "\"\\\\n\"");
  assert_value ("b'bytes\\x41\\xff'", "\"bytesAÿ\"");
  assert_value ("B'x'", "\"x\"");
  assert_value ("rb'\\x00'", "\"\\\\x00\"");
  assert_value ("Br'\\n'", "\"\\\\n\"");
  assert_value ("u'unicode'", "\"unicode\"");
  assert_value ("U\"é\"", "\"é\"");
  /* implicit concatenation, across lines inside brackets and with \ */
  assert_value ("'a' \"b\" '''c''' r'\\d'", "\"abc\\\\d\"");
  assert_value ("('multi'\n         ' line'  # comment\n         \"s\")", "\"multi lines\"");
  assert_value ("'back' \\\n    'slash'", "\"backslash\"");
  /* a backslash-newline inside a string continues it */
  assert_value ("'con\\\ntinued'", "\"continued\"");
  /* \r\n in a triple-quoted string is \n, as Python reads it */
  assert_value ("'''a\r\nb'''", "\"a\\nb\"");
  /* f-strings are expressions */
  assert_value ("f'{x}!'", "{\"expr\":\"f'{x}!'\"}");
  assert_value ("'a' F\"{b}\"", "{\"expr\":\"'a' F\\\"{b}\\\"\"}");
  assert_value ("rf'{x}\\d'", "{\"expr\":\"rf'{x}\\\\d'\"}");
  assert_value ("''", "\"\"");
}

static void
test_numbers (void)
{
  assert_value ("42", "42");
  assert_value ("0", "0");
  assert_value ("1_000_000", "1000000");
  assert_value ("0x1F", "31");
  assert_value ("0o17", "15");
  assert_value ("0b101", "5");
  assert_value ("1.5", "1.5");
  assert_value ("1e3", "1000.0");
  assert_value (".25", "0.25");
  assert_value ("-3", "-3");
  assert_value ("-2.5", "-2.5");
  assert_value ("- 7", "-7");
  assert_value ("+4", "4");
  assert_value ("--5", "5");
  assert_value ("9223372036854775807", "9223372036854775807");
  assert_value ("99999999999999999999", "{\"expr\":\"99999999999999999999\"}");
  assert_value ("3j", "{\"expr\":\"3j\"}");
  assert_value ("-x", "{\"expr\":\"-x\"}");
  assert_value ("~1", "{\"expr\":\"~1\"}");
  assert_value ("True", "true");
  assert_value ("False", "false");
  assert_value ("None", "null");
}

static void
test_containers (void)
{
  assert_value ("[1, 'a', None,]", "[1,\"a\",null]");
  assert_value ("[]", "[]");
  assert_value ("(1,)", "[1]");
  assert_value ("()", "[]");
  assert_value ("(1)", "1");
  assert_value ("('a', 'b')", "[\"a\",\"b\"]");
  assert_value ("{1, 2}", "[1,2]");
  assert_value ("{}", "{}");
  assert_value ("{'a': 1, \"b\": [2], 3: 'c', None: 0, True: 1, x.y: 2,}",
                "{\"a\":1,\"b\":[2],\"3\":\"c\",\"None\":0,\"True\":1,\"x.y\":2}");
  assert_value ("[\n        ('a',\n         'b'),  # comment\n\n        ['c'],\n    ]",
                "[[\"a\",\"b\"],[\"c\"]]");
  assert_value ("1, 2", "[1,2]");
  assert_value ("'one',", "[\"one\"]");
  /* unpacking and comprehensions are expressions */
  assert_value ("[*a, 1]", "[{\"expr\":\"*a\"},1]");
  assert_value ("{**a, 'b': 1}", "{\"expr\":\"{**a, 'b': 1}\"}");
  assert_value ("[x for x in y if x]", "{\"expr\":\"[x for x in y if x]\"}");
  assert_value ("{k: v for k, v in d.items()}", "{\"expr\":\"{k: v for k, v in d.items()}\"}");
  assert_value ("{x for x in y}", "{\"expr\":\"{x for x in y}\"}");
  assert_value ("(x for x in y)", "{\"expr\":\"(x for x in y)\"}");
}

static void
test_names_and_calls (void)
{
  assert_value ("settings.AUTH_USER_MODEL", "{\"name\":\"settings.AUTH_USER_MODEL\"}");
  assert_value ("django.db.models.deletion.CASCADE",
                "{\"name\":\"django.db.models.deletion.CASCADE\"}");
  assert_value ("f()", "{\"call\":\"f\",\"line\":2,\"args\":[],\"kwargs\":{}}");
  assert_value ("models.CharField(max_length=10, null=True,)",
                "{\"call\":\"models.CharField\",\"line\":2,\"args\":[],"
                "\"kwargs\":{\"max_length\":10,\"null\":true}}");
  assert_value ("f(1, 'a', *args, key=[2], **kwargs)",
                "{\"call\":\"f\",\"line\":2,\"args\":[1,\"a\",{\"expr\":\"*args\"},"
                "{\"expr\":\"**kwargs\"}],\"kwargs\":{\"key\":[2]}}");
  /* a call on a call */
  assert_value ("f(1)(2)",
                "{\"call\":\"f(1)\",\"line\":2,\"args\":[2],\"kwargs\":{},"
                "\"func\":{\"call\":\"f\",\"line\":2,\"args\":[1],\"kwargs\":{}}}");
  assert_value ("a().b", "{\"expr\":\"a().b\"}");
  assert_value ("a[0]", "{\"expr\":\"a[0]\"}");
  assert_value ("a[1:2, ::3].b", "{\"expr\":\"a[1:2, ::3].b\"}");
  assert_value ("sum(x for x in y)",
                "{\"call\":\"sum\",\"line\":2,\"args\":[{\"expr\":\"x for x in y\"}],\"kwargs\":{}}");
  /* the line of a call is the line where it starts */
  assert_value ("[\n        a(),\n\n        b.c(\n            d()),\n    ]",
                "[{\"call\":\"a\",\"line\":3,\"args\":[],\"kwargs\":{}},"
                "{\"call\":\"b.c\",\"line\":5,\"args\":[{\"call\":\"d\",\"line\":6,"
                "\"args\":[],\"kwargs\":{}}],\"kwargs\":{}}]");
}

static void
test_expressions (void)
{
  assert_value ("1 + 2", "{\"expr\":\"1 + 2\"}");
  assert_value ("-1 ** 2", "{\"expr\":\"-1 ** 2\"}");
  assert_value ("a if b else c", "{\"expr\":\"a if b else c\"}");
  assert_value ("lambda apps, schema_editor: None", "{\"expr\":\"lambda apps, schema_editor: None\"}");
  assert_value ("lambda: {'a': 1}", "{\"expr\":\"lambda: {'a': 1}\"}");
  assert_value ("not x", "{\"expr\":\"not x\"}");
  assert_value ("a and not b or c", "{\"expr\":\"a and not b or c\"}");
  assert_value ("x not in y", "{\"expr\":\"x not in y\"}");
  assert_value ("x is not None", "{\"expr\":\"x is not None\"}");
  assert_value ("a < b <= c != d", "{\"expr\":\"a < b <= c != d\"}");
  assert_value ("'%s' % name", "{\"expr\":\"'%s' % name\"}");
  assert_value ("...", "{\"expr\":\"...\"}");
  /* the exact source slice, line continuation included */
  assert_value ("(1 +\n         2)", "{\"expr\":\"1 +\\n         2\"}");
  assert_value ("1 + \\\n    2", "{\"expr\":\"1 + \\\\\\n    2\"}");
  /* inside containers and keyword arguments */
  assert_value ("{'key': lambda x: x, 'other': 1}",
                "{\"key\":{\"expr\":\"lambda x: x\"},\"other\":1}");
  assert_value ("f(code=lambda a, b=(1, 2): a, n=-1)",
                "{\"call\":\"f\",\"line\":2,\"args\":[],\"kwargs\":{\"code\":{\"expr\":\"lambda a, b=(1, 2): a\"},\"n\":-1}}");
}

/* ---- statements --------------------------------------------------------- */

static const char module_source[] =
  "# -*- coding: utf-8 -*-\n"
  "# Generated by Django 3.2.25 on 2026-11-21 10:00\n"
  "from __future__ import unicode_literals\n"
  "\n"
  "import django.db.models.deletion\n"
  "from django.conf import settings\n"
  "from django.db import (migrations,\n"
  "                       models)\n"
  "\n"
  "SQL = \"\"\"\n"
  "class Migration: not this one\n"
  "\"\"\"\n"
  "\n"
  "\n"
  "def forwards(apps, schema_editor):\n"
  "    class Inner:\n"
  "        operations = ['not these']\n"
  "    if True:\n"
  "        pass\n"
  "\n"
  "\n"
  "class Helper(object):\n"
  "    operations = ['nor these']\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "    \"\"\"A class docstring\n"
  "    over two lines.\"\"\"\n"
  "\n"
  "    # a comment\n"
  "    atomic = False; initial = True\n"
  "\n"
  "    dependencies = [\n"
  "        ('app', '0001_initial'),\n"
  "        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n"
  "    ]\n"
  "\n"
  "    def method(self):\n"
  "        dependencies = ['inside a method']\n"
  "        return dependencies\n"
  "\n"
  "    replaces = run_before = []\n"
  "    operations = \\\n"
  "        [\n"
  "            migrations.RunSQL(SQL),\n"
  "        ]\n"
  "\n"
  "if __name__ == '__main__':\n"
  "    operations = ['after the class']\n";

static void
test_module (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = pf_python_parse_migration (module_source, -1, &error);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json_node_set_object (node, object);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"atomic\":false,\"initial\":true,"
                   "\"dependencies\":[[\"app\",\"0001_initial\"],"
                   "{\"call\":\"migrations.swappable_dependency\",\"line\":35,"
                   "\"args\":[{\"name\":\"settings.AUTH_USER_MODEL\"}],\"kwargs\":{}}],"
                   "\"replaces\":[],\"run_before\":[],"
                   "\"operations\":[{\"call\":\"migrations.RunSQL\",\"line\":45,"
                   "\"args\":[{\"name\":\"SQL\"}],\"kwargs\":{}}]}");
}

static void
test_one_line_class (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  object = pf_python_parse_migration ("from x import y\r\nclass Migration(y.Migration): operations = []; initial = True\r\n",
                                      -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (object, "initial"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "operations")), ==, 0);
  g_clear_pointer (&object, json_object_unref);

  /* a BOM, tabs, a class without bases, the last Migration class wins */
  object = pf_python_parse_migration ("\xef\xbb\xbf" "class Migration:\n\tinitial = False\n"
                                      "class Migration:\n\tinitial = True\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (object, "initial"));
}

static void
test_errors (void)
{
  assert_unparsable ("class Migration:\n    x = 'abc\n", "line 2: unterminated string");
  assert_unparsable ("class Migration:\n    x = '''abc\n\n", "line 2: unterminated triple-quoted string");
  assert_unparsable ("class Migration:\n    x = [1,\n  2,\n", "line 2: unbalanced bracket: “[” is never closed");
  assert_unparsable ("class Migration:\n    x = [1, 2)\n",
                     "line 2: unbalanced bracket: “)” does not close “[” from line 2");
  assert_unparsable ("class Migration:\n    x = 1)\n", "line 2: unbalanced bracket: “)” closes nothing");
  assert_unparsable ("class Migration:\n    x = [1 2]\n", "line 2: unexpected “2”");
  assert_unparsable ("class Migration:\n    x = f(a=)\n", "line 2: unexpected “)”");
  assert_unparsable ("class Migration:\n    x =\n", "line 2: unexpected end of line");
  assert_unparsable ("class Migration:\n    x = 1 if y\n", "line 2: unexpected end of line");
  assert_unparsable ("class Migration:\n    x = a.\n", "line 2: unexpected end of line");
  assert_unparsable ("class Migration:\n    x = import\n", "line 2: unexpected “import”");
  assert_unparsable ("class Migration:\n    x = 1\n  y = 2\n", "line 3: inconsistent indentation");
  assert_unparsable ("class Migration\n    x = 1\n", "line 1: unexpected end of line");
  assert_unparsable ("class Migration:\n", "line 2: the Migration class has no body");
  assert_unparsable ("class Migration:\n    x = 12abc\n", "line 2: invalid number");
  assert_unparsable ("class Migration:\n    x = '\\x4'\n", "line 2: invalid \\x escape in a string");
  assert_unparsable ("class Migration:\n    x = $\n", "line 2: unexpected character “$”");
  assert_unparsable ("class Migration:\n    x = 1 \\ 2\n", "line 2: unexpected character “\\”");
  assert_unparsable ("import os\n\nclass Other:\n    x = 1\n", "line 1: the file defines no Migration class");
  assert_unparsable ("", "line 1: the file defines no Migration class");
  assert_unparsable ("class Migration:\n    x = 1\n\n# caf\xc3\n", "line 4: the file is not valid UTF-8 text");
  {
    /* a NUL byte inside the given length */
    static const char nul[] = "class Migration:\n    x = 1\n    y = '\0'\n";
    g_autoptr(GError) error = NULL;

    g_assert_null (pf_python_parse_migration (nul, sizeof nul - 1, &error));
    g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
    g_assert_cmpstr (error->message, ==, "line 3: the file is not valid UTF-8 text");
  }
  assert_unparsable ("class Migration:\n    x = 1\nx = 'open\n", "line 3: unterminated string");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) source = g_string_new ("class Migration:\n    x = ");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (source, '[');
  object = pf_python_parse_migration (source->str, source->len, &error);
  g_assert_null (object);
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
  g_assert_true (g_str_has_prefix (error->message, "line 2: "));
  g_clear_error (&error);

  /* balanced, but too deep */
  g_string_assign (source, "class Migration:\n    x = ");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (source, '(');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (source, ')');
  object = pf_python_parse_migration (source->str, source->len, &error);
  g_assert_null (object);
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
  g_assert_cmpstr (error->message, ==, "line 2: brackets nested too deeply");
  g_clear_error (&error);

  /* deep without brackets: lambdas recurse, unary operators loop */
  g_string_assign (source, "class Migration:\n    x = ");
  for (guint i = 0; i < 1000; i++)
    g_string_append (source, "lambda: ");
  g_string_append (source, "1\n");
  object = pf_python_parse_migration (source->str, source->len, &error);
  g_assert_null (object);
  g_assert_cmpstr (error->message, ==, "line 2: expression nested too deeply");
  g_clear_error (&error);

  g_string_assign (source, "class Migration:\n    x = ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (source, "- ");
  g_string_append (source, "1\n    y = ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (source, "not ");
  g_string_append (source, "z\n");
  object = pf_python_parse_migration (source->str, source->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object, "x"), ==, 1);

  /* 199 levels are fine */
  g_string_assign (source, "class Migration:\n    x = ");
  for (guint i = 0; i < 199; i++)
    g_string_append_c (source, '[');
  for (guint i = 0; i < 199; i++)
    g_string_append_c (source, ']');
  g_clear_pointer (&object, json_object_unref);
  object = pf_python_parse_migration (source->str, source->len, &error);
  g_assert_no_error (error);
}

static void
test_assignments (void)
{
  static const char settings[] =
    "import os\n"
    "from .base import *  # noqa\n"
    "DEBUG = os.environ.get('DEBUG') == '1'\n"
    "AUTH_USER_MODEL = 'accounts.User'\n"
    "if DEBUG:\n"
    "    AUTH_USER_MODEL = 'debug.User'\n"
    "def f():\n"
    "    AUTH_USER_MODEL = 'f.User'\n"
    "BROKEN = 1 2\n"
    "INSTALLED_APPS = [\n"
    "    'django.contrib.auth',  # comment\n"
    "    'scheduling',\n"
    "]\n"
    "A = B = 3\n"
    "X += 1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = pf_python_parse_assignments (settings, -1, &error);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json_node_set_object (node, object);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"DEBUG\":{\"expr\":\"os.environ.get('DEBUG') == '1'\"},"
                   "\"AUTH_USER_MODEL\":\"accounts.User\","
                   "\"INSTALLED_APPS\":[\"django.contrib.auth\",\"scheduling\"],"
                   "\"A\":3,\"B\":3}");

  /* tokens must still be valid */
  g_assert_null (pf_python_parse_assignments ("X = 'open\n", -1, &error));
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
}

static void
test_find_calls (void)
{
  static const char manage[] =
    "#!/usr/bin/env python\n"
    "import os\n"
    "def main():\n"
    "    os.environ.setdefault(\n"
    "        'DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"
    "    d.setdefault(x)\n"
    "    notsetdefault(1)\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) calls = pf_python_find_calls (manage, -1, "environ.setdefault", &error);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json_node_set_array (node, calls);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "[{\"call\":\"os.environ.setdefault\",\"line\":4,"
                   "\"args\":[\"DJANGO_SETTINGS_MODULE\",\"mysite.settings\"],\"kwargs\":{}}]");
}

/* ---- PfMigration -------------------------------------------------------- */

static const char every_operation[] =
  "from django.db import migrations, models\n"
  "import django.contrib.postgres.operations\n"
  "from django.contrib.postgres.operations import *\n"
  "class Migration(migrations.Migration):\n"
  "    initial = True\n"
  "    dependencies = [\n"
  "        ('auth', '__first__'),\n"
  "        ['other', '__latest__'],\n"
  "        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n"
  "        migrations.swappable_dependency('staff.Person'),\n"
  "        'not a dependency',\n"
  "    ]\n"
  "    replaces = [('app', '0001_a'), ('app', '0002_b')]\n"
  "    run_before = [('later', '0001_initial')]\n"
  "    operations = [\n"
  "        migrations.CreateModel('Shift', [('id', models.AutoField(primary_key=True))], {'db_table': 't'}, (models.Model,), []),\n"
  "        migrations.DeleteModel('Old'),\n"
  "        migrations.RenameModel('A', 'B'),\n"
  "        migrations.AlterModelTable('m', 'tbl'),\n"
  "        migrations.AlterModelOptions('m', {'ordering': ['x']}),\n"
  "        migrations.AlterModelManagers('m', []),\n"
  "        migrations.AddField('shift', 'hours', models.IntegerField(default=0), False),\n"
  "        migrations.RemoveField('shift', 'hours'),\n"
  "        migrations.AlterField('shift', 'hours', models.BigIntegerField()),\n"
  "        migrations.RenameField('shift', 'a', 'b'),\n"
  "        migrations.AddIndex('shift', models.Index(fields=['a'], name='i')),\n"
  "        migrations.RemoveIndex('shift', 'i'),\n"
  "        migrations.AddConstraint('shift', models.CheckConstraint(check=models.Q(a__gt=0), name='c')),\n"
  "        migrations.RemoveConstraint('shift', 'c'),\n"
  "        migrations.AlterUniqueTogether('shift', {('a', 'b')}),\n"
  "        migrations.AlterIndexTogether('shift', set()),\n"
  "        migrations.AlterOrderWithRespectTo('shift', 'unit'),\n"
  "        migrations.RunSQL('SELECT 1', 'SELECT 2', [migrations.AddField('m', 'f', models.TextField())]),\n"
  "        migrations.RunPython(forwards, backwards, True),\n"
  "        migrations.SeparateDatabaseAndState(\n"
  "            [migrations.RunSQL('ALTER TABLE x')],\n"
  "            [migrations.DeleteModel('X'), migrations.DeleteModel('Y')]),\n"
  "        django.contrib.postgres.operations.AddIndexConcurrently('shift', models.Index(fields=['b'], name='j')),\n"
  "        RemoveIndexConcurrently('shift', 'j'),\n"
  "        CreateExtension('postgis'),\n"
  "        BtreeGinExtension(), BtreeGistExtension(), CITextExtension(), CryptoExtension(),\n"
  "        HStoreExtension(), TrigramExtension(), UnaccentExtension(),\n"
  "        CreateCollation('german', 'de-x-icu', provider='icu'),\n"
  "        RemoveCollation('german', locale='de-x-icu'),\n"
  "        AddConstraintNotValid('shift', models.CheckConstraint(check=models.Q(b=1), name='d')),\n"
  "        ValidateConstraint('shift', 'd'),\n"
  "        myapp.operations.Custom(1, 'two', *rest, flag=True),\n"
  "        migrations.RunPython(*args),\n"
  "        'not an operation',\n"
  "    ]\n";

static const struct {
  const char *kind;
  const char *module;
  const char *arguments;  /* JSON */
} expected_operations[] = {
  { "CreateModel", "migrations", "{\"name\":\"Shift\",\"fields\":[[\"id\",{\"call\":\"models.AutoField\",\"line\":16,\"args\":[],\"kwargs\":{\"primary_key\":true}}]],\"options\":{\"db_table\":\"t\"},\"bases\":[{\"name\":\"models.Model\"}],\"managers\":[]}" },
  { "DeleteModel", "migrations", "{\"name\":\"Old\"}" },
  { "RenameModel", "migrations", "{\"old_name\":\"A\",\"new_name\":\"B\"}" },
  { "AlterModelTable", "migrations", "{\"name\":\"m\",\"table\":\"tbl\"}" },
  { "AlterModelOptions", "migrations", "{\"name\":\"m\",\"options\":{\"ordering\":[\"x\"]}}" },
  { "AlterModelManagers", "migrations", "{\"name\":\"m\",\"managers\":[]}" },
  { "AddField", "migrations", "{\"model_name\":\"shift\",\"name\":\"hours\",\"field\":{\"call\":\"models.IntegerField\",\"line\":22,\"args\":[],\"kwargs\":{\"default\":0}},\"preserve_default\":false}" },
  { "RemoveField", "migrations", "{\"model_name\":\"shift\",\"name\":\"hours\"}" },
  { "AlterField", "migrations", "{\"model_name\":\"shift\",\"name\":\"hours\",\"field\":{\"call\":\"models.BigIntegerField\",\"line\":24,\"args\":[],\"kwargs\":{}}}" },
  { "RenameField", "migrations", "{\"model_name\":\"shift\",\"old_name\":\"a\",\"new_name\":\"b\"}" },
  { "AddIndex", "migrations", "{\"model_name\":\"shift\",\"index\":{\"call\":\"models.Index\",\"line\":26,\"args\":[],\"kwargs\":{\"fields\":[\"a\"],\"name\":\"i\"}}}" },
  { "RemoveIndex", "migrations", "{\"model_name\":\"shift\",\"name\":\"i\"}" },
  { "AddConstraint", "migrations", "{\"model_name\":\"shift\",\"constraint\":{\"call\":\"models.CheckConstraint\",\"line\":28,\"args\":[],\"kwargs\":{\"check\":{\"call\":\"models.Q\",\"line\":28,\"args\":[],\"kwargs\":{\"a__gt\":0}},\"name\":\"c\"}}}" },
  { "RemoveConstraint", "migrations", "{\"model_name\":\"shift\",\"name\":\"c\"}" },
  { "AlterUniqueTogether", "migrations", "{\"name\":\"shift\",\"unique_together\":[[\"a\",\"b\"]]}" },
  { "AlterIndexTogether", "migrations", "{\"name\":\"shift\",\"index_together\":{\"call\":\"set\",\"line\":31,\"args\":[],\"kwargs\":{}}}" },
  { "AlterOrderWithRespectTo", "migrations", "{\"name\":\"shift\",\"order_with_respect_to\":\"unit\"}" },
  { "RunSQL", "migrations", "{\"sql\":\"SELECT 1\",\"reverse_sql\":\"SELECT 2\",\"state_operations\":[{\"call\":\"migrations.AddField\",\"line\":33,\"args\":[\"m\",\"f\",{\"call\":\"models.TextField\",\"line\":33,\"args\":[],\"kwargs\":{}}],\"kwargs\":{}}]}" },
  { "RunPython", "migrations", "{\"code\":{\"name\":\"forwards\"},\"reverse_code\":{\"name\":\"backwards\"},\"atomic\":true}" },
  { "SeparateDatabaseAndState", "migrations", NULL },
  { "AddIndexConcurrently", "django.contrib.postgres.operations", "{\"model_name\":\"shift\",\"index\":{\"call\":\"models.Index\",\"line\":38,\"args\":[],\"kwargs\":{\"fields\":[\"b\"],\"name\":\"j\"}}}" },
  { "RemoveIndexConcurrently", NULL, "{\"model_name\":\"shift\",\"name\":\"j\"}" },
  { "CreateExtension", NULL, "{\"name\":\"postgis\"}" },
  { "BtreeGinExtension", NULL, "{\"name\":\"btree_gin\"}" },
  { "BtreeGistExtension", NULL, "{\"name\":\"btree_gist\"}" },
  { "CITextExtension", NULL, "{\"name\":\"citext\"}" },
  { "CryptoExtension", NULL, "{\"name\":\"pgcrypto\"}" },
  { "HStoreExtension", NULL, "{\"name\":\"hstore\"}" },
  { "TrigramExtension", NULL, "{\"name\":\"pg_trgm\"}" },
  { "UnaccentExtension", NULL, "{\"name\":\"unaccent\"}" },
  { "CreateCollation", NULL, "{\"name\":\"german\",\"locale\":\"de-x-icu\",\"provider\":\"icu\"}" },
  { "RemoveCollation", NULL, "{\"name\":\"german\",\"locale\":\"de-x-icu\"}" },
  { "AddConstraintNotValid", NULL, "{\"model_name\":\"shift\",\"constraint\":{\"call\":\"models.CheckConstraint\",\"line\":45,\"args\":[],\"kwargs\":{\"check\":{\"call\":\"models.Q\",\"line\":45,\"args\":[],\"kwargs\":{\"b\":1}},\"name\":\"d\"}}}" },
  { "ValidateConstraint", NULL, "{\"model_name\":\"shift\",\"name\":\"d\"}" },
  { "Custom", "myapp.operations", "{\"flag\":true,\"*args\":[1,\"two\",{\"expr\":\"*rest\"}]}" },
  { "RunPython", "migrations", "{\"*args\":[{\"expr\":\"*args\"}]}" },
};

static char *
object_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
assert_keys (GPtrArray  *keys,
             const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *key = pf_migration_key_to_string (g_ptr_array_index (keys, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", key);
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_migration_operations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfMigration) migration = NULL;
  GPtrArray *operations;
  PfMigrationOperation *separate;
  g_autofree char *app = NULL;
  g_autofree char *number = NULL;
  gboolean initial;
  guint n_operations;

  migration = pf_migration_new_from_source ("scheduling", "0007_everything", "/p/0007_everything.py",
                                            every_operation, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (pf_migration_get_app (migration), ==, "scheduling");
  g_assert_cmpstr (pf_migration_get_name (migration), ==, "0007_everything");
  g_assert_cmpstr (pf_migration_get_path (migration), ==, "/p/0007_everything.py");
  g_assert_cmpstr (pf_migration_get_number (migration), ==, "0007");
  g_assert_true (pf_migration_get_initial (migration));
  g_object_get (migration, "app", &app, "number", &number, "initial", &initial,
                "n-operations", &n_operations, NULL);
  g_assert_cmpstr (app, ==, "scheduling");
  g_assert_cmpstr (number, ==, "0007");
  g_assert_true (initial);

  assert_keys (pf_migration_get_dependencies (migration),
               "auth.__first__ other.__latest__ __swappable__.AUTH_USER_MODEL staff.__first__");
  assert_keys (pf_migration_get_replaces (migration), "app.0001_a app.0002_b");
  assert_keys (pf_migration_get_run_before (migration), "later.0001_initial");

  pf_migration_resolve_swappable (migration, "accounts.User");
  assert_keys (pf_migration_get_dependencies (migration),
               "auth.__first__ other.__latest__ accounts.__first__ staff.__first__");

  operations = pf_migration_get_operations (migration);
  g_assert_cmpuint (operations->len, ==, G_N_ELEMENTS (expected_operations));
  g_assert_cmpuint (n_operations, ==, operations->len);
  for (guint i = 0; i < operations->len; i++)
    {
      PfMigrationOperation *operation = g_ptr_array_index (operations, i);
      g_autofree char *arguments = object_json (operation->arguments);

      g_test_message ("operation %u: %s", i, operation->kind);
      g_assert_cmpstr (operation->kind, ==, expected_operations[i].kind);
      g_assert_cmpstr (operation->module, ==, expected_operations[i].module);
      g_assert_cmpuint (operation->line, >=, 16);
      if (expected_operations[i].arguments != NULL)
        g_assert_cmpstr (arguments, ==, expected_operations[i].arguments);
    }
  g_assert_cmpuint (((PfMigrationOperation *) g_ptr_array_index (operations, 0))->line, ==, 16);
  g_assert_cmpstr (pf_migration_operation_get_string (g_ptr_array_index (operations, 0), "name"), ==, "Shift");
  g_assert_null (pf_migration_operation_get_string (g_ptr_array_index (operations, 0), "fields"));
  g_assert_null (pf_migration_operation_get_string (g_ptr_array_index (operations, 0), "nothing"));

  /* RunSQL's state_operations are operations too */
  {
    PfMigrationOperation *run_sql = g_ptr_array_index (operations, 17);

    g_assert_cmpuint (run_sql->state_operations->len, ==, 1);
    g_assert_cmpstr (((PfMigrationOperation *) g_ptr_array_index (run_sql->state_operations, 0))->kind, ==, "AddField");
    g_assert_cmpuint (run_sql->database_operations->len, ==, 0);
  }

  separate = g_ptr_array_index (operations, 19);
  g_assert_cmpuint (separate->database_operations->len, ==, 1);
  g_assert_cmpuint (separate->state_operations->len, ==, 2);
  g_assert_cmpstr (pf_migration_operation_get_string (g_ptr_array_index (separate->database_operations, 0), "sql"),
                   ==, "ALTER TABLE x");
  g_assert_cmpuint (((PfMigrationOperation *) g_ptr_array_index (separate->database_operations, 0))->line, ==, 36);
  g_assert_cmpstr (pf_migration_operation_get_string (g_ptr_array_index (separate->state_operations, 1), "name"),
                   ==, "Y");

  /* boxed type */
  {
    PfMigrationOperation *copy = g_boxed_copy (PF_TYPE_MIGRATION_OPERATION, separate);

    g_assert_true (copy == separate);
    g_boxed_free (PF_TYPE_MIGRATION_OPERATION, copy);
  }

  /* a file without class Migration */
  g_assert_null (pf_migration_new_from_source ("a", "0001_x", NULL, "x = 1\n", -1, &error));
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
}

static void
test_migration_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfMigration) migration = NULL;

  migration = pf_migration_new_from_source ("app", "auto", NULL,
                                            "class Migration(migrations.Migration):\n    pass\n",
                                            -1, &error);
  g_assert_no_error (error);
  g_assert_null (pf_migration_get_number (migration));
  g_assert_false (pf_migration_get_initial (migration));
  g_assert_cmpuint (pf_migration_get_dependencies (migration)->len, ==, 0);
  g_assert_cmpuint (pf_migration_get_operations (migration)->len, ==, 0);
  /* the default user model */
  g_clear_object (&migration);
  migration = pf_migration_new_from_source ("app", "0002_x", NULL,
                                            "class Migration:\n    dependencies = [swappable_dependency(settings.AUTH_USER_MODEL)]\n",
                                            -1, &error);
  g_assert_no_error (error);
  pf_migration_resolve_swappable (migration, NULL);
  assert_keys (pf_migration_get_dependencies (migration), "auth.__first__");
}

static void
test_keys (void)
{
  g_autoptr(PfMigrationKey) a = pf_migration_key_new ("scheduling", "0003_shift");
  g_autoptr(PfMigrationKey) b = pf_migration_key_copy (a);
  g_autoptr(PfMigrationKey) c = pf_migration_key_new ("scheduling", "0004_shift");
  g_autoptr(GHashTable) set = g_hash_table_new (pf_migration_key_hash, pf_migration_key_equal);
  g_autofree char *text = pf_migration_key_to_string (a);

  g_assert_cmpstr (text, ==, "scheduling.0003_shift");
  g_assert_true (pf_migration_key_equal (a, b));
  g_assert_false (pf_migration_key_equal (a, c));
  g_assert_cmpuint (pf_migration_key_hash (a), ==, pf_migration_key_hash (b));
  g_hash_table_add (set, a);
  g_assert_true (g_hash_table_contains (set, b));
  g_assert_false (g_hash_table_contains (set, c));
}

/* ---- against Django ----------------------------------------------------- */

static void
assert_django_keys (GPtrArray  *keys,
                    JsonArray  *expected,
                    const char *what)
{
  g_assert_cmpuint (keys->len, ==, json_array_get_length (expected));
  for (guint i = 0; i < keys->len; i++)
    {
      PfMigrationKey *key = g_ptr_array_index (keys, i);
      JsonArray *pair = json_array_get_array_element (expected, i);

      g_test_message ("%s %u: %s.%s", what, i, key->app, key->name);
      g_assert_cmpstr (key->app, ==, json_array_get_string_element (pair, 0));
      g_assert_cmpstr (key->name, ==, json_array_get_string_element (pair, 1));
    }
}

static const char *
last_component (const char *dotted)
{
  const char *dot = strrchr (dotted, '.');

  return dot != NULL ? dot + 1 : dotted;
}

static guint n_compared_arguments;

static void
assert_django_operations (GPtrArray *operations,
                          JsonArray *expected)
{
  g_assert_cmpuint (operations->len, ==, json_array_get_length (expected));

  for (guint i = 0; i < operations->len; i++)
    {
      PfMigrationOperation *operation = g_ptr_array_index (operations, i);
      JsonObject *django = json_array_get_object_element (expected, i);
      JsonObject *arguments = json_object_get_object_member (django, "arguments");
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      g_test_message ("  operation %u: %s", i, operation->kind);
      g_assert_cmpstr (operation->kind, ==, json_object_get_string_member (django, "kind"));

      /* every plain argument Django has, by parameter name */
      json_object_iter_init (&iter, arguments);
      while (json_object_iter_next (&iter, &name, &value))
        {
          JsonNode *ours = json_object_get_member (operation->arguments, name);
          g_autofree char *ours_json = NULL;
          g_autofree char *django_json = json_to_string (value, FALSE);

          g_assert_nonnull (ours);
          ours_json = json_to_string (ours, FALSE);
          /* RunSQL.noop and RunPython.noop are "" and a function in Django */
          if (g_str_has_suffix (ours_json, ".noop\"}") && g_strcmp0 (django_json, "\"\"") == 0)
            continue;
          g_assert_cmpstr (ours_json, ==, django_json);
          n_compared_arguments++;
        }

      if (json_object_has_member (django, "fields"))
        {
          JsonArray *fields = json_object_get_array_member (django, "fields");
          JsonArray *our_fields = json_object_get_array_member (operation->arguments, "fields");

          g_assert_cmpuint (json_array_get_length (our_fields), ==, json_array_get_length (fields));
          for (guint f = 0; f < json_array_get_length (fields); f++)
            {
              JsonArray *pair = json_array_get_array_element (fields, f);
              JsonArray *our_pair = json_array_get_array_element (our_fields, f);
              JsonObject *call = json_array_get_object_element (our_pair, 1);

              g_assert_cmpstr (json_array_get_string_element (our_pair, 0), ==,
                               json_array_get_string_element (pair, 0));
              g_assert_cmpstr (last_component (json_object_get_string_member (call, "call")), ==,
                               json_array_get_string_element (pair, 1));
            }
        }

      if (json_object_has_member (django, "field"))
        {
          JsonObject *field = json_object_get_object_member (operation->arguments, "field");

          g_assert_cmpstr (last_component (json_object_get_string_member (field, "call")), ==,
                           json_object_get_string_member (django, "field"));
        }

      if (json_object_has_member (django, "database_operations"))
        {
          assert_django_operations (operation->database_operations,
                                    json_object_get_array_member (django, "database_operations"));
          assert_django_operations (operation->state_operations,
                                    json_object_get_array_member (django, "state_operations"));
        }
    }
}

static GPtrArray *
project_files (void)
{
  const char *apps[] = { "accounts", "scheduling", "staff_records" };
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (apps); i++)
    {
      g_autofree char *dir = g_build_filename (project, apps[i], "migrations", NULL);
      g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (handle);
      while ((name = g_dir_read_name (handle)) != NULL)
        if (g_str_has_suffix (name, ".py") && name[0] != '_')
          g_ptr_array_add (files, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static void
test_django_makemigrations (void)
{
  JsonObject *all = json_node_get_object (oracle);
  g_autoptr(GPtrArray) files = project_files ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;
  guint n_migrations = 0, n_operations = 0;

  /* every file Django loaded, and no other */
  g_assert_cmpuint (json_object_get_size (all), ==, 8);
  g_assert_cmpuint (files->len, ==, 8);

  json_object_iter_init (&iter, all);
  while (json_object_iter_next (&iter, &key, &node))
    {
      JsonObject *django = json_node_get_object (node);
      const char *path = json_object_get_string_member (django, "path");
      g_auto(GStrv) parts = g_strsplit (key, ".", 2);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PfMigration) migration = NULL;
      g_autoptr(JsonObject) raw = NULL;
      JsonArray *swappable = json_object_get_array_member (django, "swappable");
      guint n_swappable = 0;
      gboolean atomic = TRUE;

      g_test_message ("%s", key);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      migration = pf_migration_new_from_source (parts[0], parts[1], path, contents, -1, &error);
      g_assert_no_error (error);

      /* before resolution: swappable dependencies are kept as such */
      for (guint i = 0; i < pf_migration_get_dependencies (migration)->len; i++)
        {
          PfMigrationKey *dep = g_ptr_array_index (pf_migration_get_dependencies (migration), i);

          if (g_strcmp0 (dep->app, "__swappable__") == 0)
            {
              g_assert_cmpstr (dep->name, ==, "AUTH_USER_MODEL");
              n_swappable++;
            }
        }
      g_assert_cmpuint (n_swappable, ==, json_array_get_length (swappable));

      pf_migration_resolve_swappable (migration, "accounts.User");
      assert_django_keys (pf_migration_get_dependencies (migration),
                          json_object_get_array_member (django, "dependencies"), "dependency");
      assert_django_keys (pf_migration_get_replaces (migration),
                          json_object_get_array_member (django, "replaces"), "replaces");
      assert_django_keys (pf_migration_get_run_before (migration),
                          json_object_get_array_member (django, "run_before"), "run_before");
      g_assert_cmpint (pf_migration_get_initial (migration), ==,
                       json_object_get_boolean_member (django, "initial"));

      raw = pf_python_parse_migration (contents, -1, &error);
      g_assert_no_error (error);
      if (json_object_has_member (raw, "atomic"))
        atomic = json_object_get_boolean_member (raw, "atomic");
      g_assert_cmpint (atomic, ==, json_object_get_boolean_member (django, "atomic"));

      assert_django_operations (pf_migration_get_operations (migration),
                                json_object_get_array_member (django, "operations"));

      n_migrations++;
      n_operations += pf_migration_get_operations (migration)->len;
    }

  g_test_message ("%u migrations, %u operations, %u arguments compared with Django",
                  n_migrations, n_operations, n_compared_arguments);
  g_assert_cmpuint (n_operations, >, 30);
  g_assert_cmpuint (n_compared_arguments, >, 40);
}

/* ---- fuzz --------------------------------------------------------------- */

static void
assert_parses_or_fails_cleanly (const char *source,
                                gsize       length,
                                guint       n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfMigration) migration = NULL;

  migration = pf_migration_new_from_source ("app", "0001_fuzz", NULL, source, length, &error);
  if (migration != NULL)
    {
      g_assert_no_error (error);
      return;
    }

  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_UNPARSABLE);
  if (!g_regex_match_simple ("^line [1-9][0-9]*: ", error->message, 0, 0))
    g_error ("unexpected message: %s", error->message);
  g_assert_cmpuint (g_ascii_strtoull (error->message + 5, NULL, 10), <=, n_lines + 1);
}

static void
test_fuzz (void)
{
  g_autoptr(GPtrArray) files = project_files ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  static const char interesting[] = "'\"()[]{}\\#\n\r:=,.x0 \t*-\xff\xc3\x80";
  guint n_cases = 0;

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *contents = NULL;
      gsize length;
      guint n_lines = 1;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, f), &contents, &length, NULL));
      for (gsize i = 0; i < length; i++)
        if (contents[i] == '\n')
          n_lines++;

      /* every truncation at 200 evenly spaced offsets */
      for (guint k = 0; k < 200; k++)
        {
          gsize cut = length * k / 200;
          g_autofree char *copy = g_strndup (contents, cut);

          assert_parses_or_fails_cleanly (copy, cut, n_lines);
          n_cases++;
        }

      /* 500 garblings of a few bytes each */
      for (guint k = 0; k < 500; k++)
        {
          g_autofree char *copy = g_memdup2 (contents, length + 1);
          guint n = g_rand_int_range (rand, 1, 9);

          for (guint j = 0; j < n; j++)
            {
              gsize at = g_rand_int_range (rand, 0, length);

              if (g_rand_boolean (rand))
                copy[at] = interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
              else
                copy[at] = (char) g_rand_int_range (rand, 1, 256);
            }
          assert_parses_or_fails_cleanly (copy, length, n_lines + n);
          n_cases++;
        }
    }

  g_test_message ("%u fuzz cases", n_cases);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/python-parser/strings", test_strings);
  g_test_add_func ("/python-parser/numbers", test_numbers);
  g_test_add_func ("/python-parser/containers", test_containers);
  g_test_add_func ("/python-parser/names-and-calls", test_names_and_calls);
  g_test_add_func ("/python-parser/expressions", test_expressions);
  g_test_add_func ("/python-parser/module", test_module);
  g_test_add_func ("/python-parser/one-line-class", test_one_line_class);
  g_test_add_func ("/python-parser/errors", test_errors);
  g_test_add_func ("/python-parser/deep-nesting", test_deep_nesting);
  g_test_add_func ("/python-parser/assignments", test_assignments);
  g_test_add_func ("/python-parser/find-calls", test_find_calls);
  g_test_add_func ("/migration/operations", test_migration_operations);
  g_test_add_func ("/migration/defaults", test_migration_defaults);
  g_test_add_func ("/migration/keys", test_keys);
  g_test_add_func ("/migration/django-makemigrations", test_django_makemigrations);
  g_test_add_func ("/python-parser/fuzz", test_fuzz);

  /* No Django is a failure, not a skip: CI installs python3-django */
  project = pf_test_django_project_new (&error);
  g_assert_no_error (error);
  oracle = pf_test_django_oracle (project, &error);
  g_assert_no_error (error);

  ret = g_test_run ();

  json_node_unref (oracle);
  pf_test_django_project_remove (project);
  g_free (project);
  return ret;
}
