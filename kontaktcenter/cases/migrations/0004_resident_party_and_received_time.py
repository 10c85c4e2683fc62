"""The resident's personal data moves from case columns into one party record, and contacts and
cases get the time the resident got in touch (received_at) beside the time they were recorded.

Existing rows: received_at is the time they were recorded (all the old schema knew), and each
case with any resident details gets a party that its contacts point to as well.
"""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000
OPEN = ("new", "in_progress", "waiting")


def _batches(queryset):
    last_id = 0
    while True:
        rows = list(queryset.filter(pk__gt=last_id).order_by("pk")[:BATCH])
        if not rows:
            return
        yield rows
        last_id = rows[-1].pk


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Contact = apps.get_model("cases", "Contact")
    Party = apps.get_model("cases", "Party")
    Case.objects.filter(received_at__isnull=True).update(received_at=models.F("created_at"))
    Contact.objects.filter(received_at__isnull=True).update(received_at=models.F("started_at"))
    with_details = Case.objects.exclude(resident_name="", resident_email="", resident_phone="")
    for cases in _batches(with_details):
        for case in cases:
            case.party = Party.objects.create(
                name=case.resident_name,
                email=case.resident_email,
                phone=case.resident_phone,
                created_at=case.created_at,
            )
        Case.objects.bulk_update(cases, ["party"])
        for case in cases:
            Contact.objects.filter(case_id=case.pk).update(party=case.party)


def backwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for cases in _batches(Case.objects.filter(party__isnull=False).select_related("party")):
        for case in cases:
            case.resident_name = case.party.name
            case.resident_email = case.party.email
            case.resident_phone = case.party.phone
        Case.objects.bulk_update(cases, ["resident_name", "resident_email", "resident_phone"])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0003_case_search_text"),
        ("directory", "0002_organisation_name_unique_per_parent"),
        ("routing", "0002_category_unique_top_level_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Party",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(blank=True, max_length=160, verbose_name="name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="phone")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                ("scrubbed_at", models.DateTimeField(blank=True, null=True, verbose_name="personal data removed at")),
            ],
            options={
                "verbose_name": "resident",
                "verbose_name_plural": "residents",
                "indexes": [
                    models.Index(fields=["email"], name="cases_party_email_idx"),
                    models.Index(fields=["phone"], name="cases_party_phone_idx"),
                ],
            },
        ),
        migrations.AddField(
            model_name="case",
            name="party",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="cases", to="cases.party", verbose_name="resident"),
        ),
        migrations.AddField(
            model_name="contact",
            name="party",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="contacts", to="cases.party", verbose_name="resident"),
        ),
        migrations.AddField(
            model_name="case",
            name="received_at",
            field=models.DateTimeField(null=True, verbose_name="received at"),
        ),
        migrations.AddField(
            model_name="contact",
            name="received_at",
            field=models.DateTimeField(null=True, verbose_name="received at"),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.AlterField(
            model_name="case",
            name="received_at",
            field=models.DateTimeField(verbose_name="received at"),
        ),
        migrations.AlterField(
            model_name="contact",
            name="received_at",
            field=models.DateTimeField(verbose_name="received at"),
        ),
        migrations.RemoveField(model_name="case", name="resident_email"),
        migrations.RemoveField(model_name="case", name="resident_name"),
        migrations.RemoveField(model_name="case", name="resident_phone"),
        migrations.AlterField(
            model_name="contact",
            name="agent",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="contacts", to="accounts.user", verbose_name="agent"),
        ),
        migrations.RemoveIndex(model_name="case", name="cases_case_created_a9dee7_idx"),
        migrations.RemoveIndex(model_name="case", name="cases_open_queue_idx"),
        migrations.RemoveIndex(model_name="case", name="cases_open_by_age_idx"),
        migrations.RemoveIndex(model_name="contact", name="cases_conta_started_c648a9_idx"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(condition=models.Q(("status__in", OPEN)), fields=["responsible_organisation", "received_at", "id"], name="cases_open_queue_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(condition=models.Q(("status__in", OPEN)), fields=["received_at", "id"], name="cases_open_by_age_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["received_at"], name="cases_case_receive_idx"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["received_at"], name="cases_conta_receive_idx"),
        ),
    ]
