"""The category taxonomy (S6) and where each category's cases go (S7, S10, S14)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.routing.choices import FeedbackKind, Handling

__all__ = [
    "Category",
    "CategoryCorrection",
    "ClassifierModel",
    "FeedbackKind",
    "Handling",
    "RoutingDecision",
    "RoutingRule",
]


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="categories",
    )
    handling = models.CharField(
        _("handling"), max_length=30, choices=Handling.choices, default=Handling.ORGANISATION
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "Cases may hold information covered by secrecy (OSL); only the responsible "
            "organisation can read them and every read is logged."
        ),
    )
    feedback_kind = models.CharField(
        _("feedback"),
        max_length=12,
        choices=FeedbackKind.choices,
        default=FeedbackKind.NONE,
        blank=True,
        help_text=_(
            "Complaints, feedback, suggestions and praise reach the organisation's own feedback "
            "system through its delivery endpoints."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="routing_category_unique_name"),
            # NULL parents never collide in a plain unique constraint, so top level needs its own.
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(parent__isnull=True),
                name="routing_category_unique_top_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """A rule that sends matters somewhere other than their category's own handling (S7).

    Conditions left empty match everything; the first active, valid rule by priority wins.
    """

    name = models.CharField(_("name"), max_length=120)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("managed by"),
        on_delete=models.PROTECT,
        related_name="routing_rules",
    )
    priority = models.PositiveIntegerField(
        _("priority"), default=100, help_text=_("Lower numbers are tried first.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="routing_rules"
    )
    districts = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("districts"),
        blank=True,
        related_name="district_routing_rules",
    )
    channels = models.JSONField(_("channels"), default=list, blank=True)
    switchboard = models.CharField(_("common switchboard"), max_length=12, default="any")
    keywords = models.TextField(_("keywords"), blank=True)
    time_from = models.TimeField(_("from time of day"), null=True, blank=True)
    time_until = models.TimeField(_("until time of day"), null=True, blank=True)
    tier = models.CharField(_("tier"), max_length=10)
    target = models.CharField(_("target"), max_length=20)
    target_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("target organisation or queue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targeted_by_rules",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routing_rules",
    )
    external_name = models.CharField(_("external body"), max_length=120, blank=True)
    external_contact = models.CharField(_("how to reach it"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["priority", "id"]

    def __str__(self) -> str:
        return self.name


class RoutingDecision(models.Model):
    """Where a case was sent and why, as decided when it was registered or re-routed."""

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="routing_decision",
    )
    rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("rule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    rule_name = models.CharField(_("rule name"), max_length=120, blank=True)
    tier = models.CharField(_("tier"), max_length=10)
    district = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=400)
    suggested_category = models.ForeignKey(
        Category,
        verbose_name=_("suggested category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggestion_confidence = models.FloatField(_("confidence"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("routing decision")
        verbose_name_plural = _("routing decisions")

    def __str__(self) -> str:
        return self.reason


class CategoryCorrection(models.Model):
    """An agent's choice of category for a text, after (or without) a suggestion. The
    classifier remembers it at once and learns from it at its next training."""

    text = models.TextField(_("text, personal data masked"))
    suggested = models.ForeignKey(
        Category,
        verbose_name=_("suggested category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chosen = models.ForeignKey(
        Category, verbose_name=_("chosen category"), on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), db_index=True)

    class Meta:
        verbose_name = _("category correction")
        verbose_name_plural = _("category corrections")

    def __str__(self) -> str:
        return f"{self.chosen_id}: {self.text[:40]}"


class ClassifierModel(models.Model):
    """A trained text classifier, shared by every web and worker process through the database.

    Only this application writes the blob (a joblib dump of our own pipeline), so loading it is
    as safe as loading the code.
    """

    trained_at = models.DateTimeField(_("trained at"))
    examples = models.PositiveIntegerField(_("training examples"))
    corrections = models.PositiveIntegerField(_("corrections included"))
    last_correction_id = models.BigIntegerField(_("last correction included"), default=0)
    blob = models.BinaryField(_("model"))

    class Meta:
        verbose_name = _("classifier model")
        verbose_name_plural = _("classifier models")
        ordering = ["-trained_at", "-id"]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} ({self.examples})"
