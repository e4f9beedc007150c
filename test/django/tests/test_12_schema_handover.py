"""Chapter 12: the three ways to rename Invoice.memo to note, executed as
Django migrations on PostgreSQL, forwards and backwards, with the SQL
`sqlmigrate` prints for each and what the old code sees at every step.

The "old code" is plain SQL naming memo, the "new code" plain SQL naming
note, through Django's connection: two versions of a service, deployed
side by side, as the chapter describes.
"""
from io import StringIO

from django.core.management import call_command
from django.db import ProgrammingError, connection
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.questioner import MigrationQuestioner, NonInteractiveMigrationQuestioner
from django.db.migrations.state import ModelState
from django.test import TransactionTestCase, override_settings

from handover.models import Invoice
from tests.snippets import CONTENT, load_snippet

schema_check = load_snippet("12-schema-handover/django/schema_check.py")
# Loaded by the handover app (its models and its migrations' SQL); the same modules, from the cache.
models_snippet = load_snippet("12-schema-handover/django/models.py")
sync_sql = load_snippet("12-schema-handover/django/sync_sql.py")
backfill = load_snippet("12-schema-handover/django/backfill.py")
load_snippet("12-schema-handover/django/rename_field.py")
load_snippet("12-schema-handover/django/rename_state_only.py")
load_snippet("12-schema-handover/django/expand.py")
load_snippet("12-schema-handover/django/contract.py")


def migrate(target):
    call_command("migrate", "handover", target, verbosity=0)


def sqlmigrate(name, backwards=False):
    out = StringIO()
    call_command("sqlmigrate", "handover", name, backwards=backwards, stdout=out)
    return out.getvalue()


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def old_insert(number, memo):
    return sql("INSERT INTO handover_invoice (number, memo) VALUES (%s, %s) RETURNING id", [number, memo])[0][0]


def new_insert(number, note):
    return sql("INSERT INTO handover_invoice (number, note) VALUES (%s, %s) RETURNING id", [number, note])[0][0]


def columns():
    with connection.cursor() as cursor:
        return {c.name: c.null_ok for c in connection.introspection.get_table_description(cursor, "handover_invoice")}


class HandoverMigrations(TransactionTestCase):
    def tearDown(self):
        migrate("zero")


@override_settings(MIGRATION_MODULES={"handover": "handover.rename_field"})
class RenameFieldTests(HandoverMigrations):
    def test_sqlmigrate_shows_one_rename_statement(self):
        out = sqlmigrate("0002")
        # The page shows this output as a file: it must be exactly what sqlmigrate prints.
        with open(f"{CONTENT}/12-schema-handover/django/rename_field.sqlmigrate.sql") as shown:
            self.assertEqual(out, shown.read())
        self.assertIn('ALTER TABLE "handover_invoice" RENAME COLUMN "memo" TO "note";', out)
        self.assertEqual(out.count("ALTER TABLE"), 1)

    def test_the_old_code_breaks_the_moment_it_runs(self):
        migrate("0001")
        invoice = old_insert("INV-1", "paid by card")
        migrate("0002")
        self.assertEqual(sql("SELECT note FROM handover_invoice WHERE id = %s", [invoice]), [("paid by card",)])
        with self.assertRaisesRegex(ProgrammingError, 'column "memo" of relation "handover_invoice" does not exist'):
            old_insert("INV-2", "lost")

    def test_the_autodetector_asks_and_without_an_answer_drops_the_column(self):
        loader = MigrationLoader(None, ignore_no_migrations=True)
        before = loader.project_state(("handover", "0001_initial"))
        after = before.clone()
        model = after.models["handover", "invoice"]
        fields = {("note" if name == "memo" else name): field for name, field in model.fields.items()}
        after.remove_model("handover", "invoice")
        after.add_model(ModelState("handover", "Invoice", list(fields.items()), model.options))

        def operations(questioner):
            changes = MigrationAutodetector(before, after, questioner).changes(graph=loader.graph)
            return [type(op).__name__ for migration in changes["handover"] for op in migration.operations]

        # "Was invoice.memo renamed to invoice.note (a TextField)? [y/N]" y
        self.assertEqual(operations(MigrationQuestioner(defaults={"ask_rename": True})), ["RenameField"])
        # makemigrations --noinput (CI) answers no: the data goes with the column.
        self.assertEqual(sorted(operations(NonInteractiveMigrationQuestioner())), ["AddField", "RemoveField"])


@override_settings(MIGRATION_MODULES={"handover": "handover.rename_state_only"})
class StateOnlyRenameTests(HandoverMigrations):
    def test_no_sql_runs_and_the_column_keeps_its_name(self):
        out = sqlmigrate("0002")
        self.assertNotIn("ALTER TABLE", out)
        migrate("0002")
        self.assertIn("memo", columns())
        self.assertNotIn("note", columns())
        loader = MigrationLoader(connection)
        Invoice = loader.project_state().apps.get_model("handover", "Invoice")
        invoice = Invoice.objects.create(number="INV-1", note="renamed in Python")
        self.assertEqual(sql("SELECT memo FROM handover_invoice WHERE id = %s", [invoice.id]), [("renamed in Python",)])


