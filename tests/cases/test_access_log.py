"""The access log (S10): who read which confidential case, why, when and in which request.

Reads are not changes: selectors never write, and the interface that showed confidential cases
records them with `services.record_reads`, once per case and request.
"""

from __future__ import annotations

from kontaktcenter.accounts.actors import WORKER
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import AccessPurpose, CaseAccess


def test_reading_a_confidential_case_through_the_selector_writes_nothing(
    confidential_case, district_officer
):
    events_before = confidential_case.events.count()

    selectors.case_get(actor=district_officer, reference=confidential_case.reference)
    list(selectors.case_search(actor=district_officer, query="bistånd"))
    list(selectors.visible_cases(district_officer))

    assert not CaseAccess.objects.exists()
    assert confidential_case.events.count() == events_before


def test_a_read_is_logged_with_who_why_when_and_the_request(
    confidential_case, district_officer, clock
):
    read_at = clock.advance(hours=2)

    services.record_reads(
        actor=district_officer,
        cases=[confidential_case],
        purpose=AccessPurpose.PAGE,
        request_id="req-0001-page",
    )

    access = CaseAccess.objects.get()
    assert access.case == confidential_case
    assert (access.actor_kind, access.actor_label, access.actor) == (
        "staff",
        "Amina Yusuf",
        district_officer,
    )
    assert (access.purpose, access.accessed_at, access.request_id) == (
        AccessPurpose.PAGE,
        read_at,
        "req-0001-page",
    )


def test_only_the_confidential_cases_among_those_shown_are_logged(
    make_case, confidential_case, district_officer, jarva
):
    ordinary = make_case(subject="Trasig gatlampa")

    written = services.record_reads(
        actor=district_officer,
        cases=[ordinary, confidential_case],
        purpose=AccessPurpose.SEARCH_HIT,
        request_id="req-0002-search",
    )

    assert written == 1
    assert list(CaseAccess.objects.values_list("case", flat=True)) == [confidential_case.pk]


def test_reads_of_ordinary_cases_leave_no_trace(street_light_case, traffic_officer):
    written = services.record_reads(
        actor=traffic_officer,
        cases=[street_light_case],
        purpose=AccessPurpose.PAGE,
        request_id="req-0003-page",
    )

    assert written == 0
    assert not CaseAccess.objects.exists()


def test_a_case_shown_twice_in_one_request_is_logged_once(confidential_case, district_officer):
    """A page that is also a search hit, or a retried call, is one read."""
    for purpose in (AccessPurpose.SEARCH_HIT, AccessPurpose.PAGE):
        services.record_reads(
            actor=district_officer,
            cases=[confidential_case, confidential_case],
            purpose=purpose,
            request_id="req-0004-twice",
        )

    assert CaseAccess.objects.get().purpose == AccessPurpose.SEARCH_HIT


def test_each_request_that_shows_the_case_is_logged(confidential_case, district_officer):
    for request_id in ("req-0005-first", "req-0005-second"):
        services.record_reads(
            actor=district_officer,
            cases=[confidential_case],
            purpose=AccessPurpose.PAGE,
            request_id=request_id,
        )

    assert CaseAccess.objects.count() == 2


def test_a_read_by_the_system_is_logged_without_an_account(confidential_case):
    services.record_reads(
        actor=WORKER,
        cases=[confidential_case],
        purpose=AccessPurpose.EXPORT,
        request_id="job-0006-export",
    )

    access = CaseAccess.objects.get()
    assert (access.actor_kind, access.actor_label, access.actor) == ("system", "worker", None)
