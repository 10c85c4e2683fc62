"""What organisations set up for their case work: queues, case types with versioned forms,
checklists and answer templates, and deadlines per category and priority (S4, S7, S8).

Imported by `cases.models`, which is the app's one model module for everyone else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases.choices import Priority


class CaseQueue(models.Model):
    """A named work queue of one organisation ("Felanmälan belysning", "Bygglov")."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="case_queues",
    )
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("case queue")
        verbose_name_plural = _("case queues")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="cases_queue_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CaseType(models.Model):
    """How tier 2 or an organisation handles the cases of one category: a form, a checklist
    and answer templates. The form and checklist live in versions, so a changed form keeps the
    cases that were filled in under an older one readable."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="case_types",
    )
    category = models.OneToOneField(
        "routing.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="case_type",
    )
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("in use"), default=True)
    current_version = models.ForeignKey(
        "cases.CaseTypeVersion",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseTypeVersion(models.Model):
    """One version of a case type's form and checklist. Never changed once written.

    `fields` is a list of {"key", "label", "type", "required", "help", "choices"} (see
    cases.case_types.FieldType); `checklist` a list of {"key", "text"}.
    """

    case_type = models.ForeignKey(
        CaseType, verbose_name=_("case type"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    fields = models.JSONField(_("form fields"), default=list)
    checklist = models.JSONField(_("checklist"), default=list)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("case type version")
        verbose_name_plural = _("case type versions")
        ordering = ["case_type", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "number"], name="cases_case_type_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_type_id} v{self.number}"


class AnswerTemplate(models.Model):
    """A reply text with placeholders ({{ resident_name }}, {{ reference }}, form fields)."""

    case_type = models.ForeignKey(
        CaseType,
        verbose_name=_("case type"),
        on_delete=models.CASCADE,
        related_name="answer_templates",
    )
    name = models.CharField(_("name"), max_length=120)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "name"], name="cases_answer_template_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """The working hours a case of a category and priority may take before it is overdue.
    Sub-categories without a rule of their own follow their parent's."""

    category = models.ForeignKey(
        "routing.Category",
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="deadline_rules",
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    working_hours = models.PositiveIntegerField(_("working hours"))

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "priority"], name="cases_deadline_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category_id} {self.priority}: {self.working_hours} h"
