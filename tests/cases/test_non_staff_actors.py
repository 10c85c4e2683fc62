"""Not every change is made by a staff member: the e-mail reader, a resident in the e-service
and an integration act through the same services, and the history says who they were."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import EMAIL_READER, ResidentActor
from kontaktcenter.accounts.services import integration_key_authenticate, integration_key_create
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import CaseEventKind, Channel, ContactOutcome
from kontaktcenter.core.errors import NotFound, PermissionDenied
from tests.factories import CategoryFactory

# --- the e-mail reader ------------------------------------------------------------------------


@pytest.fixture
def email_case(operator, street_lighting, clock):
    """An e-mail the e-mail reader turned into a contact and then into a case."""
    contact = services.contact_start(
        actor=EMAIL_READER, channel=Channel.EMAIL, question="Lampan på Kistavägen är släckt."
    )
    return services.case_create(
        actor=EMAIL_READER,
        contact=contact,
        channel=Channel.EMAIL,
        category=street_lighting,
        subject="Släckt lampa på Kistavägen",
        resident_email="anna.svensson@example.se",
    )


def test_the_email_reader_registers_a_contact_without_an_agent(operator):
    contact = services.contact_start(actor=EMAIL_READER, channel=Channel.EMAIL)

    contact.refresh_from_db()
    assert contact.agent is None
    assert contact.site is None
    assert contact.outcome == ContactOutcome.OPEN


def test_the_email_reader_turns_its_contact_into_a_case(email_case, traffic_office):
    contact = email_case.contacts.get()

    assert contact.outcome == ContactOutcome.CASE_CREATED
    assert email_case.responsible_organisation == traffic_office
    assert email_case.created_by is None


def test_the_history_says_the_system_made_the_case(email_case):
    made = email_case.events.filter(kind__in=[CaseEventKind.CREATED, CaseEventKind.ROUTED])

    assert set(made.values_list("actor_kind", "actor_label", "actor")) == {
        ("system", "email-reader", None)
    }


def test_an_agent_cannot_finish_a_contact_the_email_reader_took(tier1_agent, operator):
    contact = services.contact_start(actor=EMAIL_READER, channel=Channel.EMAIL)

    with pytest.raises(PermissionDenied) as refused:
        services.contact_answer_directly(actor=tier1_agent, contact=contact)

    assert refused.value.code == "contact.not_yours"


# --- a resident in the e-service --------------------------------------------------------------


def test_a_resident_writing_in_creates_a_web_case(operator, street_lighting, traffic_office):
    case = services.case_create(
        actor=ResidentActor(case_id=None),
        channel=Channel.WEB,
        category=street_lighting,
        subject="Mörkt på gångvägen",
        resident_name="Anna Svensson",
    )

    assert case.responsible_organisation == traffic_office
    assert case.created_by is None
    created = case.events.get(kind=CaseEventKind.CREATED)
    assert (created.actor_kind, created.actor_label, created.actor) == (
        "resident",
        "resident",
        None,
    )


def test_the_residents_name_is_not_used_to_label_what_they_did(operator, street_lighting):
    case = services.case_create(
        actor=ResidentActor(case_id=None),
        channel=Channel.WEB,
        category=street_lighting,
        subject="Mörkt på gångvägen",
        resident_name="Anna Svensson",
    )

    assert "Anna" not in set(case.events.values_list("actor_label", flat=True))


def test_a_resident_reads_the_case_their_tracking_code_opened(street_light_case):
    resident = ResidentActor(case_id=street_light_case.pk)

    assert selectors.case_get(actor=resident, reference=street_light_case.reference) == (
        street_light_case
    )


def test_a_resident_does_not_find_someone_elses_case(make_case, street_light_case):
    other = make_case(subject="Någon annans lampa")
    resident = ResidentActor(case_id=street_light_case.pk)

    with pytest.raises(NotFound) as caught:
        selectors.case_get(actor=resident, reference=other.reference)

    assert caught.value.code == "case.not_found"


def test_a_resident_following_a_confidential_case_reads_it(confidential_case):
    """Secrecy protects the resident's matter from others, not from the resident."""
    resident = ResidentActor(case_id=confidential_case.pk)

    assert selectors.case_get(actor=resident, reference=confidential_case.reference)


def test_a_resident_following_a_case_cannot_close_it(street_light_case):
    resident = ResidentActor(case_id=street_light_case.pk)

    with pytest.raises(PermissionDenied) as refused:
        services.case_close(actor=resident, case=street_light_case, resolution="Klart.")

    assert refused.value.code == "case.handle_not_allowed"


# --- an integration ---------------------------------------------------------------------------


def test_an_integration_sees_only_its_organisations_ordinary_cases(
    make_case, street_light_case, confidential_case, sysadmin, jarva
):
    """Järva's own system sees Järva's playground case, not its confidential case and not
    Trafikkontoret's street light."""
    playground = make_case(
        category=CategoryFactory.create(name="Parklek", responsible_organisation=jarva),
        subject="Trasig gunga",
    )
    _key, secret = integration_key_create(actor=sysadmin, organisation=jarva, name="Järva-appen")
    integration = integration_key_authenticate(secret)
    assert integration is not None

    assert list(selectors.visible_cases(integration)) == [playground]


def test_an_integration_does_not_find_a_confidential_case_of_its_organisation(
    confidential_case, sysadmin, jarva
):
    _key, secret = integration_key_create(actor=sysadmin, organisation=jarva, name="Järva-appen")
    integration = integration_key_authenticate(secret)
    assert integration is not None

    with pytest.raises(NotFound):
        selectors.case_get(actor=integration, reference=confidential_case.reference)


def test_an_integrations_change_is_recorded_under_its_name(integration, street_light_case):
    services.case_add_note(actor=integration, case=street_light_case, text="Arbetsorder 4711.")

    note = street_light_case.events.get(kind=CaseEventKind.NOTE_ADDED)
    assert (note.actor_kind, note.actor_label, note.actor) == (
        "api_client",
        "Felanmälan Trafik",
        None,
    )
