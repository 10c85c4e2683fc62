"""Related cases: link, duplicate, merge, split and parent/child, each written on both cases'
histories, with the confidentiality and permission rules the named cast expects."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import Case, CaseEventKind, CaseLink, CaseStatus
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.forwarding.models import Delivery, Endpoint, ExternalReference
from kontaktcenter.forwarding.sending import store_external_reference
from kontaktcenter.routing.models import Category
from tests.cases import files
from tests.conftest import MakeCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_report(make_case: MakeCase) -> Case:
    """Another resident reports the same lamp."""
    return make_case(
        subject="Gatlampan vid Rinkebysvängen 12 lyser inte",
        resident_name="Per Olsson",
        resident_email="per.olsson@example.se",
        resident_phone="",
    )


def _kinds(case: Case) -> list[str]:
    return list(case.events.values_list("kind", flat=True))


# --- links ------------------------------------------------------------------------------------


def test_linking_two_cases_shows_on_both_histories_and_both_pages(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_link(actor=traffic_officer, case=street_light_case, other=second_report)

    for case, other in ((street_light_case, second_report), (second_report, street_light_case)):
        event = case.events.get(kind=CaseEventKind.LINKED)
        assert event.data["other"]["reference"] == other.reference
        related = selectors.case_relations(actor=traffic_officer, case=case)
        assert [(each.case, each.relation) for each in related] == [(other, "related")]


def test_linking_twice_or_the_other_way_round_keeps_one_link(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_link(actor=traffic_officer, case=street_light_case, other=second_report)
    services.case_link(actor=traffic_officer, case=second_report, other=street_light_case)

    assert CaseLink.objects.count() == 1
    assert street_light_case.events.filter(kind=CaseEventKind.LINKED).count() == 1


def test_unlinking_is_recorded_on_both(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_link(actor=traffic_officer, case=street_light_case, other=second_report)

    services.case_unlink(actor=traffic_officer, case=second_report, other=street_light_case)

    assert not CaseLink.objects.exists()
    assert CaseEventKind.UNLINKED in _kinds(street_light_case)
    assert CaseEventKind.UNLINKED in _kinds(second_report)


def test_a_case_cannot_be_linked_to_itself(traffic_officer: User, street_light_case: Case) -> None:
    with pytest.raises(ValidationError) as refused:
        services.case_link(actor=traffic_officer, case=street_light_case, other=street_light_case)
    assert refused.value.code == "case_relation.itself"


def test_a_confidential_case_is_not_linked_to_one_the_contact_center_reads(
    district_officer: User, confidential_case: Case, make_case: MakeCase, jarva
) -> None:
    district_matter = make_case(
        category=Category.objects.create(
            name="Parklek", code="parklek", responsible_organisation=jarva
        ),
        subject="Parkleken är stängd",
    )

    with pytest.raises(ValidationError) as refused:
        services.case_link(actor=district_officer, case=confidential_case, other=district_matter)

    assert refused.value.code == "case_relation.confidentiality"


@pytest.mark.parametrize("role_fixture", ["tier1_agent", "switchboard_operator", "analyst"])
def test_who_cannot_handle_a_case_cannot_link_it(
    request: pytest.FixtureRequest,
    role_fixture: str,
    street_light_case: Case,
    second_report: Case,
) -> None:
    actor = request.getfixturevalue(role_fixture)
    with pytest.raises((PermissionDenied, NotFound)):
        services.case_link(actor=actor, case=street_light_case, other=second_report)
    assert not CaseLink.objects.exists()


# --- duplicates and merging -------------------------------------------------------------------


def test_marking_a_duplicate_closes_it_and_points_both_ways(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_mark_duplicate(
        actor=traffic_officer, case=second_report, original=street_light_case
    )

    second_report.refresh_from_db()
    assert second_report.status == CaseStatus.CLOSED
    assert street_light_case.events.filter(kind=CaseEventKind.MARKED_DUPLICATE).exists()
    relations = selectors.case_relations(actor=traffic_officer, case=street_light_case)
    assert [(each.case, each.relation) for each in relations] == [(second_report, "duplicate")]
    relations = selectors.case_relations(actor=traffic_officer, case=second_report)
    assert [(each.case, each.relation) for each in relations] == [
        (street_light_case, "duplicate_of")
    ]


def test_merging_closes_the_merged_case_and_moves_its_attachments_and_references(
    traffic_officer: User,
    street_light_case: Case,
    second_report: Case,
    traffic_feedback_system: Endpoint,
) -> None:
    photo = services.attachment_add(
        actor=traffic_officer, case=second_report, filename="lampa.png", content=files.png()
    )
    ExternalReference.objects.create(
        case=second_report,
        endpoint=traffic_feedback_system,
        reference="TK-4711",
        updated_at=second_report.created_at,
    )
    history_before = second_report.events.count()

    survivor = services.case_merge(
        actor=traffic_officer, case=second_report, into=street_light_case
    )

    second_report.refresh_from_db()
    photo.refresh_from_db()
    assert survivor == street_light_case
    assert second_report.merged_into == street_light_case
    assert second_report.status == CaseStatus.CLOSED
    assert photo.case == street_light_case
    assert photo.added_to == second_report
    assert ExternalReference.objects.get(reference="TK-4711").case == street_light_case
    # The merged case keeps its history and says where it went.
    assert second_report.events.count() > history_before
    merged = second_report.events.get(kind=CaseEventKind.MERGED_INTO)
    assert merged.data["other"]["reference"] == street_light_case.reference
    arrived = street_light_case.events.get(kind=CaseEventKind.MERGED_FROM)
    assert arrived.data["moved"] == {
        "attachments": ["lampa.png"],
        "systems": ["Synpunktssystemet"],
        "children": [],
    }


def test_a_merged_case_cannot_be_merged_again(
    traffic_officer: User, street_light_case: Case, second_report: Case, make_case: MakeCase
) -> None:
    third = make_case(subject="Lampan igen")
    services.case_merge(actor=traffic_officer, case=second_report, into=street_light_case)

    with pytest.raises(ValidationError) as refused:
        services.case_merge(actor=traffic_officer, case=second_report, into=third)

    assert refused.value.code == "case.already_merged"


def test_nothing_is_merged_into_a_closed_case(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Lagad.")

    with pytest.raises(ValidationError) as refused:
        services.case_merge(actor=traffic_officer, case=second_report, into=street_light_case)

    assert refused.value.code == "case.merge_into_closed"


def test_merging_needs_the_right_to_handle_both_cases(
    traffic_officer: User, street_light_case: Case, make_case: MakeCase, resident_parking
) -> None:
    """Karin reads the contact center's parking case but does not handle it."""
    parking = make_case(category=resident_parking, subject="Boendeparkering Rinkeby")

    with pytest.raises((PermissionDenied, NotFound)):
        services.case_merge(actor=traffic_officer, case=street_light_case, into=parking)
    street_light_case.refresh_from_db()
    assert street_light_case.merged_into is None


