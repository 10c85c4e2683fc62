"""An integration that asks for a confidential case it may not read gets 404, and the attempt
is in the access log as refused (issue 16)."""

from __future__ import annotations

from kontaktcenter.cases.models import AccessPurpose, Case, CaseAccess
from tests.api.conftest import Integration


def test_a_refused_api_read_of_a_confidential_case_is_logged(
    felanmalan: Integration, confidential_case: Case
) -> None:
    for path in ("", "events", "contacts"):
        response = felanmalan.get(f"/api/v1/cases/{confidential_case.reference}/{path}".rstrip("/"))
        assert response.status_code == 404

    entries = list(CaseAccess.objects.values_list("case", "purpose", "refused", "actor_label"))
    assert len(entries) == 3
    assert set(entries) == {(confidential_case.pk, AccessPurpose.API, True, "Felanmälan Trafik")}
