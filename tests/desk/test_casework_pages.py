"""Case work in the desk (issue 7): the case page's actions, out-of-date changes refused with
what changed, the case type's form, checklist and answer templates, the queue's filters,
keyset pages and bulk assignment, the deadline list and the administration pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseQueue, CaseStatus, CaseType, Priority
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category
from tests.conftest import Clock, MakeCase

pytestmark = pytest.mark.django_db


def _post(client: Client, name: str, case: Case, data: dict[str, object]):
    return client.post(reverse(f"desk:{name}", args=[case.reference]), data)


def test_a_reply_from_an_out_of_date_page_is_refused_showing_what_changed_and_keeps_the_text(
    client: Client, traffic_officer: User, second_traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)
    seen = street_light_case.version
    services.case_close(
        actor=second_traffic_officer, case=street_light_case, resolution="Lagad i går."
    )

    response = _post(
        client,
        "case_reply",
        street_light_case,
        {"reply": "Vi lagar den i morgon.", "version": seen},
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone changed the case after you opened it" in page
    assert "Case closed" in page
    assert second_traffic_officer.get_full_name() in page
    assert "Vi lagar den i morgon." in page
    # The form now carries the version on screen: sending it again is a deliberate choice.
    assert re.search(r'name="version" value="2"', page)


def test_the_officer_assigns_to_a_colleague_with_a_reason_and_forwards_the_case(
    client: Client,
    traffic_officer: User,
    second_traffic_officer: User,
    street_light_case: Case,
    sports_administration: Organisation,
) -> None:
    client.force_login(traffic_officer)
    response = _post(
        client,
        "case_assign",
        street_light_case,
        {"assignee": second_traffic_officer.pk, "reason": "", "version": 1},
    )
    assert response.status_code == 302

    response = _post(
        client,
        "case_forward",
        street_light_case,
        {
            "organisation": sports_administration.pk,
            "reason": "Idrottsplatsens belysning",
            "version": 2,
        },
    )
    assert response.status_code == 302
    street_light_case.refresh_from_db()
    assert street_light_case.responsible_organisation == sports_administration
    assert street_light_case.status == CaseStatus.NEW


def test_resolving_needs_a_resolution_and_keeps_the_page(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)

    response = _post(client, "case_resolve", street_light_case, {"resolution": "", "version": 1})

    assert response.status_code == 400
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW


@pytest.fixture
def bin_case_type(traffic_admin: User, street_lighting: Category) -> CaseType:
    case_type = services.case_type_save(
        actor=traffic_admin,
        category=street_lighting,
        name="Felanmälan gatubelysning",
        fields_text="Stolpnummer | text | *\nPersonnummer | personnummer",
        checklist_text="Kontrollera stolpnumret\nSkicka till entreprenören",
    )
    services.answer_template_save(
        actor=traffic_admin,
        case_type=case_type,
        name="Tack för felanmälan",
        body="Hej {{ resident_name }}! Stolpe {{ stolpnummer }} är anmäld ({{ reference }}).",
    )
    return case_type


def test_the_case_page_takes_the_form_shows_the_values_and_fills_an_answer_template(
    client: Client, traffic_officer: User, street_light_case: Case, bin_case_type: CaseType
) -> None:
    client.force_login(traffic_officer)
    refused = _post(
        client,
        "case_values",
        street_light_case,
        {"value_stolpnummer": "", "value_personnummer": "19811218-9875", "version": 1},
    )
    assert refused.status_code == 400
    assert "not a valid personnummer" in refused.content.decode()

    saved = _post(
        client,
        "case_values",
        street_light_case,
        {"value_stolpnummer": "RV-1203", "value_personnummer": "811218-9876", "version": 1},
    )
    assert saved.status_code == 302
    template = bin_case_type.answer_templates.get()
    page = client.get(
        reverse("desk:case", args=[street_light_case.reference]), {"template": template.pk}
    ).content.decode()
    assert "19811218-9876" in page
    assert "Form (version 1)" in page
    assert "Hej Anna Svensson! Stolpe RV-1203 är anmäld (KC-2026-000001)." in page


def test_the_checklist_is_ticked_from_the_case_page(
    client: Client, traffic_officer: User, street_light_case: Case, bin_case_type: CaseType
) -> None:
    client.force_login(traffic_officer)

    response = _post(
        client,
        "case_checklist",
        street_light_case,
        {"item": "kontrollera_stolpnumret", "done": "on"},
    )

    assert response.status_code == 302
    street_light_case.refresh_from_db()
    assert street_light_case.checklist_done == ["kontrollera_stolpnumret"]


def test_an_answer_template_with_html_is_shown_as_text(
    client: Client,
    traffic_admin: User,
    traffic_officer: User,
    street_light_case: Case,
    bin_case_type: CaseType,
) -> None:
    template = services.answer_template_save(
        actor=traffic_admin,
        case_type=bin_case_type,
        name="Skadlig",
        body="<script>alert(1)</script> {{ reference }}",
    )
    client.force_login(traffic_officer)

    page = client.get(
        reverse("desk:case", args=[street_light_case.reference]), {"template": template.pk}
    ).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; KC-2026-000001" in page


def _queue(client: Client, organisation: Organisation, **params: str | int):
    return client.get(reverse("desk:queue", args=[organisation.pk]), params)


def test_the_queue_filters_by_priority_and_pages_by_keyset(
    client: Client, traffic_officer: User, traffic_office: Organisation, make_case: MakeCase
) -> None:
    urgent = [make_case(subject=f"Akut {n}", priority=Priority.URGENT) for n in range(3)]
    make_case(subject="Vanlig")
    client.force_login(traffic_officer)

    page = _queue(client, traffic_office, priority=Priority.URGENT).content.decode()
    assert all(case.reference in page for case in urgent)
    assert "Vanlig" not in page

    first = _queue(client, traffic_office, sort="received").context
    assert first["next_url"] == ""


def test_keyset_pages_neither_repeat_nor_skip_cases(
    client: Client,
    traffic_officer: User,
    traffic_office: Organisation,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    for number in range(55):
        make_case(subject=f"Gatlampa {number}")
        clock.advance(minutes=1)
    client.force_login(traffic_officer)

    first = _queue(client, traffic_office, sort="deadline")
    seen = [case.reference for case in first.context["cases"]]
    second = client.get(reverse("desk:queue", args=[traffic_office.pk]) + first.context["next_url"])
    seen += [case.reference for case in second.context["cases"]]

    assert len(seen) == 55
    assert len(set(seen)) == 55
    assert second.context["next_url"] == ""


def test_the_queue_shows_overdue_cases_only_when_asked(
    client: Client,
    traffic_officer: User,
    traffic_office: Organisation,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    late = make_case(subject="Gammal", priority=Priority.URGENT)
    clock.advance(days=3)
    fresh = make_case(subject="Ny")
    client.force_login(traffic_officer)

    response = _queue(client, traffic_office, view="overdue")

    references = [case.reference for case in response.context["cases"]]
    assert references == [late.reference]
    assert fresh.reference not in references
    assert "Overdue" in response.content.decode()


def test_an_administrator_assigns_several_cases_from_the_queue(
    client: Client,
    traffic_admin: User,
    traffic_officer: User,
    traffic_office: Organisation,
    make_case: MakeCase,
) -> None:
    cases = [make_case(subject=f"Gatlampa {n}") for n in range(2)]
    client.force_login(traffic_admin)
    assert "Assign the chosen cases" in _queue(client, traffic_office).content.decode()

    response = client.post(
        reverse("desk:bulk_assign", args=[traffic_office.pk]),
        {"cases": [case.reference for case in cases], "assignee": traffic_officer.pk},
    )

    assert response.status_code == 302
    assert {case.assignee_id for case in Case.objects.all()} == {traffic_officer.pk}


def test_a_case_officer_gets_no_bulk_assignment(
    client: Client, traffic_officer: User, traffic_office: Organisation, make_case: MakeCase
) -> None:
    make_case()
    client.force_login(traffic_officer)
    assert "Assign the chosen cases" not in _queue(client, traffic_office).content.decode()
    response = client.post(
        reverse("desk:bulk_assign", args=[traffic_office.pk]),
        {"cases": ["KC-2026-000001"], "assignee": traffic_officer.pk},
    )
    assert response.status_code == 403


def test_the_queue_page_costs_the_same_for_a_dispatcher_with_many_cases(
    client: Client,
    traffic_admin: User,
    traffic_office: Organisation,
    make_case: MakeCase,
    django_assert_max_num_queries,
) -> None:
    for number in range(40):
        make_case(subject=f"Gatlampa {number}")
    client.force_login(traffic_admin)
    # Session and user; the organisation, its tree (read by the policy, the page and both
    # forms' assignee lists); the page's ids and rows; opening hours; the delivery warning;
    # the filter and bulk forms' choices (categories, assignees and queues). None of it grows
    # with the number of cases.
    with django_assert_max_num_queries(18):
        response = _queue(client, traffic_office, sort="priority", view="unassigned")
    assert response.status_code == 200
    assert len(response.context["cases"]) == 40


def test_the_supervisor_lists_contact_center_cases_near_or_past_their_deadline(
    client: Client,
    supervisor: User,
    tier1_agent: User,
    resident_parking: Category,
    make_case: MakeCase,
    clock: Clock,
) -> None:
    late = make_case(category=resident_parking, subject="Boendeparkering", priority=Priority.URGENT)
    on_time = make_case(
        category=resident_parking, subject="Boendeparkering 2", priority=Priority.LOW
    )
    clock.advance(hours=4)
    client.force_login(supervisor)

    response = client.get(reverse("desk:deadline_report"))

    references = [case.reference for case in response.context["cases"]]
    assert references == [late.reference]
    assert on_time.reference not in references
    client.force_login(tier1_agent)
    assert client.get(reverse("desk:deadline_report")).status_code == 403


def test_the_administrator_defines_a_case_type_and_a_changed_form_is_a_new_version(
    client: Client, traffic_admin: User, street_lighting: Category
) -> None:
    client.force_login(traffic_admin)
    response = client.post(
        reverse("desk:case_type_create"),
        {
            "name": "Felanmälan gatubelysning",
            "category": street_lighting.pk,
            "fields_text": "Stolpnummer | text | *",
            "checklist_text": "Kontrollera stolpnumret",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    case_type = CaseType.objects.get()

    client.post(
        reverse("desk:case_type_edit", args=[case_type.pk]),
        {
            "name": "Felanmälan gatubelysning",
            "category": street_lighting.pk,
            "fields_text": "Stolpnummer | text | *\nAdress | address",
            "checklist_text": "Kontrollera stolpnumret",
            "is_active": "on",
        },
    )
    assert case_type.versions.count() == 2

    refused = client.post(
        reverse("desk:answer_template_create", args=[case_type.pk]),
        {"name": "Svar", "body": "Hej {{ namn }}", "is_active": "on"},
    )
    assert refused.status_code == 400
    assert "{{ namn }}" in refused.content.decode()


def test_case_officers_do_not_administer_case_types_or_queues(
    client: Client, traffic_officer: User
) -> None:
    client.force_login(traffic_officer)
    assert client.get(reverse("desk:case_types")).status_code == 403
    assert client.get(reverse("desk:case_queues")).status_code == 403


def test_the_administrator_adds_a_queue(
    client: Client, traffic_admin: User, traffic_office: Organisation
) -> None:
    client.force_login(traffic_admin)

    response = client.post(reverse("desk:case_queues"), {"name": "Belysning"})

    assert response.status_code == 302
    assert CaseQueue.objects.get().organisation == traffic_office


def test_an_urgent_case_registered_from_a_letter_gets_the_urgent_deadline(
    client: Client, tier2_agent: User, street_lighting: Category, clock: Clock
) -> None:
    client.force_login(tier2_agent)

    response = client.post(
        reverse("desk:case_create"),
        {
            "channel": "letter",
            "category": street_lighting.pk,
            "subject": "Nedfallen stolpe",
            "priority": Priority.URGENT,
        },
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.priority == Priority.URGENT
    # Tuesday 09:00 + 4 working hours.
    assert case.deadline_at is not None
    assert case.deadline_at.astimezone(clock.at.tzinfo).hour == 13
