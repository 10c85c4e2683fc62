"""Case types' forms and answer templates as data: field definitions, value checks and the
filling-in of templates. Pure functions, no ORM (S4).

A form definition is a list of fields {"key", "label", "type", "required", "help", "choices"};
values are checked here with python-stdnum (personnummer, organisation number), phonenumbers
(through core.phone) and core.email_addresses, and stored as plain JSON text in a normal form
(a personnummer as YYYYMMDD-NNNN, a phone number in E.164, a date as YYYY-MM-DD).

Answer templates are filled by plain substitution of known placeholders. Administrators' text
is never given to a template engine: `{% ... %}` or an unknown `{{ name }}` stays as it is
written, and nothing a resident typed into a form is interpreted either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.se import orgnr, personnummer

from kontaktcenter.core.email_addresses import check_email
from kontaktcenter.core.errors import REQUIRED, ServiceError, ValidationError, error_code
from kontaktcenter.core.phone import normalise_phone


class FieldType(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    ADDRESS = "address"
    PERSONNUMMER = "personnummer"
    ORGANISATION_NUMBER = "orgnr"
    PHONE = "phone"
    EMAIL = "email"


FIELD_TYPE_LABELS = {
    FieldType.TEXT: _("Text"),
    FieldType.LONG_TEXT: _("Long text"),
    FieldType.NUMBER: _("Number"),
    FieldType.DATE: _("Date"),
    FieldType.CHOICE: _("Choice"),
    FieldType.YES_NO: _("Yes/no"),
    FieldType.ADDRESS: _("Address"),
    FieldType.PERSONNUMMER: _("Personnummer"),
    FieldType.ORGANISATION_NUMBER: _("Organisation number"),
    FieldType.PHONE: _("Phone"),
    FieldType.EMAIL: _("E-mail"),
}

TEXT_MAX = 200
LONG_TEXT_MAX = 5_000
YES = "yes"
NO = "no"

INVALID_NUMBER = error_code("form.invalid_number", _("%(label)s: write a number, e.g. 12 or 3,5."))
INVALID_DATE = error_code("form.invalid_date", _("%(label)s: write a date as YYYY-MM-DD."))
INVALID_CHOICE = error_code("form.invalid_choice", _("%(label)s: choose one of the options."))
INVALID_YES_NO = error_code("form.invalid_yes_no", _("%(label)s: answer yes or no."))
INVALID_PERSONNUMMER = error_code(
    "form.invalid_personnummer",
    _("%(label)s: not a valid personnummer (YYYYMMDD-NNNN); check the digits."),
)
INVALID_ORGNR = error_code(
    "form.invalid_orgnr",
    _("%(label)s: not a valid organisation number (NNNNNN-NNNN); check the digits."),
)
FIELD_TOO_LONG = error_code("form.too_long", _("%(label)s: at most %(max)d characters."))
INVALID_DEFINITION = error_code("case_type.invalid_field", _("Form field %(line)d: %(problem)s"))
DUPLICATE_FIELD = error_code(
    "case_type.duplicate_field", _("Two form fields are called %(label)s; give them other names.")
)
UNKNOWN_PLACEHOLDER = error_code(
    "answer_template.unknown_placeholder",
    _("The template uses %(names)s, which the case type's form does not have."),
)

# Placeholders every template may use besides the form's fields.
CASE_PLACEHOLDERS = ("resident_name", "reference", "subject", "category", "organisation")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    type: FieldType
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "type": self.type.value,
            "required": self.required,
            "help": self.help,
            "choices": list(self.choices),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FormField:
        return cls(
            key=str(data["key"]),
            label=str(data["label"]),
            type=FieldType(data["type"]),
            required=bool(data.get("required", False)),
            help=str(data.get("help", "")),
            choices=tuple(str(choice) for choice in data.get("choices", ())),
        )


class FormValuesInvalidError(ValidationError):
    """Some values of a case type's form were refused; `problems` holds one error per field."""

    def __init__(self, problems: dict[str, ServiceError]) -> None:
        first_key, first = next(iter(problems.items()))
        super().__init__(first.error, field=first_key, **first.params)
        self.problems = problems


