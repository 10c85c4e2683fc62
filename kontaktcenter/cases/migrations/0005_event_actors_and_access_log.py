"""Case events name their actor by kind and label (staff, resident, integration, system), and
reads of confidential cases move from the case history to an access log of their own.

Existing rows: events with a staff account become kind "staff" with the account's name; events
without one were written by the system. Each old "viewed" event becomes one access-log entry
(purpose: case page) and leaves the history, which from now on holds changes only.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ACTOR_KINDS = [("staff", "Staff"), ("resident", "Resident"), ("api_client", "Integration"), ("system", "System")]
BATCH = 2000


def _label(user):
    full_name = f"{user.first_name} {user.last_name}".strip()
    return (full_name or user.username)[:160]


def forwards(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    CaseAccess = apps.get_model("cases", "CaseAccess")
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(pk__in=CaseEvent.objects.values("actor_id")):
        CaseEvent.objects.filter(actor=user).update(actor_kind="staff", actor_label=_label(user))
    CaseEvent.objects.filter(actor__isnull=True).update(actor_kind="system", actor_label="system")
    # A reply event kept the resident's address; it now says only how the reply goes out.
    replies = CaseEvent.objects.filter(kind="reply_sent")
    last_id = 0
    while batch := list(replies.filter(pk__gt=last_id).order_by("pk")[:BATCH]):
        for event in batch:
            event.data = {**event.data, "to": "email" if event.data.get("to") else ""}
        CaseEvent.objects.bulk_update(batch, ["data"])
        last_id = batch[-1].pk
    viewed = CaseEvent.objects.filter(kind="viewed").select_related("actor")
    last_id = 0
    while batch := list(viewed.filter(pk__gt=last_id).order_by("pk")[:BATCH]):
        CaseAccess.objects.bulk_create(
            CaseAccess(
                case_id=event.case_id,
                actor_kind=event.actor_kind,
                actor_label=event.actor_label,
                actor_id=event.actor_id,
                purpose="page",
                accessed_at=event.occurred_at,
                request_id=f"history-{event.pk}",
            )
            for event in batch
        )
        last_id = batch[-1].pk
    viewed.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_resident_party_and_received_time"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="actor_kind",
            field=models.CharField(choices=ACTOR_KINDS, default="system", max_length=12, verbose_name="kind of actor"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="caseevent",
            name="actor_label",
            field=models.CharField(default="system", max_length=160, verbose_name="by"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="actor",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="staff member"),
        ),
        migrations.CreateModel(
            name="CaseAccess",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("actor_kind", models.CharField(choices=ACTOR_KINDS, max_length=12, verbose_name="kind of actor")),
                ("actor_label", models.CharField(max_length=160, verbose_name="by")),
                ("purpose", models.CharField(choices=[("page", "Case page"), ("search_hit", "Search result"), ("queue", "Queue"), ("export", "Export"), ("api", "API")], max_length=12, verbose_name="purpose")),
                ("accessed_at", models.DateTimeField(verbose_name="at")),
                ("request_id", models.CharField(max_length=64, verbose_name="request")),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="staff member")),
                ("case", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="accesses", to="cases.case", verbose_name="case")),
            ],
            options={
                "verbose_name": "access to a confidential case",
                "verbose_name_plural": "accesses to confidential cases",
                "ordering": ["-accessed_at", "-id"],
                "indexes": [
                    models.Index(fields=["case", "-accessed_at"], name="cases_access_case_idx"),
                    models.Index(fields=["actor", "-accessed_at"], name="cases_access_actor_idx"),
                    models.Index(fields=["accessed_at"], name="cases_access_time_idx"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("request_id", "case"), name="cases_access_once_per_request"),
                ],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(choices=[("created", "Case created"), ("routed", "Sent to organisation"), ("assigned", "Assignee changed"), ("status_changed", "Status changed"), ("category_changed", "Category changed"), ("note_added", "Internal note"), ("reply_sent", "Reply to the resident"), ("closed", "Case closed"), ("reopened", "Case reopened"), ("scrubbed", "Personal data removed")], max_length=20, verbose_name="kind"),
        ),
    ]
