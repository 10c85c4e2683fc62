"""Agents registering cases at the same moment each get their own reference."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel

pytestmark = pytest.mark.django_db(transaction=True)

AGENTS = 3
CASES_EACH = 8


def test_cases_created_in_parallel_get_distinct_consecutive_references(
    tier1_agent, street_lighting, operator
):
    start = threading.Barrier(AGENTS)
    failures: list[BaseException] = []

    def register() -> None:
        try:
            start.wait()
            for number in range(CASES_EACH):
                services.case_create(
                    actor=tier1_agent,
                    channel=Channel.PHONE,
                    category=street_lighting,
                    subject=f"Gatlampa {threading.get_ident()} {number}",
                )
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(AGENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    numbers = sorted(
        int(ref.rsplit("-", 1)[1]) for ref in Case.objects.values_list("reference", flat=True)
    )
    assert numbers == list(range(1, AGENTS * CASES_EACH + 1))
