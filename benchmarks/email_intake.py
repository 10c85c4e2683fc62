"""E-mail intake benchmark: the time to take in 1 000 e-mails from a real IMAP server.

    python -m benchmarks.email_intake                       # 1 000 mails, SQLite and PostgreSQL
    python -m benchmarks.email_intake --mails 200 --databases sqlite

For each database, in a fresh database and against a local Debian dovecot (started here,
unprivileged, as in the tests), two mailboxes get the same N mails (each from its own resident,
with its own Message-ID; one in ten an HTML mail, one in ten an auto-reply). Measured side by
side in one run:
- the bare IMAP work: fetch every mail and move it to the done folder, nothing recorded;
- the intake (`email_channel.intake.read_mailbox`): the same IMAP work plus, per mail, the
  dedup check, parsing, nh3, the contact, the case with its routing and events, the receipt
  in the residents' outbox, all in one transaction per mail;
and the ratio of the two, which says what the recording costs over reading the mail at all.

The PostgreSQL database in --postgres-url is dropped and created again.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kc_eservice"


def _mail(number: int, *, sent_at: Any) -> bytes:
    message = EmailMessage()
    message["From"] = f"Invånare {number} <invanare{number}@example.se>"
    message["To"] = "trafik@stockholm.se"
    message["Subject"] = f"Gatlampa släckt vid Rinkebysvängen {number}"
    message["Message-ID"] = make_msgid(idstring=str(number), domain="example.se")
    message["Date"] = format_datetime(sent_at)
    text = f"Hej! Lampan vid Rinkebysvängen {number} har varit släckt i en vecka. Mvh"
    if number % 10 == 3:
        message.set_content(f"<p>{text}</p><script>alert(1)</script>", subtype="html")
    else:
        message.set_content(text)
    if number % 10 == 7:
        message["Auto-Submitted"] = "auto-replied"
    return message.as_bytes()


def measure(mails: int) -> dict[str, Any]:
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    from kontaktcenter.core.clock import now  # noqa: PLC0415
    from kontaktcenter.directory.models import Organisation, OrganisationKind  # noqa: PLC0415
    from kontaktcenter.email_channel import intake  # noqa: PLC0415
    from kontaktcenter.email_channel.devserver import (  # noqa: PLC0415
        PASSWORD,
        start_dovecot,
        stop_dovecot,
    )
    from kontaktcenter.email_channel.models import Mailbox  # noqa: PLC0415
    from kontaktcenter.routing.models import Category  # noqa: PLC0415

    Organisation.objects.create(
        name="Serviceförvaltningen", code="sf", kind=OrganisationKind.ADMINISTRATION,
        is_operator=True,
    )  # fmt: skip
    traffic = Organisation.objects.create(
        name="Trafikkontoret", code="trafik", kind=OrganisationKind.ADMINISTRATION
    )
    lighting = Category.objects.create(
        name="Gatubelysning", code="gatubelysning", responsible_organisation=traffic
    )
    server, process = start_dovecot()
    try:
        bare_user, intake_user = server.new_user(), server.new_user()
        sent_at = now()
        batch = [_mail(number, sent_at=sent_at) for number in range(mails)]
        for user in (bare_user, intake_user):
            server.deliver(user, *batch)

        imap = server.connect(bare_user)
        started = time.perf_counter()
        imap.create('"Done"')
        imap.select("INBOX")
        _status, data = imap.uid("SEARCH", "ALL")
        uids = data[0].split()
        for start in range(0, len(uids), intake.FETCH_BATCH):
            chunk = b",".join(uids[start : start + intake.FETCH_BATCH]).decode()
            imap.uid("FETCH", chunk, "(UID BODY.PEEK[])")
            imap.uid("MOVE", chunk, '"Done"')
        bare_seconds = time.perf_counter() - started
        imap.logout()

        mailbox = Mailbox.objects.create(
            organisation=traffic, address="trafik@stockholm.se", category=lighting,
            host="127.0.0.1", port=server.port, use_tls=False, username=intake_user,
            password=PASSWORD,
        )  # fmt: skip
        started = time.perf_counter()
        report = intake.read_mailbox(mailbox)
        intake_seconds = time.perf_counter() - started
        assert report.failed == 0, report.errors
        assert server.count(intake_user, "INBOX") == 0
    finally:
        stop_dovecot(server, process)
    return {
        "mails": mails,
        "new_cases": report.new_cases,
        "ignored": report.ignored,
        "bare_seconds": bare_seconds,
        "intake_seconds": intake_seconds,
    }


def _child(database: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kontaktcenter.settings",
        "KONTAKTCENTER_DATA_DIR": str(workdir / database),
        "KONTAKTCENTER_SECRET_KEY": os.environ.get("KONTAKTCENTER_SECRET_KEY")
        or secrets.token_urlsafe(40),
        "KONTAKTCENTER_CACHE": "locmem",
        "KONTAKTCENTER_LOG_LEVEL": "ERROR",
    }
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        from benchmarks.run import recreate_postgres_database  # noqa: PLC0415

        recreate_postgres_database(args.postgres_url)
        env["DATABASE_URL"] = args.postgres_url
    (workdir / database).mkdir(parents=True, exist_ok=True)
    output = subprocess.run(  # noqa: S603 - this very module
        [sys.executable, "-m", "benchmarks.email_intake", "--measure", "--mails", str(args.mails)],
        cwd=REPOSITORY,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_URL)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.stdout.write(json.dumps(measure(args.mails)) + "\n")
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="kc-bench-email-") as workdir:
        for database in args.databases.split(","):
            result = _child(database, args, Path(workdir))
            rows.append((database, result))
    sys.stdout.write(
        f"{'database':<10} {'mails':>6} {'cases':>6} {'ignored':>8} {'bare IMAP s':>12} "
        f"{'intake s':>9} {'mails/s':>8} {'intake/bare':>12}\n"
    )
    for database, result in rows:
        ratio = result["intake_seconds"] / result["bare_seconds"]
        rate = result["mails"] / result["intake_seconds"]
        sys.stdout.write(
            f"{database:<10} {result['mails']:>6} {result['new_cases']:>6} "
            f"{result['ignored']:>8} {result['bare_seconds']:>12.2f} "
            f"{result['intake_seconds']:>9.2f} {rate:>8.0f} {ratio:>11.1f}x\n"
        )


if __name__ == "__main__":
    main()
