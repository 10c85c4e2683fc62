"""Who sees the follow-up figures (S8, S9), told with the named cast."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import Actor, ResidentActor, SystemActor
from kontaktcenter.statistics.policies import may_view_statistics


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("analyst", True),
        ("supervisor", True),
        ("traffic_admin", True),
        ("sysadmin", True),
        ("tier1_agent", False),
        ("tier2_agent", False),
        ("traffic_officer", False),
        ("switchboard_operator", False),
        ("integration", False),
    ],
)
def test_who_sees_statistics(request, who, allowed):
    actor: Actor = request.getfixturevalue(who)

    assert may_view_statistics(actor) is allowed


def test_the_system_sees_statistics_for_its_reports():
    assert may_view_statistics(SystemActor("monthly-report"))


def test_a_resident_sees_no_statistics_here():
    assert not may_view_statistics(ResidentActor(case_id=None))
