"""The directory's fixed vocabularies, importable without the models (the desk uses them)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AbsenceReason(models.TextChoices):
    MEETING = "meeting", _("In a meeting")
    LUNCH = "lunch", _("At lunch")
    OUT_OF_OFFICE = "out_of_office", _("Out of the office")
    COURSE = "course", _("On a course")
    SICK = "sick", _("Sick")
    VACATION = "vacation", _("On holiday")
    PARENTAL_LEAVE = "parental_leave", _("On parental leave")
    OFF_DUTY = "off_duty", _("Off duty")
    OTHER = "other", _("Away")


class EntryKind(models.TextChoices):
    PERSON = "person", _("Person")
    FUNCTION = "function", _("Function")
    UNIT = "unit", _("Unit")


class CallbackKind(models.TextChoices):
    CALLBACK = "callback", _("Callback request")
    MESSAGE = "message", _("Message")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
