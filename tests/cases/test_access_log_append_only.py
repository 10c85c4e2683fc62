"""The access log cannot be edited or emptied (issue 16): on PostgreSQL the database refuses an
UPDATE or DELETE of an entry, and attempts the policy refused are logged too."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import AccessPurpose, CaseAccess

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


def _logged_read(case, actor) -> CaseAccess:
    services.record_reads(
        actor=actor, cases=[case], purpose=AccessPurpose.PAGE, request_id="req-append-only"
    )
    return CaseAccess.objects.get()


@needs_postgresql
def test_the_database_refuses_to_change_an_entry(confidential_case, district_officer):
    entry = _logged_read(confidential_case, district_officer)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseAccess.objects.filter(pk=entry.pk).update(actor_label="Någon annan")

    entry.refresh_from_db()
    assert entry.actor_label == "Amina Yusuf"


@needs_postgresql
def test_the_database_refuses_to_delete_an_entry(confidential_case, district_officer):
    entry = _logged_read(confidential_case, district_officer)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseAccess.objects.filter(pk=entry.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM cases_caseaccess")

    assert CaseAccess.objects.filter(pk=entry.pk).exists()


def test_a_refused_attempt_on_a_confidential_case_is_logged(confidential_case, traffic_officer):
    written = services.record_refused(
        actor=traffic_officer,
        reference=confidential_case.reference.lower(),
        purpose=AccessPurpose.API,
        request_id="req-refused-1",
    )

    entry = CaseAccess.objects.get()
    assert written
    assert (entry.case, entry.actor, entry.refused, entry.purpose) == (
        confidential_case,
        traffic_officer,
        True,
        AccessPurpose.API,
    )


def test_refusals_of_ordinary_or_unknown_cases_are_not_logged(street_light_case, district_officer):
    for reference in (street_light_case.reference, "KC-1999-999999"):
        assert not services.record_refused(
            actor=district_officer,
            reference=reference,
            purpose=AccessPurpose.PAGE,
            request_id=f"req-{reference}",
        )

    assert not CaseAccess.objects.exists()


def test_opening_a_confidential_case_page_without_the_right_is_logged_as_refused(
    client: Client, confidential_case, traffic_officer, auditor
):
    client.force_login(traffic_officer)

    response = client.get(reverse("desk:case", args=[confidential_case.reference]))

    assert response.status_code == 404
    entry = CaseAccess.objects.get()
    assert (entry.actor, entry.refused, entry.purpose) == (
        traffic_officer,
        True,
        AccessPurpose.PAGE,
    )
    assert list(selectors.access_log(actor=auditor, reference=confidential_case.reference)) == [
        entry
    ]
