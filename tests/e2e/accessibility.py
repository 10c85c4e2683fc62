"""axe-core (from npm, installed by ./dev) run on a page as it is, for WCAG 2.1 A and AA.

The resident's page has JavaScript switched off, and axe needs it (its checks wait on timers,
which never fire there). So each state is checked in a second page with JavaScript on, given
the very HTML the resident's page shows and its address as the base, so that the style sheet
and every relative link resolve as they do for the resident. The public pages have no scripts
of their own, so the copy is the page the resident sees.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed; run ./dev test, which runs npm ci.")
    return AXE.read_text()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every violation axe finds on `page` (JavaScript on), with rule ids and elements."""
    result: dict[str, Any] = page.evaluate(
        """async ([source, tags]) => {
            if (!window.axe) { (0, eval)(source); }
            return await window.axe.run(document, {runOnly: {type: 'tag', values: tags}});
        }""",
        [_axe_source(), WCAG_AA],
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["html"] for node in violation["nodes"]],
        }
        for violation in result["violations"]
    ]


def _with_base(html: str, url: str) -> str:
    base = f'<base href="{url}">'
    return re.sub(r"<head(\s[^>]*)?>", lambda match: match.group(0) + base, html, count=1)


class AccessibilityLog:
    """Checks page states in `checker` (JavaScript on) and keeps their names for the count."""

    def __init__(self, checker: Page) -> None:
        self.checker = checker
        self.checked: list[str] = []

    def check(self, page: Page, state: str) -> None:
        self.checker.set_content(_with_base(page.content(), page.url), wait_until="load")
        violations = axe_violations(self.checker)
        assert not violations, f"{state}: {violations}"
        self.checked.append(state)
