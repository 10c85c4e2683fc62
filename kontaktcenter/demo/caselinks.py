"""Issue 7 in the demo: attachments, related cases and the access log, as a short story.

Three residents report the same dark lamp on Rinkebysvängen; the second report is merged into
the first and the third is still open, so registering a fourth in the desk ("Gatubelysning",
"Rinkebysvängen 12") shows the duplicate check. The lamp case is a child of Trafikkontoret's
review of the lighting in Rinkeby centrum. Järva's case officer attaches a certificate to a
confidential case and downloads it, and Järva's auditor (granskare.jarva) finds those reads in
the access log.
"""

from __future__ import annotations

import struct
import zlib
from datetime import datetime, timedelta

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.core.clock import simulated
from kontaktcenter.routing.models import Category

LAMP_CATEGORY = "gata-trafik-gatubelysning"
CONFIDENTIAL_CATEGORY = "socialtjanst-ekonomiskt-bistand"


def lamp_photo(width: int = 48, height: int = 64) -> bytes:
    """A small PNG of a lamp post against a night sky, made here so the demo ships no files."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            pole = width // 2 - 2 <= x <= width // 2 + 1 and y > 14
            head = width // 2 - 8 <= x <= width // 2 + 8 and 10 <= y <= 14
            colour = (90, 90, 96) if pole or head else (12, 18, 48)
            row += bytes(colour)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def one_page_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text (Latin-1, the standard fonts' encoding)."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 760 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def tell_related_cases(*, cutoff: datetime) -> None:
    """Act the story out, a few days before the demo's "now" (`cutoff`)."""
    agent = _user("agent1")
    officer = _user("handlaggare.trafik")
    lamps = Category.objects.get(code=LAMP_CATEGORY)
    start = cutoff - timedelta(days=3)

    def report(at: datetime, subject: str, location: str, name: str, phone: str) -> Case:
        with simulated(at):
            return services.case_create(
                actor=agent,
                channel=Channel.PHONE,
                category=lamps,
                subject=subject,
                description="Lampan i stolpen utanför porten är släckt sedan i helgen.",
                location=location,
                resident_name=name,
                resident_phone=phone,
            )

    review = report(
        start - timedelta(days=1),
        "Översyn av belysningen i Rinkeby centrum",
        "Rinkebytorget",
        "",
        "",
    )
    first = report(
        start, "Trasig gatlampa", "Rinkebysvängen 12", "Leyla Hassan", "+46 70 174 06 12"
    )
    second = report(
        start + timedelta(hours=5),
        "Gatlampan är släckt",
        "Rinkebysvängen 14",
        "Jonas Berg",
        "+46 70 174 06 14",
    )
    report(
        start + timedelta(days=1),
        "Mörkt vid busshållplatsen, lampan trasig",
        "Rinkebysvängen 20",
        "Sofia Alm",
        "",
    )
    with simulated(start + timedelta(days=1, hours=2)):
        services.attachment_add(
            actor=agent, case=first, filename="lampan-rinkebysvangen.png", content=lamp_photo()
        )
        services.case_merge(actor=officer, case=second, into=first)
        services.case_set_parent(actor=officer, case=first, parent=review)
    _confidential_reads(cutoff)


def _confidential_reads(cutoff: datetime) -> None:
    """Järva's case officer attaches and downloads a certificate: reads the auditor can find."""
    officer = _user("handlaggare.jarva")
    at = cutoff - timedelta(days=1)
    with simulated(at - timedelta(hours=3)):
        # The agent registers what routing needs; the district's officer takes it from there.
        case = services.case_create(
            actor=_user("agent1"),
            channel=Channel.PHONE,
            category=Category.objects.get(code=CONFIDENTIAL_CATEGORY),
            subject="Fråga om ekonomiskt bistånd",
            district=officer.organisation,
            resident_name="Amal Warsame",
            resident_phone="+46 70 174 06 31",
        )
    with simulated(at):
        attachment = services.attachment_add(
            actor=officer,
            case=case,
            filename="Intyg från arbetsförmedlingen.pdf",
            content=one_page_pdf("Intyg: inskriven vid Arbetsförmedlingen sedan 2026-01-12."),
        )
    with simulated(at + timedelta(minutes=5)):
        services.record_reads(
            actor=officer, cases=[case], purpose=AccessPurpose.PAGE, request_id="demo-page-1"
        )
    for later, request in (
        (timedelta(minutes=10), "demo-download-1"),
        (timedelta(hours=4), "demo-download-2"),
    ):
        with simulated(at + later):
            services.attachment_open(
                actor=officer, attachment=attachment, request_id=request
            ).close()
