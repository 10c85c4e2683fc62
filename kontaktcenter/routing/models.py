"""The category taxonomy (S6) and where each category's cases go (S7, S10, S14)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.routing.choices import FeedbackKind, Handling

__all__ = ["Category", "FeedbackKind", "Handling"]


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
