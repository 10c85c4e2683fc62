"""The evaluation command runs on the shipped messages and prints its figures."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kontaktcenter.routing.models import Category


@pytest.mark.django_db
def test_it_prints_every_figure_next_to_the_majority_baseline(
    shipped_categories: dict[str, Category],
) -> None:
    out = StringIO()

    call_command("evaluate_classifier", stdout=out)

    report = out.getvalue()
    print(report)  # noqa: T201 - CI's log keeps the figures
    for figure in (
        "accuracy",
        "macro-F1",
        "top-3 accuracy",
        "right organisation",
        "majority class",
        "coverage",
        "gata-trafik-gatubelysning",
    ):
        assert figure in report
    accuracy_line = next(line for line in report.splitlines() if line.startswith("accuracy"))
    model, baseline = (float(v) for v in accuracy_line.split()[1::2])
    assert model > baseline
