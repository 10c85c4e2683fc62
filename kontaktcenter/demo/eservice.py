"""The demo's written inquiries: residents who used the e-service and Trafikkontoret's
functional mailbox, answered, closed and rated, through the real services (S1, S16).

`kontaktcenter demo` also starts a local dovecot when Debian's dovecot-imapd is installed
(`start_demo_mailbox`): the mailbox trafik@stockholm.se then holds two new resident mails that
the worker takes in within seconds of the server starting.
"""

from __future__ import annotations

from datetime import timedelta

from kontaktcenter.accounts.actors import EMAIL_READER, ResidentActor
from kontaktcenter.accounts.models import Role, User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.core import clock
from kontaktcenter.directory.models import Organisation
from kontaktcenter.email_channel.devserver import PASSWORD, Dovecot
from kontaktcenter.email_channel.models import Mailbox
from kontaktcenter.routing.models import Category

MAILBOX_ADDRESS = "trafik@stockholm.se"

# Each inquiry: its channel and language, subject and words, the resident's name and address,
# the officer's answer and resolution (empty when not yet given) and the rating (0 for none).
_INQUIRIES = [
    (Channel.WEB, "sv", "Gatlampan på Rinkebysvängen 12 är släckt",
     "Det är helt mörkt på gångvägen mot tunnelbanan på kvällarna sedan tre veckor.",
     "Amina Yusuf", "amina.yusuf@example.se",
     "Tack! Vi har beställt byte av armaturen; den lagas senast på fredag.",
     "Armaturen bytt av entreprenören.", 5),
    (Channel.WEB, "en", "Street light flickering at Fleminggatan 4",
     "The street light outside our door has been flickering for a week.",
     "John Miller", "john.miller@example.com",
     "Thank you, our contractor will look at it this week.", "", 0),
    (Channel.EMAIL, "sv", "Belysningen släckt i Vasaparken",
     "Hej! Halva Vasaparken är mörk på kvällarna. Mvh Karin",
     "Karin Lund", "karin.lund@example.se",
     "Hej Karin, felet låg i en kabel som nu är lagad.", "Kabelfel åtgärdat.", 3),
    (Channel.EMAIL, "sv", "Lampa blinkar vid Hornsgatan 70",
     "Lampan vid övergångsstället blinkar hela tiden.", "", "b.nilsson@example.se", "", "", 0),
    (Channel.WEB, "sv", "Mörkt i gångtunneln vid Tensta centrum",
     "Två lampor i gångtunneln är trasiga, det känns otryggt.", "", "", "", "", 0),
]  # fmt: skip


def create_written_inquiries(organisations: dict[str, Organisation]) -> list[Case]:
    """Five written inquiries over the last days, in every state the tracking page shows."""
    traffic = organisations["trafikkontoret"]
    lighting = Category.objects.get(code="gata-trafik-gatubelysning")
    officer = (
        User.objects.filter(username="handlaggare.trafik").first()
        or User.objects.filter(organisation=traffic, role=Role.CASE_OFFICER).first()
    )
    start = clock.now() - timedelta(days=len(_INQUIRIES))
    cases = []
    for day, inquiry in enumerate(_INQUIRIES):
        channel, language, subject, words, name, email, answer, resolution, rating = inquiry
        at = start + timedelta(days=day, hours=9 + day)
        with clock.simulated(at):
            case = services.written_inquiry_register(
                actor=EMAIL_READER if channel == Channel.EMAIL else ResidentActor(),
                channel=channel,
                category=lighting,
                subject=subject,
                description=words,
                language=language,
                resident_name=name,
                resident_email=email,
            )
        if officer is not None and answer:
            with clock.simulated(at + timedelta(hours=5)):
                case = services.case_reply(actor=officer, case=case, text=answer)
        if officer is not None and resolution:
            with clock.simulated(at + timedelta(hours=20)):
                case = services.case_close(actor=officer, case=case, resolution=resolution)
            if rating:
                with clock.simulated(at + timedelta(hours=22)):
                    services.satisfaction_answer(
                        actor=ResidentActor(case.pk), case=case, score=rating
                    )
        cases.append(case)
    return cases


def start_demo_mailbox(server: Dovecot) -> Mailbox:
    """Point Trafikkontoret's mailbox at the local server and put two resident mails in it."""
    traffic = Organisation.objects.get(code="trafikkontoret")
    lighting = Category.objects.get(code="gata-trafik-gatubelysning")
    user = server.new_user()
    mailbox, _created = Mailbox.objects.update_or_create(
        address=MAILBOX_ADDRESS,
        defaults={
            "organisation": traffic,
            "category": lighting,
            "host": "127.0.0.1",
            "port": server.port,
            "use_tls": False,
            "username": user,
            "password": PASSWORD,
            "is_active": True,
        },
    )
    server.deliver(
        user,
        _demo_mail(
            "Trasig gatlampa på Sveavägen 44",
            "Hej!\n\nLampan utanför Sveavägen 44 har varit släckt i en vecka.\n\nMvh\nLena Berg",
            "Lena Berg <lena.berg@example.se>",
        ),
        _demo_mail(
            "Automatiskt svar: Frånvarande",
            "Jag är på semester till och med 20 juli.",
            "Per Holm <per.holm@example.se>",
            auto=True,
        ),
    )
    return mailbox


def _demo_mail(subject: str, body: str, sender: str, *, auto: bool = False) -> bytes:
    from email.message import EmailMessage  # noqa: PLC0415
    from email.utils import format_datetime, make_msgid  # noqa: PLC0415

    message = EmailMessage()
    message["From"] = sender
    message["To"] = MAILBOX_ADDRESS
    message["Subject"] = subject
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = make_msgid(domain="example.se")
    if auto:
        message["Auto-Submitted"] = "auto-replied"
    message.set_content(body)
    return message.as_bytes()
