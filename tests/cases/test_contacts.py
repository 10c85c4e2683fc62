"""Contacts: every interaction is registered and ends with one outcome (S1, S3, S5, S14)."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import EMAIL_READER
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Channel, Contact, ContactOutcome
from kontaktcenter.core.errors import PermissionDenied, ValidationError


def test_a_started_contact_is_open_and_belongs_to_the_agent_and_their_site(
    tier1_agent, site, clock
):
    contact = services.contact_start(
        actor=tier1_agent, channel=Channel.PHONE, question="  När töms soporna?  "
    )

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.OPEN
    assert contact.agent == tier1_agent
    assert contact.site == site
    assert contact.started_at == clock()
    assert contact.ended_at is None
    assert contact.question == "När töms soporna?"


def test_an_unknown_channel_is_refused(tier1_agent):
    with pytest.raises(ValidationError) as refused:
        services.contact_start(actor=tier1_agent, channel="telegram")

    assert (refused.value.code, refused.value.field) == ("channel.unknown", "channel")
    assert not Contact.objects.exists()


@pytest.mark.parametrize("role_fixture", ["traffic_officer", "analyst", "sysadmin"])
def test_only_contact_center_and_switchboard_staff_register_contacts(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(PermissionDenied) as refused:
        services.contact_start(actor=actor, channel=Channel.PHONE)

    assert refused.value.code == "contact.not_allowed"


def test_a_question_answered_on_the_spot_is_recorded_with_the_answer(
    tier1_agent, street_lighting, clock
):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE, question="Lampor?")
    finished_at = clock.advance(minutes=4)

    services.contact_answer_directly(
        actor=tier1_agent,
        contact=contact,
        category=street_lighting,
        answer_note=" Felanmäl via e-tjänsten. ",
    )

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.ANSWERED_DIRECTLY
    assert contact.category == street_lighting
    assert contact.answer == "Felanmäl via e-tjänsten."
    assert contact.ended_at == finished_at


def test_a_booking_question_is_referred_to_the_booking_unit(
    tier1_agent, facility_booking, booking_unit
):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    services.contact_refer(actor=tier1_agent, contact=contact, category=facility_booking)

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.REFERRED
    assert contact.referred_to == booking_unit
    assert contact.case is None
    assert contact.ended_at is not None


def test_a_referral_can_name_another_organisation_than_the_category_owner(
    tier1_agent, facility_booking, sports_administration
):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.EMAIL)

    services.contact_refer(
        actor=tier1_agent,
        contact=contact,
        category=facility_booking,
        referred_to=sports_administration,
    )

    contact.refresh_from_db()
    assert contact.referred_to == sports_administration


def test_a_transferred_call_keeps_its_category_for_the_statistics(
    tier1_agent, traffic_office, street_lighting
):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    services.contact_transfer(
        actor=tier1_agent, contact=contact, to=traffic_office, category=street_lighting
    )

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.TRANSFERRED
    assert contact.category == street_lighting


def test_the_switchboard_puts_a_call_through_to_an_organisation(
    switchboard_operator, traffic_office
):
    contact = services.contact_start(actor=switchboard_operator, channel=Channel.PHONE)

    services.contact_transfer(actor=switchboard_operator, contact=contact, to=traffic_office)

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.TRANSFERRED
    assert contact.referred_to == traffic_office
    assert contact.site is None


def test_a_contact_that_becomes_a_case_is_linked_to_it(make_case, tier1_agent, street_lighting):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE, question="Mörkt.")

    case = make_case(contact=contact)

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.CASE_CREATED
    assert contact.case == case
    assert contact.category == street_lighting
    assert contact.ended_at == case.created_at
    assert list(case.contacts.all()) == [contact]


def test_a_contact_whose_case_is_refused_stays_open(make_case, tier1_agent, facility_booking):
    """Nothing the agent already registered is lost when the case cannot be created."""
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE, question="Boka.")

    with pytest.raises(ValidationError):
        make_case(contact=contact, category=facility_booking)

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.OPEN
    assert contact.question == "Boka."


def test_a_finished_contact_cannot_be_finished_again(tier1_agent, traffic_office):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
    services.contact_answer_directly(actor=tier1_agent, contact=contact)

    with pytest.raises(ValidationError) as refused:
        services.contact_transfer(actor=tier1_agent, contact=contact, to=traffic_office)

    assert refused.value.code == "contact.finished"
    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.ANSWERED_DIRECTLY


def test_a_contact_finished_in_another_tab_cannot_be_finished_again(tier1_agent, traffic_office):
    """The check reads the outcome from the database, not from a stale copy."""
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
    stale = Contact.objects.get(pk=contact.pk)
    services.contact_answer_directly(actor=tier1_agent, contact=contact)

    with pytest.raises(ValidationError) as refused:
        services.contact_transfer(actor=tier1_agent, contact=stale, to=traffic_office)

    assert refused.value.code == "contact.finished"

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.ANSWERED_DIRECTLY


def test_only_the_agent_who_took_the_contact_can_finish_it(tier1_agent, tier2_agent):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    with pytest.raises(PermissionDenied) as refused:
        services.contact_answer_directly(actor=tier2_agent, contact=contact)

    assert refused.value.code == "contact.not_yours"

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.OPEN


def test_a_confidential_case_leaves_no_copy_of_the_question_in_the_contact_center(
    tier1_agent, financial_support, jarva
):
    contact = services.contact_start(
        actor=tier1_agent, channel=Channel.PHONE, question="Jag har inte råd med hyran"
    )

    case = services.case_create(
        actor=tier1_agent,
        contact=contact,
        question="Jag har inte råd med hyran, vill söka bistånd",
        channel=Channel.PHONE,
        category=financial_support,
        subject="Ekonomiskt bistånd",
        description="Jag har inte råd med hyran, vill söka bistånd",
        district=jarva,
    )

    contact.refresh_from_db()
    assert contact.question == ""
    assert contact.case == case
    assert case.description == "Jag har inte råd med hyran, vill söka bistånd"


def test_a_confidential_case_without_description_keeps_the_residents_words(
    tier1_agent, financial_support, jarva
):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    case = services.case_create(
        actor=tier1_agent,
        contact=contact,
        question="Behöver hjälp med hyran",
        channel=Channel.PHONE,
        category=financial_support,
        subject="Ekonomiskt bistånd",
        district=jarva,
    )

    contact.refresh_from_db()
    assert contact.question == ""
    assert case.description == "Behöver hjälp med hyran"


def test_a_confidential_case_keeps_the_words_the_contact_was_started_with(
    operator, financial_support, jarva
):
    """The e-mail reader starts a contact with the e-mail's text and makes the case from it
    without repeating the text. The contact must keep no copy (S10), so the words belong in the
    case, as they do when a case is recategorised into a confidential category."""
    contact = services.contact_start(
        actor=EMAIL_READER, channel=Channel.EMAIL, question="Jag har inte råd med hyran"
    )

    case = services.case_create(
        actor=EMAIL_READER,
        contact=contact,
        channel=Channel.EMAIL,
        category=financial_support,
        subject="Ekonomiskt bistånd",
        district=jarva,
    )

    contact.refresh_from_db()
    assert contact.question == ""
    assert case.description == "Jag har inte råd med hyran"
