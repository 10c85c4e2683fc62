"""The life of a case beyond the basics: resolving, forwarding with a reason, reassignment
with a reason, queues, bulk assignment and priority (issue 7, item 2)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseEventKind, CaseStatus, Priority
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.forwarding.models import Delivery
from tests.factories import OrganisationFactory, UserFactory


def kinds(case: Case) -> list[str]:
    return list(case.events.values_list("kind", flat=True))


def test_a_resolved_case_leaves_the_work_list_and_can_then_be_closed(
    street_light_case, traffic_officer
):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    case = services.case_resolve(
        actor=traffic_officer, case=street_light_case, resolution="Lampan är lagad."
    )

    assert case.status == CaseStatus.RESOLVED
    assert case.deadline_at is None
    assert CaseEventKind.RESOLVED in kinds(case)
    closed = services.case_close(actor=traffic_officer, case=case, resolution="Lampan är lagad.")
    assert closed.status == CaseStatus.CLOSED


def test_a_resolved_case_is_reopened_with_a_new_deadline(street_light_case, traffic_officer):
    services.case_resolve(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    case = services.case_reopen(
        actor=traffic_officer, case=street_light_case, reason="Lampan är släckt igen."
    )

    assert case.status == CaseStatus.IN_PROGRESS
    assert case.deadline_at is not None


def test_a_tier2_agent_cannot_reopen_a_closed_case_but_the_supervisor_can(
    make_case, resident_parking, tier2_agent, supervisor
):
    case = make_case(category=resident_parking, subject="Boendeparkering, fråga om avgift")
    services.case_close(actor=tier2_agent, case=case, resolution="Besvarat.")

    with pytest.raises(PermissionDenied) as refused:
        services.case_reopen(actor=tier2_agent, case=case, reason="Ny fråga")
    assert refused.value.code == "case.transition_not_allowed"

    reopened = services.case_reopen(actor=supervisor, case=case, reason="Ny fråga")
    assert reopened.status == CaseStatus.IN_PROGRESS


def test_forwarding_sends_the_case_to_the_other_organisation_unassigned_and_new(
    street_light_case, traffic_officer, sports_administration, sports_officer
):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    case = services.case_forward(
        actor=traffic_officer,
        case=street_light_case,
        organisation=sports_administration,
        reason="Belysningen står på idrottsplatsen, som Idrottsförvaltningen sköter.",
    )

    case.refresh_from_db()
    assert case.responsible_organisation == sports_administration
    assert case.status == CaseStatus.NEW
    assert case.assignee is None
    forwarded = case.events.get(kind=CaseEventKind.FORWARDED)
    assert forwarded.data["before"]["id"] == traffic_officer.organisation_id
    assert "idrottsplatsen" in forwarded.data["reason"]
    # The officers who had it can no longer handle it; the new organisation can.
    services.case_assign(actor=sports_officer, case=case, assignee=sports_officer)


def test_forwarding_needs_a_reason_and_another_organisation(
    street_light_case, traffic_officer, traffic_office, sports_administration
):
    with pytest.raises(ValidationError) as no_reason:
        services.case_forward(
            actor=traffic_officer,
            case=street_light_case,
            organisation=sports_administration,
            reason=" ",
        )
    assert no_reason.value.code == "required"
    with pytest.raises(ValidationError) as same:
        services.case_forward(
            actor=traffic_officer, case=street_light_case, organisation=traffic_office, reason="x"
        )
    assert same.value.code == "case.forward_same"


def test_a_committee_does_not_receive_forwarded_cases(street_light_case, traffic_officer):
    committee = OrganisationFactory.create(kind="committee", name="Trafiknämnden")

    with pytest.raises(ValidationError) as refused:
        services.case_forward(
            actor=traffic_officer, case=street_light_case, organisation=committee, reason="x"
        )

    assert refused.value.code == "case.forward_target"


def test_taking_a_case_from_a_colleague_needs_a_reason(
    street_light_case, traffic_officer, second_traffic_officer
):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    with pytest.raises(ValidationError) as refused:
        services.case_assign(
            actor=second_traffic_officer,
            case=street_light_case,
            assignee=second_traffic_officer,
        )
    assert refused.value.code == "case.reason_required"

    case = services.case_assign(
        actor=second_traffic_officer,
        case=street_light_case,
        assignee=second_traffic_officer,
        reason="Karin är sjuk i veckan.",
    )
    assert case.assignee == second_traffic_officer
    last = case.events.filter(kind=CaseEventKind.ASSIGNED).last()
    assert last is not None
    assert last.data["reason"] == "Karin är sjuk i veckan."


def test_a_case_goes_into_a_queue_of_its_own_organisation_only(
    street_light_case, traffic_admin, traffic_office, jarva
):
    lighting = services.case_queue_save(
        actor=traffic_admin, organisation=traffic_office, name="Belysning"
    )
    case = services.case_move_to_queue(actor=traffic_admin, case=street_light_case, queue=lighting)
    assert case.queue == lighting
    assert CaseEventKind.QUEUE_CHANGED in kinds(case)

    other = services.case_queue_save(
        actor=UserFactory.create(role="organisation_admin", organisation=jarva),
        organisation=jarva,
        name="Belysning",
    )
    with pytest.raises(ValidationError) as refused:
        services.case_move_to_queue(actor=traffic_admin, case=case, queue=other)
    assert refused.value.code == "case.queue_outside"


def test_only_the_administrator_sets_up_queues(traffic_officer, traffic_office):
    with pytest.raises(PermissionDenied):
        services.case_queue_save(actor=traffic_officer, organisation=traffic_office, name="Gata")


def test_the_administrator_assigns_many_cases_at_once(
    make_case, traffic_admin, traffic_officer, traffic_office
):
    cases = [make_case(subject=f"Trasig gatlampa {n}") for n in range(3)]
    queue = services.case_queue_save(
        actor=traffic_admin, organisation=traffic_office, name="Belysning"
    )

    changed = services.case_bulk_assign(
        actor=traffic_admin, cases=cases, assignee=traffic_officer, queue=queue
    )

    assert changed == 3
    for case in cases:
        case.refresh_from_db()
        assert (case.assignee, case.queue, case.status) == (
            traffic_officer,
            queue,
            CaseStatus.ASSIGNED,
        )


def test_bulk_assignment_is_all_or_nothing(
    make_case, traffic_admin, traffic_officer, second_traffic_officer
):
    free = make_case(subject="Trasig gatlampa 1")
    taken = make_case(subject="Trasig gatlampa 2")
    services.case_assign(actor=traffic_officer, case=taken, assignee=traffic_officer)

    with pytest.raises(ValidationError) as refused:
        services.case_bulk_assign(
            actor=traffic_admin, cases=[free, taken], assignee=second_traffic_officer
        )

    assert refused.value.code == "case.bulk_case_refused"
    free.refresh_from_db()
    assert free.assignee is None


def test_case_officers_do_not_bulk_assign(make_case, traffic_officer):
    with pytest.raises(PermissionDenied) as refused:
        services.case_bulk_assign(
            actor=traffic_officer, cases=[make_case()], assignee=traffic_officer
        )
    assert refused.value.code == "case.bulk_not_allowed"


def test_a_higher_priority_brings_the_deadline_forward(street_light_case, traffic_officer):
    before = street_light_case.deadline_at

    case = services.case_set_priority(
        actor=traffic_officer, case=street_light_case, priority=Priority.URGENT
    )

    assert case.deadline_at < before
    event = case.events.get(kind=CaseEventKind.PRIORITY_CHANGED)
    assert (event.data["before"], event.data["after"]) == (Priority.NORMAL, Priority.URGENT)


def test_tier1_agents_make_no_changes_to_cases(make_case, resident_parking, tier1_agent):
    case = make_case(category=resident_parking, subject="Boendeparkering")

    with pytest.raises(PermissionDenied):
        services.case_resolve(actor=tier1_agent, case=case, resolution="x")


def test_a_case_forwarded_by_hand_reaches_the_new_organisations_system(
    street_light_case, traffic_officer, sports_officer, traffic_feedback_system
):
    """Trafikkontoret sends a lamp to Idrottsförvaltningen, which sends it back: the lamp is
    on a street. Trafikkontoret's own system gets it again, marked as forwarded."""
    at_sports = services.case_forward(
        actor=traffic_officer,
        case=street_light_case,
        organisation=sports_officer.organisation,
        reason="Står på idrottsplatsen?",
    )
    Delivery.objects.all().delete()

    services.case_forward(
        actor=sports_officer,
        case=at_sports,
        organisation=traffic_feedback_system.organisation,
        reason="Lampan står på gatan utanför, den sköts av Trafikkontoret.",
    )

    delivery = Delivery.objects.get(endpoint=traffic_feedback_system)
    assert delivery.payload["forwarded_from"] == sports_officer.organisation.name
