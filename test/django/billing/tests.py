"""workbook_schema's normalisation: what varies between pg_dump runs and
servers never reaches test/fixtures/schema/, and the DDL itself is kept
byte for byte. (`manage.py workbook_schema --check`, run by verify against
PostgreSQL, is the test that the committed files match the migrations.)"""
from django.test import SimpleTestCase

from billing.management.commands.workbook_schema import normalise

DUMP = """--
-- PostgreSQL database dump
--

\\restrict 76MYVqn4jujJvUkxGACJajj6xi3qQuiHzDpbvUj91yM7WeHNA9D6iqPV42hq4Wv

SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Name: billing_customer; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.billing_customer (
    id bigint NOT NULL,
    name text DEFAULT 'public.x'::text NOT NULL
);


ALTER TABLE public.billing_customer OWNER TO postgres;

ALTER TABLE ONLY public.billing_customer
    ADD CONSTRAINT billing_customer_owner_fk FOREIGN KEY (owner_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;

\\unrestrict 76MYVqn4jujJvUkxGACJajj6xi3qQuiHzDpbvUj91yM7WeHNA9D6iqPV42hq4Wv
"""


class NormaliseTests(SimpleTestCase):
    def test_keeps_the_ddl_and_drops_what_varies_between_runs(self):
        text = normalise(DUMP, "billing")
        body = text.split("\n\n", 1)[1]
        self.assertEqual(
            body,
            "CREATE TABLE billing_customer (\n"
            "    id bigint NOT NULL,\n"
            "    name text DEFAULT 'public.x'::text NOT NULL\n"
            ");\n\n"
            "ALTER TABLE ONLY billing_customer\n"
            "    ADD CONSTRAINT billing_customer_owner_fk FOREIGN KEY (owner_id) REFERENCES auth_user(id) DEFERRABLE INITIALLY DEFERRED;\n",
        )

    def test_header_names_the_app_and_the_command(self):
        header = normalise(DUMP, "expenses").split("\n\n", 1)[0]
        self.assertIn("workbook_schema", header)
        self.assertIn("test/django/expenses/models.py", header)

    def test_two_dumps_that_differ_only_in_the_restrict_key_normalise_alike(self):
        other = DUMP.replace("76MYVqn4jujJvUkxGACJajj6xi3qQuiHzDpbvUj91yM7WeHNA9D6iqPV42hq4Wv", "other-key")
        self.assertEqual(normalise(DUMP, "billing"), normalise(other, "billing"))


class MigrationsMatchModels(SimpleTestCase):
    """The schema files are generated from the migrations, so a model change
    without its migration would leave them silently behind."""

    # makemigrations reads the migration history from the database.
    databases = {"default"}

    def test_no_model_change_lacks_a_migration(self):
        import io
        import warnings

        from django.core.management import call_command

        out = io.StringIO()
        with warnings.catch_warnings():
            # makemigrations may warn that it cannot reach the database to check history; irrelevant here.
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                call_command("makemigrations", "billing", "expenses", "--check", "--dry-run", stdout=out, stderr=out)
            except SystemExit:
                self.fail("models changed without a migration: run makemigrations, then workbook_schema\n" + out.getvalue())