def test_status_reports_for_a_merged_case_land_on_the_survivor(
    traffic_feedback_system: Endpoint,
    traffic_officer: User,
    street_light_case: Case,
    second_report: Case,
) -> None:
    delivery = Delivery.objects.filter(case=second_report).first()
    assert delivery is not None
    services.case_merge(actor=traffic_officer, case=second_report, into=street_light_case)
    delivery.refresh_from_db()

    store_external_reference(delivery, reference="TK-1", status="Åtgärdad", message="")

    assert ExternalReference.objects.get(reference="TK-1").case == street_light_case
    assert street_light_case.events.filter(kind=CaseEventKind.EXTERNAL_UPDATE).exists()


# --- splitting --------------------------------------------------------------------------------


def test_splitting_makes_a_new_case_for_the_same_resident_with_the_chosen_attachments(
    traffic_officer: User, street_light_case: Case, clock
) -> None:
    photo = services.attachment_add(
        actor=traffic_officer, case=street_light_case, filename="lampa.png", content=files.png()
    )
    kept = services.attachment_add(
        actor=traffic_officer, case=street_light_case, filename="karta.pdf", content=files.pdf()
    )
    clock.advance(hours=2)

    new_case = services.case_split(
        actor=traffic_officer,
        case=street_light_case,
        subject="Trasig trafiksignal vid Rinkeby torg",
        description="Nämndes i samma samtal.",
        attachment_ids=[photo.pk],
        as_child=True,
    )

    photo.refresh_from_db()
    kept.refresh_from_db()
    assert new_case.reference != street_light_case.reference
    assert (new_case.party, new_case.received_at, new_case.channel) == (
        street_light_case.party,
        street_light_case.received_at,
        street_light_case.channel,
    )
    assert new_case.responsible_organisation == street_light_case.responsible_organisation
    assert (photo.case, kept.case) == (new_case, street_light_case)
    assert new_case.parent == street_light_case
    assert street_light_case.events.get(kind=CaseEventKind.SPLIT_INTO).data["other"][
        "reference"
    ] == (new_case.reference)
    assert {CaseEventKind.CREATED, CaseEventKind.SPLIT_FROM} <= set(_kinds(new_case))


