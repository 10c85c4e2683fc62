"""The access log records refused attempts, and on PostgreSQL the database itself keeps it
append-only: a trigger refuses every UPDATE and DELETE of a row, whatever the application (or
someone with the application's database account) tries (S10, issue 16).

SQLite gets no trigger: the test suite empties its tables with DELETE between tests, and SQLite
is for development only (docs/deployment.md)."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE OR REPLACE FUNCTION cases_caseaccess_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'the access log is append-only: ' || TG_OP || ' of cases_caseaccess refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseaccess_append_only
    BEFORE UPDATE OR DELETE ON cases_caseaccess
    FOR EACH ROW EXECUTE FUNCTION cases_caseaccess_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS cases_caseaccess_append_only ON cases_caseaccess;
DROP FUNCTION IF EXISTS cases_caseaccess_append_only();
"""


def add_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_event_kinds_of_written_inquiries"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseaccess",
            name="refused",
            field=models.BooleanField(default=False, verbose_name="refused"),
        ),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
