"""Terms carry their entry's name, so the lookup index is in the order hits are shown and a
keystroke reads only the rows it shows; a second index checks an entry's other words."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def copy_sort_keys(apps: Any, schema_editor: Any) -> None:
    entry_model = apps.get_model("directory", "DirectoryEntry")
    term_model = apps.get_model("directory", "DirectoryTerm")
    for entry_id, sort_key in entry_model.objects.values_list("id", "sort_key").iterator():
        term_model.objects.filter(entry_id=entry_id).update(sort_key=sort_key[:40])


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0004_switchboard_search_presence_callbacks'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='directoryterm',
            name='directory_term_lookup',
        ),
        migrations.AddField(
            model_name='directoryterm',
            name='sort_key',
            field=models.CharField(default='', max_length=40),
            preserve_default=False,
        ),
        migrations.RunPython(copy_sort_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='directoryterm',
            name='entry',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='terms', to='directory.directoryentry'),
        ),
        migrations.AddIndex(
            model_name='directoryterm',
            index=models.Index(fields=['term', 'sort_key', 'entry'], name='directory_term_lookup'),
        ),
        migrations.AddIndex(
            model_name='directoryterm',
            index=models.Index(fields=['entry', 'term'], name='directory_term_entry'),
        ),
    ]
