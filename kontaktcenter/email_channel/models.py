"""Functional mailboxes read over IMAP, the mail taken in, and the mail sent to residents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.email_channel.choices import InboundOutcome, OutgoingKind, OutgoingStatus

__all__ = [
    "CaseCorrespondence",
    "InboundMail",
    "InboundOutcome",
    "Mailbox",
    "OutgoingKind",
    "OutgoingMail",
    "OutgoingStatus",
]


class Mailbox(models.Model):
    """An organisation's functional mailbox (e.g. trafik@stockholm.se), read over IMAP."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mailboxes",
    )
    address = models.EmailField(_("address"), unique=True)
    # New mail becomes a case of this category until an agent recategorises it.
    category = models.ForeignKey(
        "routing.Category", verbose_name=_("category of new mail"), on_delete=models.PROTECT
    )
    host = models.CharField(_("IMAP server"), max_length=200)
    port = models.PositiveIntegerField(_("port"), default=993)
    use_tls = models.BooleanField(_("TLS"), default=True)
    username = models.CharField(_("user name"), max_length=200)
    password = models.CharField(_("password"), max_length=200)
    folder = models.CharField(_("folder read"), max_length=200, default="INBOX")
    # Taken-in mail moves here once it is safely recorded; the server keeps it for the registry.
    done_folder = models.CharField(_("folder for taken-in mail"), max_length=200, default="Done")
    # Mail that failed too often waits here for a person; nothing is deleted.
    retry_folder = models.CharField(_("folder for failed mail"), max_length=200, default="Retry")
    language = models.CharField(_("language of replies"), max_length=5, default="sv")
    is_active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(_("last read at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self) -> str:
        return self.address


class InboundMail(models.Model):
    """One mail taken in. The unique Message-ID makes a mail fetched twice one case."""

    mailbox = models.ForeignKey(
        Mailbox, verbose_name=_("mailbox"), on_delete=models.PROTECT, related_name="mails"
    )
    message_id = models.CharField(_("Message-ID"), max_length=500, unique=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_mails",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=InboundOutcome.choices)
    ignored_because = models.CharField(_("ignored because"), max_length=100, blank=True)
    received_at = models.DateTimeField(_("received at"))
    taken_in_at = models.DateTimeField(_("taken in at"))
    # The whole text as received (a case keeps at most a contact's length of it).
    text = models.TextField(_("text"), blank=True)
    # The mail's HTML after nh3: safe to show to staff.
    html = models.TextField(_("HTML (sanitised)"), blank=True)
    # Attachments over the limits are not kept; their names are, for the officer.
    attachments_refused = models.TextField(_("attachments not kept"), blank=True)

    class Meta:
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")
        indexes = [models.Index(fields=["mailbox", "-taken_in_at"])]

    def __str__(self) -> str:
        return self.message_id


class CaseCorrespondence(models.Model):
    """How a resident wrote in: the channel to answer on and the language to answer in."""

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="correspondence",
    )
    channel = models.CharField(_("channel"), max_length=10)
    language = models.CharField(_("language"), max_length=5)
    mailbox = models.ForeignKey(
        Mailbox, verbose_name=_("mailbox"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("correspondence")
        verbose_name_plural = _("correspondences")

    def __str__(self) -> str:
        return f"{self.case_id} {self.channel} {self.language}"


class OutgoingMail(models.Model):
    """A mail to a resident, written in the transaction of the change it tells about and sent
    by the worker afterwards: a mail server that is down delays it, never loses it."""

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="outgoing_mails",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutgoingKind.choices)
    # Unique: the event it tells about, or the receipt of the case; the same on every retry.
    key = models.CharField(_("key"), max_length=80, unique=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    in_reply_to = models.CharField(_("in reply to"), max_length=500, blank=True)
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=5)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutgoingStatus.choices, default=OutgoingStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    leased_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    leased_by = models.CharField(_("leased by"), max_length=80, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail to a resident")
        verbose_name_plural = _("e-mails to residents")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="email_outgoing_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.case_id}"
