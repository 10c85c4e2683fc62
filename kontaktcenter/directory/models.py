"""The city's organisation: committees, administrations, districts, companies, units and people."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.directory.choices import Weekday

__all__ = [
    "Function",
    "OpeningHours",
    "Organisation",
    "OrganisationKind",
    "Person",
    "Site",
    "Weekday",
]


class OrganisationKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    ADMINISTRATION = "administration", _("Administration")
    DISTRICT = "district", _("District administration")
    COMPANY = "company", _("City-owned company")
    UNIT = "unit", _("Unit")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_operator = models.BooleanField(
        _("operates the contact center"),
        default=False,
        help_text=_("The organisation that runs the contact center and the common switchboard."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    joined_common_switchboard_on = models.DateField(
        _("joined the common switchboard on"), null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # Unit names such as "Kansliet" repeat across administrations; under one parent
            # (or at the top) a name is still unique.
            models.UniqueConstraint(fields=["parent", "name"], name="directory_org_unique_name"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(parent__isnull=True),
                name="directory_org_unique_top_name",
            ),
            models.UniqueConstraint(
                fields=["is_operator"],
                condition=models.Q(is_operator=True),
                name="directory_single_operator",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A contact-center site (S2): where agents sit and which organisations' questions it takes."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    operator = models.ForeignKey(
        Organisation, verbose_name=_("operator"), on_delete=models.PROTECT, related_name="sites"
    )
    served_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations served"),
        related_name="serving_sites",
        blank=True,
        help_text=_("The subject areas this site answers for, as the organisations that own them."),
    )

    class Meta:
        verbose_name = _("contact-center site")
        verbose_name_plural = _("contact-center sites")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """An employee in the directory, reachable through the switchboard (S11, S17)."""

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    title = models.CharField(_("title"), max_length=120, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    mobile = models.CharField(_("mobile"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Function(models.Model):
    """A role-based contact point such as "Felanmälan gata" that is not one person."""

    name = models.CharField(_("name"), max_length=160)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="functions",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="directory_function_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """When an organisation works on a weekday; case deadlines are counted in this time.

    A weekday without a row is closed; an organisation without any row works office hours
    (cases.deadlines.DEFAULT_OPENING_HOURS). Public holidays are closed whatever is set here.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["organisation", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "weekday"], name="directory_opening_hours_once_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="directory_opening_hours_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.get_weekday_display()} {self.opens}–{self.closes}"
