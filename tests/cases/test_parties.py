"""The resident's personal data: kept once, in the party record, and removable in one step.

Erasure (GDPR art. 17) and retention scrub a person everywhere they are kept while every record
keeps its shape: who did what and when, categories, organisations and counts remain, so the
history and the statistics still add up.
"""

from __future__ import annotations

from datetime import date

import pytest

from kontaktcenter.accounts.actors import WORKER, ResidentActor
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import Case, CaseEventKind, Channel, Contact, Party
from kontaktcenter.cases.services.parties import RETENTION
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.statistics.selectors import period_statistics

MARCH = {"first_day": date(2026, 3, 1), "last_day": date(2026, 3, 31)}

# --- recording --------------------------------------------------------------------------------


def test_what_the_resident_told_about_themselves_is_kept_in_one_party(make_case):
    case = make_case(
        resident_name=" Anna Svensson ",
        resident_email="anna.svensson@example.se",
        resident_phone="070-123 45 67",
    )

    party = Party.objects.get()
    assert case.party == party
    assert (party.name, party.email, party.phone) == (
        "Anna Svensson",
        "anna.svensson@example.se",
        "+46701234567",
    )
    assert party.scrubbed_at is None


def test_a_resident_who_stays_anonymous_has_no_party(make_case):
    case = make_case(resident_name="", resident_email="", resident_phone="")

    assert case.party is None
    assert not Party.objects.exists()


def test_the_contact_a_case_came_from_points_to_the_same_resident(make_case, tier1_agent):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    case = make_case(contact=contact)

    contact.refresh_from_db()
    assert contact.party is not None
    assert contact.party == case.party


def test_a_phone_number_that_is_not_one_is_refused_for_its_field(make_case):
    with pytest.raises(ValidationError) as refused:
        make_case(resident_phone="ring mig")

    assert (refused.value.code, refused.value.field) == ("invalid_phone", "resident_phone")
    assert refused.value.params == {"value": "ring mig"}
    assert not Party.objects.exists()


def test_the_history_never_copies_the_residents_details(make_case, traffic_officer):
    case = make_case()
    services.case_reply(actor=traffic_officer, case=case, text="Vi lagar lampan.")

    history = repr([(event.actor_label, event.data) for event in case.events.all()])
    for detail in ("Anna", "Svensson", "anna.svensson@example.se", "+46701234567"):
        assert detail not in history


# --- erasure ----------------------------------------------------------------------------------


@pytest.fixture
def annas_case(make_case, tier1_agent, traffic_officer, clock):
    """Anna called about a lamp outside her door; Karin noted, replied and closed the case."""
    contact = services.contact_start(
        actor=tier1_agent, channel=Channel.PHONE, question="Lampan utanför Anna Svenssons port"
    )
    case = make_case(
        contact=contact,
        question="Lampan utanför Anna Svenssons port är släckt",
        subject="Släckt lampa vid Svenssons port",
        description="Anna Svensson, Rinkebysvängen 12, ringer kvällstid.",
    )
    clock.advance(hours=1)
    services.case_add_note(actor=traffic_officer, case=case, text="Anna vill bli uppringd.")
    services.case_reply(actor=traffic_officer, case=case, text="Hej Anna, vi lagar den.")
    services.case_close(actor=traffic_officer, case=case, resolution="Lagad, Anna nöjd.")
    services.case_reopen(actor=traffic_officer, case=case, reason="Anna ringde: släckt igen.")
    clock.advance(days=1)
    return case


def _scrub(case: Case, actor) -> Party:
    assert case.party is not None
    return services.party_scrub(actor=actor, party=case.party)


def test_erasure_blanks_the_residents_details_and_says_when(annas_case, sysadmin, clock):
    party = _scrub(annas_case, sysadmin)

    party.refresh_from_db()
    assert (party.name, party.email, party.phone) == ("", "", "")
    assert party.scrubbed_at == clock()


def test_erasure_removes_what_the_resident_said_from_the_contacts(annas_case, sysadmin):
    _scrub(annas_case, sysadmin)

    contact = Contact.objects.get()
    assert (contact.question, contact.answer) == ("", "")


def test_erasure_leaves_the_case_its_category_as_subject_and_no_description(annas_case, sysadmin):
    _scrub(annas_case, sysadmin)

    annas_case.refresh_from_db()
    assert annas_case.subject == "Gatubelysning"
    assert annas_case.description == ""


def test_erasure_blanks_the_texts_in_the_history_and_marks_them(annas_case, sysadmin):
    _scrub(annas_case, sysadmin)

    texts = {
        event.kind: event.data
        for event in annas_case.events.filter(
            kind__in=[
                CaseEventKind.CREATED,
                CaseEventKind.NOTE_ADDED,
                CaseEventKind.REPLY_SENT,
                CaseEventKind.CLOSED,
                CaseEventKind.REOPENED,
            ]
        )
    }
    assert texts[CaseEventKind.CREATED]["subject"] == ""
    assert texts[CaseEventKind.NOTE_ADDED]["text"] == ""
    assert (texts[CaseEventKind.REPLY_SENT]["text"], texts[CaseEventKind.REPLY_SENT]["to"]) == (
        "",
        "",
    )
    assert texts[CaseEventKind.CLOSED]["resolution"] == ""
    assert texts[CaseEventKind.REOPENED]["reason"] == ""
    assert all(data["scrubbed"] is True for data in texts.values())
    assert "Anna" not in repr(list(annas_case.events.values_list("data", flat=True)))


