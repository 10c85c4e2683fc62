"""Issue 16 in the demo: the records-management plan's retention rules and a refused attempt
in the access log.

Bookings and snow-clearing reports are thinned out 30 days after closing ("gallras vid
inaktualitet"), so `kontaktcenter retention --dry-run` finds some of the demo's two months of
snow-clearing reports due; street
lighting keeps its cases two years, and financial support is preserved (bevaras) as the
social services' plan says for the persons chosen for research. A contact-center agent who
tries to open the confidential case is refused, and Järva's auditor sees the attempt.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.cases.models import Case, RetentionRule
from kontaktcenter.core.clock import simulated
from kontaktcenter.routing.models import Category

# (category code, days kept after closing, preserved, reference in the plan)
RETENTION_PLAN = (
    ("idrott-bokning", 30, False, "IDF 2.1.3"),
    ("gata-trafik-snorojning", 30, False, "TK 3.4.2"),
    ("gata-trafik-gatubelysning", 730, False, "TK 3.2.1"),
    ("synpunkter-klagomal", 730, False, "SF 1.4.2"),
    ("socialtjanst-ekonomiskt-bistand", 1826, True, "SOF 4.3.1"),
)


def create_retention_plan() -> None:
    categories = {
        category.code: category
        for category in Category.objects.filter(code__in=[row[0] for row in RETENTION_PLAN])
    }
    RetentionRule.objects.bulk_create(
        RetentionRule(
            category=categories[code],
            keep_days=days,
            preserve=preserve,
            plan_reference=reference,
        )
        for code, days, preserve, reference in RETENTION_PLAN
        if code in categories
    )


def refused_attempt(cutoff: datetime) -> None:
    """agent1 types the reference of Järva's confidential case (the certificate story in
    caselinks.py) into the address bar."""
    case = Case.objects.filter(is_confidential=True, accesses__request_id="demo-download-1").first()
    if case is None:
        return
    with simulated(cutoff - timedelta(hours=20)):
        services.record_refused(
            actor=User.objects.get(username="agent1"),
            reference=case.reference,
            purpose=AccessPurpose.PAGE,
            request_id="demo-refused-1",
        )
