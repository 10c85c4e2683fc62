"""Serve the application with waitress, a production WSGI server that needs no C compiler."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from waitress import serve

from kontaktcenter.wsgi import application


class Command(BaseCommand):
    help = "Serve Kontaktcenter over HTTP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        proxy: dict[str, Any] = {}
        if settings.BEHIND_TLS_PROXY:
            # waitress drops X-Forwarded-* headers unless they come from a trusted peer; without
            # this, Django would never see HTTPS and redirect every request to itself.
            proxy = {
                "trusted_proxy": settings.TRUSTED_PROXY,
                "trusted_proxy_headers": "x-forwarded-proto",
            }
            self.stdout.write(f"Trusting X-Forwarded-Proto from {settings.TRUSTED_PROXY}")
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/")
        serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            **proxy,
        )