def test_erasure_keeps_who_did_what_and_when(annas_case, sysadmin):
    def shape() -> list[tuple[object, ...]]:
        return list(
            annas_case.events.exclude(kind=CaseEventKind.SCRUBBED).values_list(
                "kind", "actor_label", "actor", "occurred_at"
            )
        )

    before = shape()

    _scrub(annas_case, sysadmin)

    assert shape() == before
    closed = annas_case.events.get(kind=CaseEventKind.CLOSED)
    assert (closed.data["before"], closed.data["after"]) == ("new", "closed")


def test_erasure_is_itself_recorded_in_the_case_history(annas_case, sysadmin, clock):
    _scrub(annas_case, sysadmin)

    scrubbed = annas_case.events.get(kind=CaseEventKind.SCRUBBED)
    assert (scrubbed.actor, scrubbed.occurred_at) == (sysadmin, clock())
    assert scrubbed.data == {"reason": "erasure_request"}


def test_statistics_are_the_same_after_erasure(annas_case, make_case, sysadmin, analyst):
    make_case(subject="Någon annans lampa")
    before = period_statistics(actor=analyst, **MARCH)

    _scrub(annas_case, sysadmin)

    assert period_statistics(actor=analyst, **MARCH) == before


@pytest.mark.parametrize(
    "query", ["Anna Svensson", "anna.svensson@example.se", "070-123 45 67", "Svenssons port"]
)
def test_a_scrubbed_resident_is_no_longer_found_by_search(annas_case, sysadmin, tier1_agent, query):
    assert selectors.case_search(actor=tier1_agent, query=query).exists()

    _scrub(annas_case, sysadmin)

    assert not selectors.case_search(actor=tier1_agent, query=query).exists()


def test_the_retention_job_scrubs_as_the_system(annas_case):
    assert annas_case.party is not None
    services.party_scrub(actor=WORKER, party=annas_case.party, reason=RETENTION)

    scrubbed = annas_case.events.get(kind=CaseEventKind.SCRUBBED)
    assert (scrubbed.actor_kind, scrubbed.actor_label, scrubbed.actor) == ("system", "worker", None)
    assert scrubbed.data == {"reason": "retention"}


@pytest.mark.parametrize(
    "who", ["supervisor", "traffic_officer", "traffic_admin", "tier2_agent", "resident"]
)
def test_only_system_administrators_remove_a_residents_data(request, annas_case, who):
    actor = (
        ResidentActor(case_id=annas_case.pk) if who == "resident" else request.getfixturevalue(who)
    )

    with pytest.raises(PermissionDenied) as refused:
        _scrub(annas_case, actor)

    assert refused.value.code == "party.scrub_not_allowed"
    party = Party.objects.get()
    assert (party.name, party.scrubbed_at) == ("Anna Svensson", None)
    assert not annas_case.events.filter(kind=CaseEventKind.SCRUBBED).exists()


# --- secrecy when a case becomes confidential (S10) -------------------------------------------


@pytest.fixture
def case_from_a_call(make_case, tier1_agent):
    """A call registered as an ordinary case; the contact keeps the resident's words."""
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
    return make_case(
        contact=contact,
        question="Jag har inte råd med hyran och lampan är trasig",
        subject="Trasig lampa",
    )


def test_a_case_moved_into_a_confidential_category_leaves_no_words_in_its_contacts(
    case_from_a_call, traffic_officer, financial_support, jarva
):
    contact = case_from_a_call.contacts.get()
    Contact.objects.filter(pk=contact.pk).update(answer="Hänvisade till Järva")

    services.case_recategorise(
        actor=traffic_officer, case=case_from_a_call, category=financial_support, district=jarva
    )

    contact.refresh_from_db()
    assert (contact.question, contact.answer) == ("", "")


def test_the_words_become_the_description_of_a_case_that_had_none(
    case_from_a_call, traffic_officer, financial_support, jarva
):
    services.case_recategorise(
        actor=traffic_officer, case=case_from_a_call, category=financial_support, district=jarva
    )

    case_from_a_call.refresh_from_db()
    assert case_from_a_call.description == "Jag har inte råd med hyran och lampan är trasig"


def test_a_description_already_written_is_kept_when_the_case_becomes_confidential(
    make_case, tier1_agent, traffic_officer, financial_support, jarva
):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
    case = make_case(
        contact=contact,
        question="Jag har inte råd med hyran",
        description="Invånaren behöver hjälp med hyran.",
    )

    services.case_recategorise(
        actor=traffic_officer, case=case, category=financial_support, district=jarva
    )

    case.refresh_from_db()
    contact.refresh_from_db()
    assert case.description == "Invånaren behöver hjälp med hyran."
    assert contact.question == ""
