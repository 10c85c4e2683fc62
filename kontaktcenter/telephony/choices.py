"""The fixed vocabularies of telephony, importable without the models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventSource(models.TextChoices):
    QUEUE_LOG = "queue_log", _("Asterisk queue_log")
    AMI = "ami", _("Asterisk AMI")
    WEBHOOK = "webhook", _("CTI webhook")


class EventKind(models.TextChoices):
    """What one PBX event says, whatever format it came in."""

    ENTER = "enter", _("Entered the queue")
    CONNECT = "connect", _("Connected to an agent")
    RING_NO_ANSWER = "ring_no_answer", _("Agent did not answer")
    ABANDON = "abandon", _("Caller hung up while waiting")
    EXIT_TIMEOUT = "exit_timeout", _("Left the queue on timeout")
    EXIT_EMPTY = "exit_empty", _("Left an empty queue")
    EXIT_KEY = "exit_key", _("Left the queue by key press")
    LEAVE = "leave", _("Left the queue")
    COMPLETE = "complete", _("Call completed")
    TRANSFER = "transfer", _("Transferred")
    DIVERT = "divert", _("Diverted")
    CALLBACK_REQUEST = "callback_request", _("Callback requested")
    AGENT_LOGIN = "agent_login", _("Agent logged in")
    AGENT_LOGOFF = "agent_logoff", _("Agent logged off")
    AGENT_PAUSE = "agent_pause", _("Agent paused")
    AGENT_UNPAUSE = "agent_unpause", _("Agent ready")
    AGENT_STATE = "agent_state", _("Agent state")


CALL_KINDS = frozenset(
    {
        EventKind.ENTER,
        EventKind.CONNECT,
        EventKind.RING_NO_ANSWER,
        EventKind.ABANDON,
        EventKind.EXIT_TIMEOUT,
        EventKind.EXIT_EMPTY,
        EventKind.EXIT_KEY,
        EventKind.LEAVE,
        EventKind.COMPLETE,
        EventKind.TRANSFER,
        EventKind.DIVERT,
        EventKind.CALLBACK_REQUEST,
    }
)


class CallOutcome(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ANSWERED = "answered", _("Answered")
    ABANDONED = "abandoned", _("Abandoned")
    TIMEOUT = "timeout", _("Timed out")
    EXIT_EMPTY = "exit_empty", _("No agents logged in")
    EXIT_KEY = "exit_key", _("Left by key press")
    DIVERTED = "diverted", _("Diverted")
    CALLBACK_REQUESTED = "callback_requested", _("Callback requested")


# Calls the caller did not get through on: the console's list of calls to ring back.
MISSED_OUTCOMES = frozenset(
    {
        CallOutcome.ABANDONED,
        CallOutcome.TIMEOUT,
        CallOutcome.EXIT_EMPTY,
        CallOutcome.EXIT_KEY,
        CallOutcome.CALLBACK_REQUESTED,
    }
)


class TransferKind(models.TextChoices):
    BLIND = "blind", _("Blind")
    ATTENDED = "attended", _("Announced")


class AgentStatus(models.TextChoices):
    LOGGED_OUT = "logged_out", _("Logged out")
    READY = "ready", _("Ready")
    PAUSED = "paused", _("Paused")
    BUSY = "busy", _("Busy")
    WRAP_UP = "wrap_up", _("Wrap-up")


class UnknownKind(models.TextChoices):
    QUEUE = "queue", _("Queue")
    AGENT = "agent", _("Agent")


class TransferStatus(models.TextChoices):
    RINGING = "ringing", _("Ringing")
    ANSWERED = "answered", _("Answered")
    RECALLED = "recalled", _("Back with the operator")
