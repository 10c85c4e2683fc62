"""The city's organisation: committees, administrations, districts, companies, units and people."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.directory.choices import AbsenceReason, CallbackKind, EntryKind, Weekday

__all__ = [
    "Absence",
    "AbsenceReason",
    "CallbackKind",
    "CallbackRequest",
    "DirectoryEntry",
    "DirectoryTerm",
    "EntryKind",
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
    local_switchboard_phone = models.CharField(
        _("local switchboard phone"),
        max_length=30,
        blank=True,
        help_text=_(
            "Where calls go until the organisation has joined the common switchboard; "
            "units may leave it empty and use their parent's."
        ),
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
    substitute = models.ForeignKey(
        "self",
        verbose_name=_("substitute"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitute_for",
        help_text=_("Who answers for this person when they are away and no other is named."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_person",
        help_text=_("The person's login, so their callback requests show in their desk queue."),
    )
    # The identifier in the city's HR or LDAP directory, so a repeated import updates the
    # person instead of adding them again.
    external_id = models.CharField(_("directory identifier"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="directory_person_unique_external_id",
            )
        ]

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
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_('Words callers use for what the function handles, e.g. "bygglov jour".'),
    )
    members = models.ManyToManyField(
        Person,
        verbose_name=_("members"),
        related_name="functions",
        blank=True,
        help_text=_("The people who answer for the function and see its callback requests."),
    )

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


class Absence(models.Model):
    """A time a person cannot be reached, with the reason the operator may tell the caller."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="absences"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=AbsenceReason.choices)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(
        _("back at"), null=True, blank=True, help_text=_("Empty when the return is not known.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    substitute = models.ForeignKey(
        Person,
        verbose_name=_("substitute"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitutes_during",
    )
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["person", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="directory_absence_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_reason_display()}"


class DirectoryEntry(models.Model):
    """One searchable thing in the directory: a person, a function or an organisation.

    The search reads only this table and `DirectoryTerm`; both are rebuilt from the directory
    by `directory.indexing` whenever a person, function or organisation changes.
    """

    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, null=True, related_name="directory_entry"
    )
    function = models.OneToOneField(
        Function, on_delete=models.CASCADE, null=True, related_name="directory_entry"
    )
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, null=True, related_name="directory_entry"
    )
    # Folded name: orders hits of equal score alphabetically.
    sort_key = models.CharField(max_length=200)
    # What a hit shows that changes only with the directory (name, title, organisation path,
    # phone numbers in display form, e-mail, keywords, opening hours, default substitute),
    # prepared at indexing so that a keystroke formats nothing (see directory.search).
    card = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="person",
                        person__isnull=False,
                        function__isnull=True,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        kind="function",
                        person__isnull=True,
                        function__isnull=False,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        kind="unit",
                        person__isnull=True,
                        function__isnull=True,
                        organisation__isnull=False,
                    )
                ),
                name="directory_entry_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.sort_key}"


class DirectoryTerm(models.Model):
    """One search term of an entry: a namespace letter, a colon and the folded word or key.

    Namespaces: "n" name words, "s" sound keys of names, "w" titles, keywords and
    organisation words, "t" phone numbers' national digits. A query word is looked up as a
    prefix range (term >= "n:karl" and < "n:karm"), which a B-tree answers on SQLite and
    PostgreSQL alike. The lookup index is in the order hits are shown (term, then the
    entry's name), so a keystroke reads only as many index rows as it shows; the second
    index checks an entry's other words.
    """

    entry = models.ForeignKey(
        DirectoryEntry, on_delete=models.CASCADE, related_name="terms", db_index=False
    )
    term = models.CharField(max_length=64)
    # The entry's sort key, cut short: orders the entries that share a term by name.
    sort_key = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["term", "sort_key", "entry"], name="directory_term_lookup"),
            models.Index(fields=["entry", "term"], name="directory_term_entry"),
        ]

    def __str__(self) -> str:
        return self.term


class CallbackRequest(models.Model):
    """A callback request or message for a person or function that could not be reached (S17).

    It lands in the person's queue, or in the queue of every member of the function, in the
    desk; it shows who took it and when, and whoever handles it marks it done.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=CallbackKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("for person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callback_requests",
    )
    function = models.ForeignKey(
        Function,
        verbose_name=_("for function"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callback_requests",
    )
    caller_name = models.CharField(_("caller's name"), max_length=120, blank=True)
    caller_phone = models.CharField(_("caller's phone"), max_length=30, blank=True)
    caller_email = models.EmailField(_("caller's e-mail"), blank=True)
    subject = models.CharField(_("about"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    due_at = models.DateTimeField(_("call back by"))
    taken_at = models.DateTimeField(_("taken at"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        related_name="callback_requests_taken",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callback_requests_done",
    )
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["person", "done_at", "due_at"], name="directory_callback_person"),
            models.Index(
                fields=["function", "done_at", "due_at"], name="directory_callback_function"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, function__isnull=True)
                    | models.Q(person__isnull=True, function__isnull=False)
                ),
                name="directory_callback_one_recipient",
            ),
            models.CheckConstraint(
                condition=~models.Q(caller_phone="", caller_email="", kind="callback"),
                name="directory_callback_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
