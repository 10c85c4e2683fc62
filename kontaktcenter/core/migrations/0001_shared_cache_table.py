"""The table of Django's database cache (KONTAKTCENTER_CACHE=database, the default).

Made by migrate rather than by a separate `createcachetable`, so deployments, the demo and the
test databases all have it, on SQLite and PostgreSQL alike. Django's own command writes the
schema its cache backend expects. The table is made whichever cache is configured, so switching
to the database cache later needs no extra step. The name matches DATABASE_CACHE_TABLE in
kontaktcenter/settings.py.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "kontaktcenter_cache"


def create_cache_table(_apps, schema_editor):
    call_command(
        "createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop_cache_table(_apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
