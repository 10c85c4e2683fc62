# Rewrites every case's search_text as the Swedish analyser's terms (cases.search.case_document),
# the document the full-text index of 0008 is built on. Outside one transaction: each batch of
# 2 000 cases commits on its own, so millions of cases are never locked at once.

from django.db import migrations

from kontaktcenter.cases.search import rewrite_documents


def _analysed_documents(apps, schema_editor):
    rewrite_documents(apps.get_model("cases", "Case"), using=schema_editor.connection.alias)


def _previous_document(*, subject, resident_name):
    # What 0003 wrote, which the earlier LIKE search reads.
    return f"{subject}\n{resident_name}".casefold()


def _previous_documents(apps, schema_editor):
    rewrite_documents(
        apps.get_model("cases", "Case"),
        using=schema_editor.connection.alias,
        document=_previous_document,
    )


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('cases', '0006_case_consent_and_external_updates'),
    ]

    operations = [
        migrations.RunPython(_analysed_documents, _previous_documents, elidable=True),
    ]
