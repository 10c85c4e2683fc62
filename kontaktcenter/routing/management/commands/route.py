"""`kontaktcenter route`: where a matter would go, for scripts (the output shape is fixed).

kontaktcenter route --text "..." [--address "..."] [--channel phone|email|web|visit|letter] --json
kontaktcenter route --jsonl FILE --json     one JSON object out per line in, in order
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kontaktcenter.routing.decisions import Routed, active_rules, route_matter

CHANNELS = ("phone", "email", "web", "visit", "letter")


class Command(BaseCommand):
    help = "Suggest the category of a text and show where it would be routed, and why."

    def add_arguments(self, parser: Any) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--text", help="the resident's words")
        source.add_argument(
            "--jsonl",
            help="a file (or - for standard input) with one object per line: "
            '{"text": ..., "address": ..., "channel": ...}',
        )
        parser.add_argument("--address", default="", help="the resident's or the place's address")
        parser.add_argument("--channel", default="", choices=CHANNELS)
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        rules = active_rules()
        if options["text"] is not None:
            routed = route_matter(
                text=options["text"],
                address=options["address"],
                channel=options["channel"],
                rules=rules,
            )
            self._print(routed.as_json(), options["json"])
            return
        path = options["jsonl"]
        try:
            lines = (
                sys.stdin.read().splitlines()
                if path == "-"
                else Path(path).read_text(encoding="utf-8").splitlines()
            )
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            self._print(self._one(line, number, rules), options["json"])

    @staticmethod
    def _one(line: str, number: int, rules: list[Any]) -> dict[str, Any]:
        """One line's answer; a bad line gets an error object in its place, so the output
        stays line for line with the input."""
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            return {"error": {"code": "route.bad_json", "line": number, "message": str(error)}}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            return {
                "error": {
                    "code": "route.text_required",
                    "line": number,
                    "message": "each line needs a text",
                }
            }
        channel = item.get("channel") or ""
        if channel and channel not in CHANNELS:
            return {
                "error": {
                    "code": "route.unknown_channel",
                    "line": number,
                    "message": f"channel must be one of {', '.join(CHANNELS)}",
                }
            }
        address = item.get("address") or ""
        routed: Routed = route_matter(
            text=item["text"], address=str(address), channel=channel, rules=rules
        )
        return routed.as_json()

    def _print(self, data: dict[str, Any], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        if "error" in data:
            self.stdout.write(f"line {data['error']['line']}: {data['error']['message']}")
            return
        for suggestion in data["suggestions"]:
            self.stdout.write(f"  {suggestion['confidence']:.2f}  {suggestion['category']['name']}")
        organisation = data["organisation"]["name"] if data["organisation"] else "–"
        self.stdout.write(f"→ {organisation} ({data['tier']}): {data['reason']}")
