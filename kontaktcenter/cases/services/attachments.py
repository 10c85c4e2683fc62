"""Files on a case: checked, stored outside the web root and read back only through here.

Any channel adds a file the same way: the desk's upload, the e-mail reader with a message's parts
and the e-service with the resident's files call `attachment_add` with the bytes and the name the
sender gave. The type is sniffed from the content (libmagic), never believed from the name or the
sender's word, and must be one of ATTACHMENT_TYPES; the stored file gets a random name, so
nothing a sender chose reaches the file system.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import secrets
import unicodedata
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import magic
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from kontaktcenter.accounts.actors import Actor, actor_kind, actor_label, staff_user
from kontaktcenter.cases import errors, events
from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.cases.models import Attachment, Case, CaseAccess
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.services._common import lock_case, touch
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound, ValidationError

MAX_NAME_LENGTH = 150
DEFAULT_NAME = "bilaga"
# Characters Windows, macOS or a shell treat specially, and path separators.
_UNSAFE = set('<>:"/\\|?*;$`')
# Extensions libmagic's types are best known by, where mimetypes' first guess is odd.
_PREFERRED_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
    "image/tiff": ".tif",
    "message/rfc822": ".eml",
    "image/heic": ".heic",
}


def attachments_root() -> Path:
    return Path(settings.ATTACHMENTS_DIR)


def safe_file_name(name: str, content_type: str) -> str:
    """The sender's file name made safe to show and to offer as a download name.

    Only the last path component is kept; control characters and characters that file systems
    or shells treat specially are dropped; leading dots go (no hidden files); the length is
    capped with the extension kept; and the extension must fit the sniffed type, else the
    type's own is added ("kvitto.exe" holding a PDF becomes "kvitto.exe.pdf").
    """
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(
        " " if character.isspace() else character
        for character in base
        if character not in _UNSAFE and unicodedata.category(character)[0] != "C"
    )
    cleaned = " ".join(kept.split()).lstrip(". ").rstrip(". ") or DEFAULT_NAME
    stem, dot, extension = cleaned.rpartition(".")
    if not dot:
        stem, extension = cleaned, ""
    suffix = f".{extension}".lower() if extension else ""
    if suffix not in _extensions_of(content_type):
        expected = _PREFERRED_EXTENSIONS.get(content_type) or mimetypes.guess_extension(
            content_type, strict=False
        )
        if expected:
            stem, extension = cleaned, expected.lstrip(".")
    extension_part = f".{extension}" if extension else ""
    room = MAX_NAME_LENGTH - len(extension_part)
    return f"{stem[:room].rstrip()}{extension_part}"


def _extensions_of(content_type: str) -> set[str]:
    known = set(mimetypes.guess_all_extensions(content_type, strict=False))
    if preferred := _PREFERRED_EXTENSIONS.get(content_type):
        known.add(preferred)
    if content_type == "image/jpeg":
        known |= {".jpg", ".jpeg", ".jpe"}
    if content_type == "text/plain":
        # Plain text arrives under many names: logs, exported lists, notes.
        known |= {".txt", ".text", ".log", ".csv", ".md"}
    return known


def sniff_type(content: bytes) -> str:
    """The MIME type of the content by its bytes, as libmagic reads them."""
    detected: str = magic.from_buffer(content, mime=True)
    return detected


def _store(content: bytes) -> str:
    """Write the bytes under a random name and return it, relative to the root. The file is
    written beside its final name and renamed, so a crash never leaves half a file in place."""
    storage_name = f"{now():%Y/%m}/{secrets.token_hex(16)}"
    path = attachments_root() / storage_name
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    partial = path.with_name(path.name + ".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    partial.replace(path)
    return storage_name


def stored_path(attachment: Attachment) -> Path:
    root = attachments_root().resolve()
    path = (root / attachment.storage_name).resolve()
    # The name is ours, but a changed row must never point outside the storage.
    if root not in path.parents:
        raise NotFound(errors.ATTACHMENT_FILE_MISSING)
    return path


def attachment_check_size(*, filename: str, size: int) -> None:
    """Refuse an empty or too large file by its size alone, before its bytes are read (an
    upload's size is known before it is read into memory)."""
    name = filename.strip() or DEFAULT_NAME
    if size == 0:
        raise ValidationError(errors.ATTACHMENT_EMPTY, field="file", name=name)
    max_bytes = int(settings.ATTACHMENT_MAX_BYTES)
    if size > max_bytes:
        raise ValidationError(
            errors.ATTACHMENT_TOO_LARGE, field="file", name=name, max=max_bytes // (1024 * 1024)
        )


def check_attachment(*, filename: str, content: bytes, declared_type: str = "") -> str:
    """The sniffed type if the file may be attached; raises the coded refusal otherwise.
    Interfaces may call it before they open a transaction (the e-mail reader checks each part)."""
    del declared_type  # Recorded by attachment_add; the decision rests on the content alone.
    name = filename.strip() or DEFAULT_NAME
    attachment_check_size(filename=name, size=len(content))
    content_type = sniff_type(content)
    if content_type not in settings.ATTACHMENT_TYPES:
        raise ValidationError(
            errors.ATTACHMENT_TYPE_NOT_ALLOWED, field="file", name=name, type=content_type
        )
    return content_type


def attachment_add(
    *, actor: Actor, case: Case, filename: str, content: bytes, declared_type: str = ""
) -> Attachment:
    """Attach a file to the case and record it in the case's history.

    `declared_type` is what the sender said the file is (an e-mail part's Content-Type); it is
    kept in the event when it differs from the sniffed type, never used to decide.
    """
    content_type = check_attachment(filename=filename, content=content)
    storage_name = _store(content)
    try:
        return _record(
            actor=actor,
            case=case,
            filename=filename,
            content=content,
            content_type=content_type,
            declared_type=declared_type.strip().lower(),
            storage_name=storage_name,
        )
    except BaseException:
        # Nothing points at the file: remove it so a refused request leaves nothing behind.
        with suppress(OSError):
            (attachments_root() / storage_name).unlink()
        raise


@transaction.atomic
def _record(
    *,
    actor: Actor,
    case: Case,
    filename: str,
    content: bytes,
    content_type: str,
    declared_type: str,
    storage_name: str,
) -> Attachment:
    case = lock_case(case, actor, CaseAction.ADD_ATTACHMENT, errors.ATTACHMENT_NOT_ALLOWED)
    at = now()
    attachment = Attachment.objects.create(
        case=case,
        added_to=case,
        file_name=safe_file_name(filename, content_type),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_name=storage_name,
        added_by_kind=actor_kind(actor),
        added_by_label=actor_label(actor),
        added_by=staff_user(actor),
        added_at=at,
    )
    event = events.attachment_added(
        case,
        actor=actor,
        at=at,
        attachment_id=attachment.pk,
        name=attachment.file_name,
        size=attachment.size,
        content_type=content_type,
    )
    if declared_type and declared_type != content_type:
        event.data["declared_type"] = declared_type
        event.save(update_fields=["data"])
    touch(case, at)
    return attachment


def remove_attachments(attachments: QuerySet[Attachment], *, at: datetime) -> int:
    """Erasure: delete the files and forget their names; the rows stay (type, size, who and
    when), so the history keeps its shape. The files go when the transaction commits, so a
    rolled-back erasure loses nothing."""
    removing = list(attachments.filter(removed_at__isnull=True))
    paths = [stored_path(attachment) for attachment in removing]
    Attachment.objects.filter(pk__in=[attachment.pk for attachment in removing]).update(
        removed_at=at, file_name=""
    )

    def delete_files() -> None:
        for path in paths:
            with suppress(FileNotFoundError):
                path.unlink()

    transaction.on_commit(delete_files)
    return len(removing)


def attachment_open(*, actor: Actor, attachment: Attachment, request_id: str) -> BinaryIO:
    """Open the attachment's file for a download the actor may make (the caller found it through
    `selectors.attachment_get`). A download from a confidential case is written to the access
    log first, in its own transaction, so no file leaves unrecorded (S10)."""
    if attachment.removed_at is not None:
        raise NotFound(errors.ATTACHMENT_NOT_FOUND)
    path = stored_path(attachment)
    try:
        file = path.open("rb")
    except FileNotFoundError:
        raise NotFound(errors.ATTACHMENT_FILE_MISSING) from None
    case = attachment.case
    if case.is_confidential:
        try:
            with transaction.atomic():
                CaseAccess.objects.create(
                    case=case,
                    actor_kind=actor_kind(actor),
                    actor_label=actor_label(actor),
                    actor=staff_user(actor),
                    purpose=AccessPurpose.DOWNLOAD,
                    attachment=attachment,
                    accessed_at=now(),
                    # Unique per case and request; one download is one request.
                    request_id=request_id,
                )
        except BaseException:
            file.close()
            raise
    return file
