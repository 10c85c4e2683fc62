"""The benchmarks' data generator must keep writing rows the application can read."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count

from benchmarks.generator import generate
from benchmarks.world import build_world
from kontaktcenter.cases import services
from kontaktcenter.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    Channel,
    Contact,
    ContactOutcome,
)
from kontaktcenter.routing.models import Category, Handling

CASES = 50


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def generated(world):
    return generate(world, cases=CASES, seed=1)


def test_every_case_has_its_contact_and_two_to_five_events(generated):
    assert Case.objects.count() == CASES == generated.cases
    per_case = Case.objects.annotate(
        contacts_n=Count("contacts", distinct=True), events_n=Count("events", distinct=True)
    )
    for case in per_case:
        assert case.contacts_n == 1, case.reference
        assert 2 <= case.events_n <= 5, case.reference
    contact_outcomes = Contact.objects.filter(case__isnull=False).values_list("outcome", flat=True)
    assert set(contact_outcomes) == {ContactOutcome.CASE_CREATED}
    assert generated.contacts == Contact.objects.count()
    assert generated.events == CaseEvent.objects.count()


def test_references_and_tracking_codes_are_unique_and_continue_after_generation(generated, world):
    references = list(Case.objects.values_list("reference", flat=True))
    tokens = list(Case.objects.values_list("tracking_token", flat=True))
    assert len(set(references)) == len(references) == CASES
    assert len(set(tokens)) == len(tokens)

    # A case registered afterwards through the service must not collide with generated ones.
    category = Category.objects.filter(handling=Handling.ORGANISATION, parent__isnull=False)[0]
    case = services.case_create(
        actor=world.tier1_agents[0], channel=Channel.PHONE, category=category, subject="Ny"
    )
    assert case.reference not in references


def test_each_case_history_starts_with_created_and_routed_and_matches_its_status(generated):
    for case in Case.objects.prefetch_related("events"):
        kinds = [event.kind for event in case.events.all()]
        assert kinds[:2] == [CaseEventKind.CREATED, CaseEventKind.ROUTED], case.reference
        assert (kinds[-1] == CaseEventKind.CLOSED) == (case.status == CaseStatus.CLOSED)
        assert (case.closed_at is not None) == (case.status == CaseStatus.CLOSED)
        assert (case.assignee_id is not None) == (CaseEventKind.ASSIGNED in kinds)
        if case.is_confidential:
            assert case.district_id == case.responsible_organisation_id


def test_the_history_is_realistic_enough_to_benchmark(generated):
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert 0.4 < statuses[CaseStatus.CLOSED] / CASES < 0.95
    assert Case.objects.values("responsible_organisation").distinct().count() > 3
    assert Contact.objects.filter(case__isnull=True).exists()