@override_settings(MIGRATION_MODULES={"handover": "handover.expand_contract"})
class ExpandContractTests(HandoverMigrations):
    def test_sqlmigrate_shows_each_step(self):
        expand = sqlmigrate("0002")
        self.assertIn('ALTER TABLE "handover_invoice" ADD COLUMN "note" text NULL;', expand)
        self.assertIn("CREATE TRIGGER handover_invoice_sync_note", expand)
        # The migrations run the chapter's SQL, and the app's model is the chapter's.
        self.assertIn("CREATE TRIGGER handover_invoice_sync_note", sync_sql.CREATE_SYNC_TRIGGER)
        self.assertIs(Invoice, models_snippet.Invoice)
        self.assertIn("Raw Python operation", sqlmigrate("0003"))
        contract = sqlmigrate("0004")
        self.assertIn("DROP TRIGGER handover_invoice_sync_note", contract)
        self.assertIn('ALTER TABLE "handover_invoice" DROP COLUMN "memo" CASCADE;', contract)
        self.assertIn('ALTER COLUMN "note" SET NOT NULL', contract)
        # AlterField fills the rows a backfill missed before SET NOT NULL.
        self.assertIn('''UPDATE "handover_invoice" SET "note" = \'\' WHERE "note" IS NULL''', contract)

    def test_old_and_new_code_agree_at_every_step(self):
        migrate("0001")
        before = old_insert("INV-1", "written before the expand")
        migrate("0002")
        self.assertEqual(columns(), {"id": False, "number": False, "memo": False, "note": True})
        # Old code after the expand: its writes reach note through the trigger.
        during = old_insert("INV-2", "written by the old code")
        sql("UPDATE handover_invoice SET memo = %s WHERE id = %s", ["edited by the old code", during])
        self.assertEqual(sql("SELECT note FROM handover_invoice WHERE id = %s", [during]), [("edited by the old code",)])
        # The row written before the expand is what the backfill is for.
        self.assertEqual(sql("SELECT note FROM handover_invoice WHERE id = %s", [before]), [(None,)])

        migrate("0003")
        self.assertEqual(sql("SELECT count(*) FROM handover_invoice WHERE note IS DISTINCT FROM memo"), [(0,)])
        # Both versions deployed: the new code's writes reach memo for the old code.
        new = new_insert("INV-3", "written by the new code")
        sql("UPDATE handover_invoice SET note = %s WHERE id = %s", ["edited by the new code", before])
        self.assertEqual(
            sql("SELECT id, memo FROM handover_invoice ORDER BY id"),
            [(before, "edited by the new code"), (during, "edited by the old code"), (new, "written by the new code")],
        )

        migrate("0004")
        self.assertEqual(columns(), {"id": False, "number": False, "note": False})
        self.assertEqual(sql("SELECT count(*) FROM pg_trigger WHERE tgname = 'handover_invoice_sync_note'"), [(0,)])
        self.assertEqual(new_insert("INV-4", "after the contract") > new, True)
        self.assertEqual(sql("INSERT INTO handover_invoice (number) VALUES ('INV-5') RETURNING note"), [("",)])
        with self.assertRaisesRegex(ProgrammingError, 'column "memo" of relation "handover_invoice" does not exist'):
            old_insert("INV-6", "the old code must be gone by now")

    def test_the_backfill_works_in_batches(self):
        migrate("0001")
        sql("INSERT INTO handover_invoice (number, memo) SELECT 'INV-' || n, 'memo ' || n FROM generate_series(1, 25) n")
        migrate("0002")
        statements = []

        def count(execute, statement, params, many, context):
            if statement.lstrip().upper().startswith("UPDATE"):
                statements.append(statement)
            return execute(statement, params, many, context)

        original = backfill.BATCH
        backfill.BATCH = 10
        try:
            with connection.execute_wrapper(count):
                migrate("0003")
        finally:
            backfill.BATCH = original
        self.assertEqual(len(statements), 3)
        self.assertEqual(sql("SELECT count(*) FROM handover_invoice WHERE note = memo"), [(25,)])

    def test_expand_and_backfill_roll_back_to_the_original_table(self):
        migrate("0003")
        old_insert("INV-1", "kept")
        migrate("0001")
        self.assertEqual(columns(), {"id": False, "number": False, "memo": False})
        self.assertEqual(sql("SELECT count(*) FROM pg_proc WHERE proname = 'handover_invoice_sync_note'"), [(0,)])
        self.assertEqual(sql("SELECT memo FROM handover_invoice"), [("kept",)])

    def test_the_schema_check_compares_django_models_with_the_table(self):
        loader = MigrationLoader(None, ignore_no_migrations=True)
        OldInvoice = loader.project_state(("handover", "0001_initial")).apps.get_model("handover", "Invoice")
        migrate("0002")
        self.assertEqual(schema_check.drift(OldInvoice), [])
        self.assertEqual(schema_check.drift(Invoice), ["handover_invoice.note: expected NOT NULL"])
        migrate("0004")
        self.assertEqual(schema_check.drift(OldInvoice), ["handover_invoice.memo: missing"])
        self.assertEqual(schema_check.drift(Invoice), [])
        # The unmanaged model reads and writes the table the migrations built.
        invoice = Invoice.objects.create(number="INV-1", note="after the handover")
        self.assertEqual(sql("SELECT note FROM handover_invoice WHERE id = %s", [invoice.id]), [("after the handover",)])
        Invoice.objects.filter(pk=invoice.pk).delete()

    def test_reversing_the_contract_brings_memo_back_empty(self):
        migrate("0003")
        invoice = old_insert("INV-1", "a memo worth keeping")
        migrate("0004")
        migrate("0003")
        self.assertEqual(columns(), {"id": False, "number": False, "note": True, "memo": False})
        self.assertEqual(sql("SELECT memo, note FROM handover_invoice WHERE id = %s", [invoice]), [("", "a memo worth keeping")])
