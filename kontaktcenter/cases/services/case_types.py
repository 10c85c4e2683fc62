"""Case types (S4): forms, checklists and answer templates set up by an organisation's
administrator, and the case's form and checklist filled in by whoever handles it.

A change of a case type's form or checklist writes a new version; cases keep the version they
were filled in under, so old cases stay readable after the form changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, staff_user
from kontaktcenter.cases import case_forms, errors, events, policies
from kontaktcenter.cases.models import AnswerTemplate, Case, CaseType, CaseTypeVersion
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.services._common import clean_text, lock_case, require, touch
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound, ValidationError
from kontaktcenter.directory.selectors import operator_organisation
from kontaktcenter.routing.choices import Handling
from kontaktcenter.routing.models import Category


def case_type_owner_id(category: Category) -> int:
    """The organisation whose cases a category's case type shapes: the contact center for
    tier-2 categories, otherwise the category's responsible organisation."""
    if category.handling == Handling.CONTACT_CENTER:
        return operator_organisation().pk
    return category.responsible_organisation_id


def version_fields(version: CaseTypeVersion | None) -> list[case_forms.FormField]:
    if version is None:
        return []
    return [case_forms.FormField.from_json(field) for field in version.fields]


def case_type_values_clean(*, case_type: CaseType, values: Mapping[str, object]) -> dict[str, Any]:
    """Check a dict of values against the case type's current form: what the desk, the
    e-service and the API all use. Raises case_forms.FormValuesInvalidError with every problem."""
    return case_forms.clean_values(version_fields(case_type.current_version), values)


@transaction.atomic
def case_type_save(
    *,
    actor: Actor,
    category: Category,
    name: str,
    fields_text: str,
    checklist_text: str,
    is_active: bool = True,
    case_type: CaseType | None = None,
) -> CaseType:
    """Create a case type for a category or change one; a changed form or checklist becomes
    a new version, earlier versions stay as they were."""
    owner_id = case_type_owner_id(category)
    require(policies.may_manage_case_types(actor, owner_id), errors.CASE_TYPES_NOT_ALLOWED)
    if case_type is not None:
        case_type = CaseType.objects.select_for_update().get(pk=case_type.pk)
        require(
            policies.may_manage_case_types(actor, case_type.organisation_id),
            errors.CASE_TYPES_NOT_ALLOWED,
        )
        if case_type.organisation_id != owner_id:
            raise ValidationError(
                errors.CASE_TYPE_CATEGORY_OUTSIDE, field="category", category=category.name
            )
    cleaned_name = clean_text(name, field="name", label=_("Name"), required=True, max_length=120)
    fields = case_forms.parse_definition(fields_text)
    checklist = case_forms.parse_checklist(checklist_text)
    taken = CaseType.objects.filter(category=category)
    if case_type is not None:
        taken = taken.exclude(pk=case_type.pk)
    if taken.exists():
        raise ValidationError(
            errors.CASE_TYPE_CATEGORY_TAKEN, field="category", category=category.name
        )
    if case_type is None:
        case_type = CaseType(organisation_id=owner_id)
    case_type.category = category
    case_type.name = cleaned_name
    case_type.is_active = is_active
    try:
        with transaction.atomic():
            case_type.save()
    except IntegrityError:
        raise ValidationError(
            errors.CASE_TYPE_CATEGORY_TAKEN, field="category", category=category.name
        ) from None
    definition = [field.as_json() for field in fields]
    current = case_type.current_version
    if current is None or current.fields != definition or current.checklist != checklist:
        case_type.current_version = CaseTypeVersion.objects.create(
            case_type=case_type,
            number=(current.number + 1) if current else 1,
            fields=definition,
            checklist=checklist,
            created_at=now(),
            created_by=staff_user(actor),
        )
        case_type.save(update_fields=["current_version"])
    return case_type


@transaction.atomic
def answer_template_save(
    *,
    actor: Actor,
    case_type: CaseType,
    name: str,
    body: str,
    is_active: bool = True,
    template: AnswerTemplate | None = None,
) -> AnswerTemplate:
    """Placeholders must be known ones: a typo such as {{ refrence }} is refused here rather
    than sent to a resident."""
    require(
        policies.may_manage_case_types(actor, case_type.organisation_id),
        errors.CASE_TYPES_NOT_ALLOWED,
    )
    cleaned_name = clean_text(name, field="name", label=_("Name"), required=True, max_length=120)
    cleaned_body = clean_text(body, field="body", label=_("Text"), required=True, max_length=10_000)
    case_forms.check_template(cleaned_body, version_fields(case_type.current_version))
    if template is None:
        template = AnswerTemplate(case_type=case_type)
    elif template.case_type_id != case_type.pk:
        raise NotFound(errors.TEMPLATE_NOT_FOUND)
    template.name = cleaned_name
    template.body = cleaned_body
    template.is_active = is_active
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise ValidationError(
            case_forms.DUPLICATE_FIELD, field="name", label=cleaned_name
        ) from None
    return template


@transaction.atomic
def case_fill_form(
    *,
    actor: Actor,
    case: Case,
    values: Mapping[str, object],
    expected_version: int | None = None,
) -> Case:
    """Fill in (or correct) the case's form under its case type's current version."""
    case = lock_case(
        case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED, expected_version=expected_version
    )
    case_type = (
        CaseType.objects.select_related("current_version")
        .filter(category_id=case.category_id, is_active=True)
        .first()
    )
    if case_type is None or case_type.current_version is None:
        raise ValidationError(errors.CASE_TYPE_MISSING)
    cleaned = case_type_values_clean(case_type=case_type, values=values)
    at = now()
    case.case_type_version = case_type.current_version
    case.form_values = cleaned
    touch(case, at, "case_type_version", "form_values")
    events.form_filled(
        case, actor=actor, at=at, version=case_type.current_version.number, values=cleaned
    )
    return case


@transaction.atomic
def case_tick_checklist(*, actor: Actor, case: Case, item: str, done: bool) -> Case:
    """Mark a checklist item done or not done. The checklist is the case type's current one,
    or the one of the version the form was filled in under."""
    case = lock_case(case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED)
    version = case.case_type_version
    if version is None:
        case_type = (
            CaseType.objects.select_related("current_version")
            .filter(category_id=case.category_id)
            .first()
        )
        version = case_type.current_version if case_type else None
    items = {entry["key"]: entry["text"] for entry in (version.checklist if version else [])}
    if item not in items:
        raise ValidationError(errors.CHECKLIST_ITEM_UNKNOWN, field="item")
    already = item in case.checklist_done
    if already == done:
        case.version -= 1
        return case
    at = now()
    case.checklist_done = (
        [*case.checklist_done, item] if done else [k for k in case.checklist_done if k != item]
    )
    if case.case_type_version is None:
        case.case_type_version = version
    touch(case, at, "checklist_done", "case_type_version")
    events.checklist_ticked(case, actor=actor, at=at, item=item, text=items[item], done=done)
    return case