def test_only_the_cases_own_attachments_can_go_with_a_split(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    other = services.attachment_add(
        actor=traffic_officer, case=second_report, filename="a.png", content=files.png()
    )

    with pytest.raises(ValidationError) as refused:
        services.case_split(
            actor=traffic_officer,
            case=street_light_case,
            subject="Annat",
            attachment_ids=[other.pk],
        )

    assert refused.value.code == "attachment.not_on_case"


# --- parent and child -------------------------------------------------------------------------


def test_a_parent_cannot_close_while_a_child_is_open(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_set_parent(actor=traffic_officer, case=second_report, parent=street_light_case)

    with pytest.raises(ValidationError) as refused:
        services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    assert refused.value.code == "case.open_children"
    assert second_report.reference in refused.value.message
    services.case_close(actor=traffic_officer, case=second_report, resolution="Lagad.")
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")


def test_setting_and_removing_a_parent_is_written_on_parent_and_child(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_set_parent(actor=traffic_officer, case=second_report, parent=street_light_case)
    services.case_set_parent(actor=traffic_officer, case=second_report, parent=None)

    changes = street_light_case.events.filter(kind=CaseEventKind.CHILD_CHANGED)
    assert [event.data["added"] for event in changes] == [True, False]
    assert second_report.events.filter(kind=CaseEventKind.PARENT_CHANGED).count() == 2


def test_a_case_cannot_become_the_child_of_its_own_child(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_set_parent(actor=traffic_officer, case=second_report, parent=street_light_case)

    with pytest.raises(ValidationError) as refused:
        services.case_set_parent(
            actor=traffic_officer, case=street_light_case, parent=second_report
        )

    assert refused.value.code == "case.parent_cycle"


def test_an_open_case_cannot_get_a_closed_parent(
    traffic_officer: User, street_light_case: Case, second_report: Case
) -> None:
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Lagad.")

    with pytest.raises(ValidationError) as refused:
        services.case_set_parent(
            actor=traffic_officer, case=second_report, parent=street_light_case
        )

    assert refused.value.code == "case.parent_closed"


def test_merging_a_parent_hands_its_children_to_the_survivor(
    traffic_officer: User, street_light_case: Case, second_report: Case, make_case: MakeCase
) -> None:
    child = make_case(subject="Stolpen lutar")
    services.case_set_parent(actor=traffic_officer, case=child, parent=second_report)

    services.case_merge(actor=traffic_officer, case=second_report, into=street_light_case)

    child.refresh_from_db()
    assert child.parent == street_light_case


def test_the_system_relates_cases_too(street_light_case: Case, second_report: Case) -> None:
    services.case_link(actor=SystemActor("import"), case=street_light_case, other=second_report)

    assert CaseLink.objects.count() == 1
