# The full-text index over Case.search_text (cases.search): a GIN expression index on
# PostgreSQL, built CONCURRENTLY and so outside a transaction; an FTS5 external-content table
# with its triggers on SQLite, filled by an FTS5 'rebuild' from the documents 0007 wrote.

from django.db import migrations

from kontaktcenter.cases.search import create_index, drop_index


def _create_index(_apps, schema_editor):
    create_index(schema_editor)


def _drop_index(_apps, schema_editor):
    drop_index(schema_editor)


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('cases', '0007_analyse_case_search_text'),
    ]

    operations = [
        migrations.RunPython(_create_index, _drop_index),
    ]
