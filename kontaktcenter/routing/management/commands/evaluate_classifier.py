"""`kontaktcenter evaluate_classifier`: the classifier's figures on the shipped messages."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kontaktcenter.routing.classifier.dataset import shipped_messages
from kontaktcenter.routing.classifier.evaluation import evaluate, format_report
from kontaktcenter.routing.selectors import category_destinations


class Command(BaseCommand):
    help = (
        "Train on the older shipped messages and print accuracy, macro-F1, top-3 accuracy, "
        "the share sent to the right organisation, per-category scores and accuracy against "
        "coverage on the newest ones, next to the majority-class baseline."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--held-out",
            type=float,
            default=0.25,
            help="share of the newest messages to test on (default 0.25)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        held_out = options["held_out"]
        if not 0 < held_out < 1:
            self.stderr.write("--held-out must be between 0 and 1")
            raise SystemExit(2)
        report = evaluate(
            shipped_messages(), destination=category_destinations(), held_out=held_out
        )
        self.stdout.write(format_report(report))
        if report.model.organisation is None:
            self.stdout.write(
                "\nNo categories in the database: the right-organisation share needs them "
                "(load the demo with `kontaktcenter demo --no-serve`)."
            )
