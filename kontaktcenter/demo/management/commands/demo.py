"""`kontaktcenter demo`: migrate, load the Stockholm demo if missing, print logins, serve.

Serving, it also runs what the demo's deliveries need beside the web server: a `kontaktcenter
worker` and the example webhook receiver (`kontaktcenter forwarding receiver` on port 8025,
which logs every delivery it takes in); and for the phones a live call simulator speaking AMI
on port 5039 with the `kontaktcenter telephony ami` listener beside it. It stops them all when
the server stops.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from kontaktcenter.demo.eservice import MAILBOX_ADDRESS, start_demo_mailbox
from kontaktcenter.demo.forwarding import DEMO_WEBHOOK_SECRET, RECEIVER_PORT
from kontaktcenter.demo.routing import train_classifier
from kontaktcenter.demo.services import (
    DEFAULT_CONTACTS_PER_DAY,
    DEFAULT_HISTORY_DAYS,
    DEMO_PASSWORD,
    demo_load,
    demo_logins,
)
from kontaktcenter.demo.telephony import AMI_PORT, AMI_SECRET, AMI_USERNAME
from kontaktcenter.email_channel.devserver import DovecotError, start_dovecot, stop_dovecot


class Command(BaseCommand):
    help = "Load the Stockholm demo data if it is missing, print the demo logins and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Only load the demo data.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_HISTORY_DAYS,
            help="Days of generated contact history (default %(default)s).",
        )
        parser.add_argument(
            "--contacts-per-day",
            type=float,
            default=DEFAULT_CONTACTS_PER_DAY,
            help="Average contacts per day in the history (default %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        demo_load(
            history_days=options["days"],
            contacts_per_day=options["contacts_per_day"],
            stdout=self.stdout,
        )
        logins = demo_logins()
        if logins:
            width = max(len(login.username) for login in logins)
            role_width = max(len(login.role) for login in logins)
            self.stdout.write("")
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})")
            )
            for login in logins:
                self.stdout.write(
                    f"  {login.username:<{width}}  {login.role:<{role_width}}  {login.organisation}"
                )
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write("")
        self.stdout.write(f"Open {url} and log in with one of the accounts above.")
        if not options["no_serve"]:
            self.stdout.write("Training the category classifier …")
            train_classifier()
            self.stdout.write(
                f"Deliveries: a worker sends them; Trafikkontoret's webhook reaches the example "
                f"receiver on 127.0.0.1:{RECEIVER_PORT}, mail lands in {settings.EMAIL_FILE_PATH}."
            )
            self.stdout.write(
                f"Phones: a simulated PBX speaks AMI on 127.0.0.1:{AMI_PORT}; its calls move "
                f"the wallboard ({url}vaggtavla/) and the switchboard console ({url}vaxel/)."
            )
            self.stdout.write(
                f"Residents: the e-service is at {url}e-tjanst/ (also linked from the desk)."
            )
            with _beside_the_server(self.stdout.write):
                call_command("serve", host=options["host"], port=options["port"])


@contextmanager
def _beside_the_server(say: Any) -> Iterator[None]:
    command = [sys.executable, "-m", "kontaktcenter.cli"]
    # The e-mail channel needs an IMAP server: a local dovecot when Debian's is installed.
    dovecot = None
    try:
        dovecot = start_dovecot()
        start_demo_mailbox(dovecot[0])
        say(
            f"E-mail: {MAILBOX_ADDRESS} is read from a local dovecot on 127.0.0.1:"
            f"{dovecot[0].port}; its two new mails are taken in by the worker."
        )
    except DovecotError as error:
        say(f"E-mail: no demo mailbox ({error}); install dovecot-imapd to see mail taken in.")
    store = settings.DATA_DIR / "example-receiver.sqlite3"
    receiver = [
        *command,
        "forwarding",
        "receiver",
        "--port",
        str(RECEIVER_PORT),
        "--secret",
        DEMO_WEBHOOK_SECRET,
        "--store",
        str(store),
    ]
    ami = ["--port", str(AMI_PORT), "--username", AMI_USERNAME, "--secret", AMI_SECRET]
    # A simulated PBX speaking AMI in real time, and the listener that takes its events in,
    # so the wallboard and the switchboard console move.
    simulator = [*command, "telephony", "simulate", "--live", "--ami-port", *ami[1:]]
    processes = [
        subprocess.Popen(receiver),  # noqa: S603 - our own commands
        subprocess.Popen(  # noqa: S603
            [*command, "worker"],
            env={**os.environ, "KONTAKTCENTER_EMAIL_POLL_SECONDS": "5"},
        ),
        subprocess.Popen(simulator),  # noqa: S603
        subprocess.Popen([*command, "telephony", "ami", *ami]),  # noqa: S603
    ]
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if dovecot is not None:
            stop_dovecot(*dovecot)
