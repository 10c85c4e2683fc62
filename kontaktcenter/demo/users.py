"""Demo logins: one featured user per role, plus the extra staff the generated history needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.demo.data.categories import CATEGORY_TREE, ORGANISATION, RESIDENT_DISTRICT
from kontaktcenter.demo.data.directory import GENERAL_SITE, TEKNISKA_NAMNDHUSET
from kontaktcenter.demo.data.organisations import (
    CONTACT_CENTER_UNIT_CODE,
    DISTRICTS,
    OPERATOR_CODE,
)
from kontaktcenter.demo.data.people import STAFF_EMAIL_DOMAIN
from kontaktcenter.demo.directory import Directory
from kontaktcenter.demo.names import NameGenerator

# Shared by every demo account and printed by `kontaktcenter demo`; it is public on purpose.
DEMO_PASSWORD = "demo-stockholm-2026"  # noqa: S105


@dataclass(frozen=True, slots=True)
class UserSpec:
    username: str
    role: Role
    organisation: str
    site: str | None = None


FEATURED_USERS: tuple[UserSpec, ...] = (
    UserSpec("agent1", Role.TIER1_AGENT, CONTACT_CENTER_UNIT_CODE, TEKNISKA_NAMNDHUSET),
    UserSpec("agent2", Role.TIER2_AGENT, CONTACT_CENTER_UNIT_CODE, GENERAL_SITE),
    UserSpec("vaxel", Role.SWITCHBOARD_OPERATOR, CONTACT_CENTER_UNIT_CODE, GENERAL_SITE),
    UserSpec("arbetsledare", Role.SUPERVISOR, CONTACT_CENTER_UNIT_CODE, TEKNISKA_NAMNDHUSET),
    UserSpec("handlaggare.trafik", Role.CASE_OFFICER, "trafikkontoret"),
    UserSpec("handlaggare.jarva", Role.CASE_OFFICER, "jarva"),
    UserSpec("handlaggare.idrott", Role.CASE_OFFICER, "idrottsforvaltningen"),
    UserSpec("admin.trafik", Role.ORGANISATION_ADMIN, "trafikkontoret"),
    # The analysis and strategy function (S9) belongs to the operator.
    UserSpec("analytiker", Role.ANALYST, OPERATOR_CODE),
    UserSpec("sysadmin", Role.SYSTEM_ADMIN, OPERATOR_CODE),
    # Järva's registrar reviews who read the district's confidential cases (S10).
    UserSpec("granskare.jarva", Role.AUDITOR, "jarva"),
)

# More agents so the history is spread over people and both sites.
EXTRA_AGENTS: tuple[UserSpec, ...] = (
    UserSpec("agent3", Role.TIER1_AGENT, CONTACT_CENTER_UNIT_CODE, TEKNISKA_NAMNDHUSET),
    UserSpec("agent4", Role.TIER1_AGENT, CONTACT_CENTER_UNIT_CODE, GENERAL_SITE),
    UserSpec("agent5", Role.TIER1_AGENT, CONTACT_CENTER_UNIT_CODE, GENERAL_SITE),
    UserSpec("agent6", Role.TIER1_AGENT, CONTACT_CENTER_UNIT_CODE, GENERAL_SITE),
    UserSpec("agent7", Role.TIER2_AGENT, CONTACT_CENTER_UNIT_CODE, TEKNISKA_NAMNDHUSET),
)


def organisations_receiving_cases() -> list[str]:
    """Codes of every organisation the category tree sends cases to."""
    codes: list[str] = []
    for top in CATEGORY_TREE:
        for leaf in top.children:
            handling = leaf.handling or top.handling
            if handling == ORGANISATION:
                codes.append(leaf.organisation or top.organisation)
            elif handling == RESIDENT_DISTRICT:
                codes.extend(district.code for district in DISTRICTS)
    return list(dict.fromkeys(codes))


def extra_officers() -> tuple[UserSpec, ...]:
    """One case officer for every organisation that gets cases and has no featured officer."""
    covered = {spec.organisation for spec in FEATURED_USERS if spec.role == Role.CASE_OFFICER}
    return tuple(
        UserSpec(f"handlaggare.{code}", Role.CASE_OFFICER, code)
        for code in organisations_receiving_cases()
        if code not in covered
    )


def create_users(directory: Directory, names: NameGenerator) -> list[User]:
    specs: Iterable[UserSpec] = (*FEATURED_USERS, *EXTRA_AGENTS, *extra_officers())
    users: list[User] = []
    for spec in specs:
        first_name, last_name = names.name()
        user = User(
            username=spec.username,
            first_name=first_name,
            last_name=last_name,
            email=names.email(first_name, last_name, STAFF_EMAIL_DOMAIN),
            role=spec.role,
            organisation=directory.organisations[spec.organisation],
            site=directory.sites[spec.site] if spec.site else None,
            is_staff=spec.role == Role.SYSTEM_ADMIN,
            is_superuser=spec.role == Role.SYSTEM_ADMIN,
        )
        if not users:
            validate_password(DEMO_PASSWORD, user)
            user.set_password(DEMO_PASSWORD)
        else:
            # Hashing is deliberately slow (PBKDF2, ~0.5 s); every demo account has the same
            # public password, so they can share one hash.
            user.password = users[0].password
        users.append(user)
    return User.objects.bulk_create(users)
