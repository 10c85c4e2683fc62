"""Who may do which case work, asked of the whole cast (issue 7): on a Trafikkontoret case
only its officers and administrator act; on a confidential case outsiders find nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Priority
from kontaktcenter.core.errors import NotFound, PermissionDenied
from kontaktcenter.directory.models import Organisation
from tests.conftest import CAST

Action = Callable[[User, Case, Organisation], Any]

ACTIONS: dict[str, Action] = {
    "resolve": lambda actor, case, _other: services.case_resolve(
        actor=actor, case=case, resolution="Lagad."
    ),
    "forward": lambda actor, case, other: services.case_forward(
        actor=actor, case=case, organisation=other, reason="Fel förvaltning."
    ),
    "priority": lambda actor, case, _other: services.case_set_priority(
        actor=actor, case=case, priority=Priority.HIGH
    ),
    "assign to self": lambda actor, case, _other: services.case_assign(
        actor=actor, case=case, assignee=actor
    ),
}

# Who may act on a new Trafikkontoret case: its officer and its administrator. The system
# administrator reads cases but does not handle them.
MAY_ACT = {"traffic_officer", "traffic_admin"}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", CAST)
def test_only_the_responsible_organisation_works_its_cases(
    request: pytest.FixtureRequest,
    street_light_case: Case,
    sports_administration: Organisation,
    action: str,
    who: str,
) -> None:
    actor = request.getfixturevalue(who)
    if who in MAY_ACT:
        ACTIONS[action](actor, street_light_case, sports_administration)
        return
    with pytest.raises((PermissionDenied, NotFound)):
        ACTIONS[action](actor, street_light_case, sports_administration)


@pytest.mark.parametrize("action", ACTIONS)
def test_another_district_finds_no_confidential_case_to_act_on(
    confidential_case: Case,
    other_district_officer: User,
    sports_administration: Organisation,
    action: str,
) -> None:
    with pytest.raises(NotFound) as refused:
        ACTIONS[action](other_district_officer, confidential_case, sports_administration)
    assert refused.value.code == "case.not_found"
