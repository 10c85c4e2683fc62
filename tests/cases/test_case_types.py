"""Case types: versioned forms with checked values, checklists and answer templates that are
filled in without a template engine (issue 7, item 1)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.case_forms import FormValuesInvalidError, render_template
from kontaktcenter.cases.models import CaseEventKind
from kontaktcenter.core.errors import PermissionDenied, ValidationError

BIN_FORM = """\
Adress | address | * | Gatuadress och nummer
Kärlstorlek | choice | * | | 140 liter; 190 liter; 370 liter
Personnummer | personnummer | *
Organisationsnummer | orgnr
Telefon | phone
E-post | email
Antal kärl | number
Önskat datum | date
Gemensamt med grannen | yes_no
"""


@pytest.fixture
def bin_type(traffic_admin, street_lighting):
    return services.case_type_save(
        actor=traffic_admin,
        category=street_lighting,
        name="Beställning av soptunna",
        fields_text=BIN_FORM,
        checklist_text="Kontrollera adressen\nBoka leverans",
    )


def good_values(**overrides: str) -> dict[str, str]:
    values = {
        "adress": "Rinkebysvängen 12",
        "karlstorlek": "190 liter",
        "personnummer": "19811218-9876",
        "organisationsnummer": "556036-0793",
        "telefon": "070-123 45 67",
        "e_post": "anna@example.se",
        "antal_karl": "2",
        "onskat_datum": "2026-04-01",
        "gemensamt_med_grannen": "ja",
    }
    values.update(overrides)
    return values


def test_values_are_checked_and_stored_in_normal_form(bin_type):
    cleaned = services.case_type_values_clean(case_type=bin_type, values=good_values())

    assert cleaned["personnummer"] == "19811218-9876"
    assert cleaned["organisationsnummer"] == "556036-0793"
    assert cleaned["telefon"] == "+46701234567"
    assert cleaned["gemensamt_med_grannen"] is True


def test_every_wrong_value_is_reported_at_once_with_its_code(bin_type):
    with pytest.raises(FormValuesInvalidError) as refused:
        services.case_type_values_clean(
            case_type=bin_type,
            values=good_values(
                adress="",
                personnummer="19811218-9875",
                organisationsnummer="556036-0794",
                telefon="12",
                antal_karl="två",
                onskat_datum="1 april",
                karlstorlek="1000 liter",
            ),
        )

    assert {key: error.code for key, error in refused.value.problems.items()} == {
        "adress": "required",
        "personnummer": "form.invalid_personnummer",
        "organisationsnummer": "form.invalid_orgnr",
        "telefon": "invalid_phone",
        "antal_karl": "form.invalid_number",
        "onskat_datum": "form.invalid_date",
        "karlstorlek": "form.invalid_choice",
    }


def test_a_changed_form_is_a_new_version_and_old_cases_stay_readable(
    bin_type, traffic_admin, traffic_officer, street_light_case, street_lighting
):
    services.case_fill_form(actor=traffic_officer, case=street_light_case, values=good_values())

    services.case_type_save(
        actor=traffic_admin,
        category=street_lighting,
        name="Beställning av soptunna",
        fields_text="Adress | address | *\nVåning | number",
        checklist_text="Kontrollera adressen",
        case_type=bin_type,
    )

    bin_type.refresh_from_db()
    assert bin_type.current_version.number == 2
    work = selectors.case_work(
        selectors.case_get(actor=traffic_officer, reference="KC-2026-000001")
    )
    assert work.filled_version == 1
    assert ("Personnummer", "19811218-9876") in [(row.label, row.value) for row in work.form_rows]
    assert [field.key for field in work.current_fields] == ["adress", "vaning"]


def test_saving_the_same_form_again_writes_no_version(bin_type, traffic_admin, street_lighting):
    services.case_type_save(
        actor=traffic_admin,
        category=street_lighting,
        name="Soptunna",
        fields_text=BIN_FORM,
        checklist_text="Kontrollera adressen\nBoka leverans",
        case_type=bin_type,
    )

    assert bin_type.versions.count() == 1


def test_filling_in_the_form_is_recorded(bin_type, traffic_officer, street_light_case):
    case = services.case_fill_form(
        actor=traffic_officer, case=street_light_case, values=good_values()
    )

    event = case.events.get(kind=CaseEventKind.FORM_FILLED)
    assert event.data["version"] == 1


def test_a_checklist_item_is_ticked_and_unticked(bin_type, traffic_officer, street_light_case):
    case = services.case_tick_checklist(
        actor=traffic_officer, case=street_light_case, item="kontrollera_adressen", done=True
    )
    assert case.checklist_done == ["kontrollera_adressen"]

    with pytest.raises(ValidationError):
        services.case_tick_checklist(
            actor=traffic_officer, case=case, item="something_else", done=True
        )


def test_only_the_organisations_administrator_defines_case_types(
    traffic_officer, street_lighting, district_officer
):
    for actor in (traffic_officer, district_officer):
        with pytest.raises(PermissionDenied):
            services.case_type_save(
                actor=actor,
                category=street_lighting,
                name="x",
                fields_text="",
                checklist_text="",
            )


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Adress | gps", "case_type.invalid_field"),
        ("Storlek | choice | | | bara en", "case_type.invalid_field"),
        ("Adress\nadress", "case_type.duplicate_field"),
    ],
)
def test_a_wrong_form_definition_is_refused_with_its_line(
    traffic_admin, street_lighting, line, code
):
    with pytest.raises(ValidationError) as refused:
        services.case_type_save(
            actor=traffic_admin,
            category=street_lighting,
            name="Soptunna",
            fields_text=line,
            checklist_text="",
        )
    assert refused.value.code == code


def test_an_answer_template_with_an_unknown_placeholder_is_refused(bin_type, traffic_admin):
    with pytest.raises(ValidationError) as refused:
        services.answer_template_save(
            actor=traffic_admin, case_type=bin_type, name="Svar", body="Hej {{ namn }}!"
        )
    assert refused.value.code == "answer_template.unknown_placeholder"


def test_an_answer_template_is_filled_with_the_case_and_its_form(
    bin_type, traffic_admin, traffic_officer, street_light_case
):
    template = services.answer_template_save(
        actor=traffic_admin,
        case_type=bin_type,
        name="Bekräftelse",
        body="Hej {{ resident_name }}! Ditt ärende {{ reference }}: {{ karlstorlek }} "
        "till {{adress}}.",
    )
    services.case_fill_form(actor=traffic_officer, case=street_light_case, values=good_values())
    case = selectors.case_get(actor=traffic_officer, reference=street_light_case.reference)

    text = selectors.answer_template_text(case=case, template_id=template.pk)

    assert text == (
        "Hej Anna Svensson! Ditt ärende KC-2026-000001: 190 liter till Rinkebysvängen 12."
    )


def test_template_filling_is_plain_substitution_not_a_template_engine():
    body = "{% load static %}{{ reference }} {{ settings.SECRET_KEY }} {{ resident_name }}"

    text = render_template(body, {"reference": "KC-1", "resident_name": "{{ reference }}"})

    # Tags stay as written, unknown names stay visible, values are never expanded again.
    assert text == "{% load static %}KC-1 {{ settings.SECRET_KEY }} {{ reference }}"
