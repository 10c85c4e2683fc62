"""A schemathesis check for the run with a second organisation's key (SCHEMATHESIS_HOOKS).

No response may carry a reference of a case that key's organisation may not read; the
references are given in KC_FOREIGN_REFERENCES (comma-separated).
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis


@schemathesis.check
def reads_no_foreign_case(ctx: Any, response: Any, case: Any) -> None:
    foreign = [ref for ref in os.environ.get("KC_FOREIGN_REFERENCES", "").split(",") if ref]
    text = response.text or ""
    leaked = [reference for reference in foreign if reference in text]
    if leaked:
        raise AssertionError(f"the response shows another organisation's cases: {leaked}")
