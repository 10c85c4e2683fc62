"""Tables of telephony: queues and agents, the PBX's events as received, the calls and agent
states rebuilt from them, and the switchboard console's transfers, callbacks and night service."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.telephony.choices import (
    AgentStatus,
    CallOutcome,
    EventKind,
    EventSource,
    TransferKind,
    TransferStatus,
    UnknownKind,
)


class Queue(models.Model):
    """A PBX queue: one subject area (skill) at one site (S2)."""

    name = models.CharField(_("PBX queue name"), max_length=80, unique=True)
    label = models.CharField(_("name"), max_length=120)
    site = models.ForeignKey(
        "directory.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="queues"
    )
    skill = models.SlugField(_("skill"), max_length=60)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="phone_queues",
    )
    target_seconds = models.PositiveIntegerField(_("answer target (seconds)"), default=60)
    overflow_after_seconds = models.PositiveIntegerField(
        _("overflow to the other site after (seconds)"), default=120
    )
    wrap_up_seconds = models.PositiveIntegerField(_("wrap-up time (seconds)"), default=30)

    class Meta:
        verbose_name = _("phone queue")
        verbose_name_plural = _("phone queues")
        ordering = ["site__name", "label"]

    def __str__(self) -> str:
        return self.label


class Agent(models.Model):
    """A queue member as the PBX names it, with its current state (rebuilt from events)."""

    interface = models.CharField(_("PBX interface"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="phone_agent",
    )
    site = models.ForeignKey(
        "directory.Site",
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        related_name="phone_agents",
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgentStatus.choices, default=AgentStatus.LOGGED_OUT
    )
    status_reason = models.CharField(_("pause reason"), max_length=80, blank=True)
    status_since = models.DateTimeField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("phone agent")
        verbose_name_plural = _("phone agents")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgentStateChange(models.Model):
    """Every state an agent was put in, in event time; the agent's row holds the latest."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="state_changes")
    status = models.CharField(max_length=20, choices=AgentStatus.choices)
    reason = models.CharField(max_length=80, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["agent", "occurred_at"], name="telephony_agent_history")]

    def __str__(self) -> str:
        return f"{self.agent_id} {self.status} {self.occurred_at:%Y-%m-%d %H:%M:%S}"


class PbxEvent(models.Model):
    """An event as received, once: the raw material every call is rebuilt from."""

    source = models.CharField(max_length=20, choices=EventSource.choices)
    key = models.CharField(max_length=220)
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    call_id = models.CharField(max_length=64, blank=True)
    queue_name = models.CharField(max_length=80, blank=True)
    agent_interface = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="telephony_event_once")
        ]
        indexes = [models.Index(fields=["call_id"], name="telephony_event_call")]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.call_id}"


class Call(models.Model):
    """One caller's way through a queue, rebuilt from its events (rules.fold_call)."""

    call_id = models.CharField(_("PBX call id"), max_length=64, unique=True)
    queue = models.ForeignKey(
        Queue, verbose_name=_("queue"), on_delete=models.SET_NULL, null=True, related_name="calls"
    )
    queue_name = models.CharField(_("PBX queue name"), max_length=80, blank=True)
    caller_number = models.CharField(_("caller's number"), max_length=40, blank=True)
    entered_at = models.DateTimeField(_("entered the queue"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    wait_seconds = models.PositiveIntegerField(_("wait (seconds)"), null=True, blank=True)
    talk_seconds = models.PositiveIntegerField(_("talk (seconds)"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=CallOutcome.choices)
    agent = models.ForeignKey(
        Agent, verbose_name=_("agent"), on_delete=models.SET_NULL, null=True, related_name="calls"
    )
    agent_interface = models.CharField(max_length=80, blank=True)
    transfer_kind = models.CharField(
        _("transfer"), max_length=20, choices=TransferKind.choices, blank=True
    )
    transfer_target = models.CharField(_("transferred to"), max_length=80, blank=True)
    transfer_answered = models.BooleanField(_("target answered"), null=True)
    unanswered_rings = models.PositiveIntegerField(default=0)
    # The console's list of missed calls to ring back (who took each, when it was done).
    callback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called back by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    callback_taken_at = models.DateTimeField(null=True, blank=True)
    callback_done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        indexes = [
            models.Index(fields=["entered_at"], name="telephony_call_entered"),
            models.Index(fields=["queue_name", "entered_at"], name="telephony_call_queue"),
            models.Index(fields=["outcome", "entered_at"], name="telephony_call_outcome"),
            models.Index(fields=["caller_number"], name="telephony_call_caller"),
        ]

    def __str__(self) -> str:
        return self.call_id


class UnknownReference(models.Model):
    """A queue or agent name the PBX sent that is not configured here: reported, not fatal."""

    kind = models.CharField(max_length=10, choices=UnknownKind.choices)
    name = models.CharField(max_length=80)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    occurrences = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="telephony_unknown_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


class QueueLogCursor(models.Model):
    """How far a queue_log file has been read, so a restart resumes where it stopped."""

    path = models.CharField(max_length=500, unique=True)
    inode = models.BigIntegerField(default=0)
    offset = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.path} @ {self.offset}"


class Transfer(models.Model):
    """A call the switchboard passed on; it comes back to the operator if not answered in time."""

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    call = models.ForeignKey(Call, on_delete=models.SET_NULL, null=True, related_name="+")
    caller_number = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=200)
    target_number = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=TransferKind.choices)
    status = models.CharField(
        max_length=20, choices=TransferStatus.choices, default=TransferStatus.RINGING
    )
    requested_at = models.DateTimeField()
    recall_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["operator", "status"], name="telephony_transfer_open")]

    def __str__(self) -> str:
        return self.target_label


class NightService(models.Model):
    """Each switch of the switchboard's night service; the latest row is in force."""

    is_on = models.BooleanField()
    message = models.CharField(max_length=300, blank=True)
    divert_to = models.CharField(max_length=40, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        get_latest_by = ["set_at", "id"]

    def __str__(self) -> str:
        return f"night service {'on' if self.is_on else 'off'} {self.set_at:%Y-%m-%d %H:%M}"