def field_key(label: str) -> str:
    """A placeholder name for a label: "Antal kärl" → "antal_karl"."""
    return slugify(label).replace("-", "_")[:40]


# --- values -----------------------------------------------------------------------------------


_TRUE = {"yes", "ja", "true", "1", "on"}
_FALSE = {"no", "nej", "false", "0", "off"}


def _check_yes_no(field: FormField, text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if not lowered and field.required:
        raise ValidationError(REQUIRED, field=field.key, label=field.label)
    if lowered and lowered not in _FALSE:
        raise ValidationError(INVALID_YES_NO, field=field.key, label=field.label)
    return False


def _check_number(field: FormField, text: str) -> str:
    try:
        number = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(INVALID_NUMBER, field=field.key, label=field.label) from None
    if not number.is_finite():
        raise ValidationError(INVALID_NUMBER, field=field.key, label=field.label)
    return format(number.normalize(), "f")


def _check_date(field: FormField, text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(INVALID_DATE, field=field.key, label=field.label) from None


def _check_choice(field: FormField, text: str) -> str:
    if text not in field.choices:
        raise ValidationError(INVALID_CHOICE, field=field.key, label=field.label)
    return text


def _check_personnummer(field: FormField, text: str) -> str:
    """Stored with the century (YYYYMMDD-NNNN), as Skatteverket writes it: a ten-digit number
    gets its century from the birth date (a + separator means over a hundred years old)."""
    try:
        compact = str(personnummer.validate(text))
        birth = personnummer.get_birth_date(compact)
    except stdnum_errors.ValidationError:
        raise ValidationError(INVALID_PERSONNUMMER, field=field.key, label=field.label) from None
    digits = "".join(character for character in compact if character.isdigit())
    if len(digits) == 10:
        digits = f"{birth.year // 100:02d}{digits}"
    return f"{digits[:8]}-{digits[8:]}"


def _check_orgnr(field: FormField, text: str) -> str:
    try:
        return str(orgnr.format(orgnr.validate(text)))
    except stdnum_errors.ValidationError:
        raise ValidationError(INVALID_ORGNR, field=field.key, label=field.label) from None


def _check_text(_field: FormField, text: str) -> str:
    return text


_CHECKS: dict[FieldType, Callable[[FormField, str], object]] = {
    FieldType.TEXT: _check_text,
    FieldType.LONG_TEXT: _check_text,
    FieldType.ADDRESS: _check_text,
    FieldType.NUMBER: _check_number,
    FieldType.DATE: _check_date,
    FieldType.CHOICE: _check_choice,
    FieldType.PERSONNUMMER: _check_personnummer,
    FieldType.ORGANISATION_NUMBER: _check_orgnr,
    FieldType.PHONE: lambda field, text: normalise_phone(text, field=field.key),
    FieldType.EMAIL: lambda field, text: check_email(text, field=field.key),
}


def _check_value(field: FormField, raw: object) -> object:
    text = "" if raw is None else str(raw).strip()
    if field.type == FieldType.YES_NO:
        return _check_yes_no(field, text)
    if not text:
        if field.required:
            raise ValidationError(REQUIRED, field=field.key, label=field.label)
        return None
    limit = LONG_TEXT_MAX if field.type == FieldType.LONG_TEXT else TEXT_MAX
    if len(text) > limit:
        raise ValidationError(FIELD_TOO_LONG, field=field.key, label=field.label, max=limit)
    return _CHECKS[field.type](field, text)


def clean_values(fields: Sequence[FormField], values: Mapping[str, object]) -> dict[str, object]:
    """The values of a form, checked and in normal form; unknown keys are dropped.

    Every field is checked, so the person filling in sees all problems at once
    (FormValuesInvalidError.problems), not one per attempt.
    """
    cleaned: dict[str, object] = {}
    problems: dict[str, ServiceError] = {}
    for field in fields:
        try:
            value = _check_value(field, values.get(field.key))
        except ServiceError as error:
            problems[field.key] = error
            continue
        if value is not None:
            cleaned[field.key] = value
    if problems:
        raise FormValuesInvalidError(problems)
    return cleaned


def display_value(field: FormField, value: object) -> str:
    if field.type == FieldType.YES_NO:
        return str(_("Yes") if value else _("No"))
    return "" if value is None else str(value)


# --- definitions ------------------------------------------------------------------------------

_REQUIRED_MARK = "*"


def parse_definition(text: str) -> list[FormField]:
    """Fields written one per line by an administrator:

        Label | type | required | help text | choice; choice

    e.g. `Adress | address | * | Gatuadress och nummer` or `Kärlstorlek | choice | | | 140 l;
    190 l; 370 l`. The type is one of FieldType's values; `*` (or "ja", "required") in the
    third column makes the field required.
    """
    fields: list[FormField] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        parts += [""] * (5 - len(parts))
        label, kind, required, help_text, choices = parts[:5]
        if not label:
            raise ValidationError(
                INVALID_DEFINITION, field="fields", line=number, problem=_("the label is missing")
            )
        try:
            field_type = FieldType(kind.lower() or FieldType.TEXT)
        except ValueError:
            raise ValidationError(
                INVALID_DEFINITION,
                field="fields",
                line=number,
                problem=_("unknown type %(type)s") % {"type": kind},
            ) from None
        options = tuple(choice.strip() for choice in choices.split(";") if choice.strip())
        if field_type == FieldType.CHOICE and len(options) < 2:
            raise ValidationError(
                INVALID_DEFINITION,
                field="fields",
                line=number,
                problem=_("a choice needs at least two options separated by ;"),
            )
        key = field_key(label)
        if not key or key in CASE_PLACEHOLDERS:
            raise ValidationError(
                INVALID_DEFINITION,
                field="fields",
                line=number,
                problem=_("choose another label"),
            )
        if key in seen:
            raise ValidationError(DUPLICATE_FIELD, field="fields", label=label)
        seen.add(key)
        fields.append(
            FormField(
                key=key,
                label=label[:80],
                type=field_type,
                required=required.lower() in {_REQUIRED_MARK, "ja", "yes", "required", "obl"},
                help=help_text[:200],
                choices=options if field_type == FieldType.CHOICE else (),
            )
        )
    return fields


def format_definition(fields: Sequence[FormField]) -> str:
    """The text `parse_definition` reads, for editing a version that exists."""
    lines = []
    for field in fields:
        parts = [
            field.label,
            field.type.value,
            _REQUIRED_MARK if field.required else "",
            field.help,
            "; ".join(field.choices),
        ]
        lines.append(" | ".join(parts).rstrip(" |"))
    return "\n".join(lines)


def parse_checklist(text: str) -> list[dict[str, str]]:
    """One item per line; each keeps a key so ticks survive a reworded later version."""
    items: list[dict[str, str]] = []
    seen: set[str] = set()
    for line in text.splitlines():
        cleaned = line.strip().lstrip("-•").strip()[:200]
        if not cleaned:
            continue
        key = field_key(cleaned) or f"item_{len(items) + 1}"
        while key in seen:
            key += "_"
        seen.add(key)
        items.append({"key": key, "text": cleaned})
    return items


# --- answer templates -------------------------------------------------------------------------


def placeholders_in(body: str) -> set[str]:
    return set(_PLACEHOLDER.findall(body))


def check_template(body: str, fields: Sequence[FormField]) -> None:
    unknown = placeholders_in(body) - {*CASE_PLACEHOLDERS, *(field.key for field in fields)}
    if unknown:
        names = ", ".join(f"{{{{ {name} }}}}" for name in sorted(unknown))
        raise ValidationError(UNKNOWN_PLACEHOLDER, field="body", names=names)


def render_template(body: str, values: Mapping[str, str]) -> str:
    """The template with each known placeholder replaced by its value as plain text.

    One pass over the body: a value that itself looks like `{{ reference }}` is not expanded
    again, and a placeholder without a value is left visible for the officer to fill in.
    """

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name in values else match.group(0)

    return _PLACEHOLDER.sub(substitute, body)
