"""The interface speaks Swedish by default and English on request; the catalogue stays complete.

The root conftest activates English for every test; a request through the test client gets its
language from LocaleMiddleware (Accept-Language header, cookie or LANGUAGE_CODE) instead. The
desk's `client` fixture sends "Accept-Language: en"; an explicit header on a request wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kontaktcenter.cases.models import CaseStatus, ContactOutcome

SWEDISH_CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "sv" / "LC_MESSAGES" / "django.po"

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")$')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@dataclass
class Entry:
    """One message of a .po file: its flags and its strings (msgid, msgstr, msgstr[0], ...)."""

    flags: set[str] = field(default_factory=set)
    strings: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.strings.get("msgid", "")

    @property
    def translations(self) -> list[str]:
        return [value for key, value in self.strings.items() if key.startswith("msgstr")]


def _unquote(quoted: str) -> str:
    body = quoted.strip()[1:-1]
    return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse_po(text: str) -> list[Entry]:
    """A minimal .po reader: enough to see what is translated, not a general parser."""
    entries: list[Entry] = []
    current = Entry()
    key: str | None = None

    def finish() -> None:
        nonlocal current
        if current.strings:
            entries.append(current)
        current = Entry()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):  # blank line or obsolete entry
            key = None
            continue
        if line.startswith("#"):
            if current.translations:  # a comment starts the next entry
                finish()
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            key = None
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, quoted = match.groups()
            # A header without a blank line after it runs straight into the next msgid.
            if keyword in {"msgctxt", "msgid"} and current.translations:
                finish()
            key = keyword
            current.strings[key] = _unquote(quoted)
        elif line.startswith('"') and key is not None:
            current.strings[key] += _unquote(line)
        else:
            raise AssertionError(f"Unexpected line in {SWEDISH_CATALOGUE.name}: {raw!r}")
    finish()
    return entries


@pytest.fixture(scope="module")
def swedish_messages() -> list[Entry]:
    entries = parse_po(SWEDISH_CATALOGUE.read_text(encoding="utf-8"))
    return [entry for entry in entries if entry.msgid]  # the header has an empty msgid


# --- the login page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_swedish_for_a_swedish_browser(client: Client) -> None:
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="sv")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in content
    assert "Logga in" in content
    assert "Hoppa till innehållet" in content
    assert "Log in" not in content


@pytest.mark.django_db
def test_login_page_is_english_for_an_english_browser(client: Client) -> None:
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert "Log in" in content
    assert "Logga in" not in content


@pytest.mark.django_db
def test_swedish_is_the_default_language() -> None:
    """A browser that states no language gets Swedish (the desk's `client` asks for English)."""
    response = Client().get(reverse("accounts:login"))

    assert "Logga in" in response.content.decode()


def test_login_url_is_the_swedish_path() -> None:
    assert reverse("accounts:login") == "/konto/logga-in/"


def test_model_labels_are_translated() -> None:
    with translation.override("sv"):
        assert str(CaseStatus.CLOSED.label) == "Avslutat"
        assert str(ContactOutcome.REFERRED.label) == "Hänvisad"
        assert str(ContactOutcome.TRANSFERRED.label) == "Kopplad vidare"


# --- the catalogue ----------------------------------------------------------------------------


def test_catalogue_is_read(swedish_messages: list[Entry]) -> None:
    """Guards the reader itself: a broken parser must not make the checks below pass."""
    by_msgid = {entry.msgid: entry for entry in swedish_messages}
    assert len(swedish_messages) > 100
    assert by_msgid["Log in"].translations == ["Logga in"]
    assert by_msgid["Case officer"].translations == ["Handläggare"]


def test_every_message_is_translated(swedish_messages: list[Entry]) -> None:
    untranslated = [
        entry.msgid for entry in swedish_messages if not all(entry.translations or [""])
    ]
    assert untranslated == [], "Translate these in kontaktcenter/locale/sv/LC_MESSAGES/django.po"


def test_no_message_is_fuzzy(swedish_messages: list[Entry]) -> None:
    fuzzy = [entry.msgid for entry in swedish_messages if "fuzzy" in entry.flags]
    assert fuzzy == [], "Check these translations and remove their fuzzy flag"


def test_translations_keep_their_placeholders(swedish_messages: list[Entry]) -> None:
    """The singular form keeps the msgid's placeholders; plural forms keep msgid_plural's
    (which may add the count the singular leaves out)."""
    broken = []
    for entry in swedish_messages:
        if "python-format" not in entry.flags:
            continue
        for key, translated in entry.strings.items():
            if not key.startswith("msgstr"):
                continue
            plural_form = key not in {"msgstr", "msgstr[0]"}
            source = entry.strings.get("msgid_plural", entry.msgid) if plural_form else entry.msgid
            if set(_PLACEHOLDER.findall(translated)) != set(_PLACEHOLDER.findall(source)):
                broken.append(f"{key}: {entry.msgid}")
    assert broken == []
