"""The category pages for administrators."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category, Handling

pytestmark = pytest.mark.django_db


def test_the_tree_lists_categories_under_their_parents(
    client: Client, traffic_admin: User, street_lighting: Category, traffic_office: Organisation
) -> None:
    Category.objects.create(
        name="Lyktstolpe",
        code="lyktstolpe",
        parent=street_lighting,
        responsible_organisation=traffic_office,
    )
    client.force_login(traffic_admin)
    page = client.get(reverse("desk:categories")).content.decode()
    assert page.index("Gatubelysning") < page.index("Lyktstolpe")


def test_an_admin_adds_a_category_from_the_form(
    client: Client, traffic_admin: User, traffic_office: Organisation
) -> None:
    client.force_login(traffic_admin)
    response = client.post(
        reverse("desk:category_create"),
        {
            "name": "Cykelställ",
            "responsible_organisation": traffic_office.pk,
            "handling": Handling.ORGANISATION,
            "position": 0,
        },
        follow=True,
    )
    assert "The category Cykelställ was saved." in response.content.decode()
    assert Category.objects.get(name="Cykelställ").responsible_organisation == traffic_office


def test_a_refused_category_keeps_what_was_typed(
    client: Client, traffic_admin: User, jarva: Organisation
) -> None:
    client.force_login(traffic_admin)
    response = client.post(
        reverse("desk:category_create"),
        {
            "name": "Hemtjänst i Järva",
            "responsible_organisation": jarva.pk,
            "handling": Handling.ORGANISATION,
            "position": 0,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "only manage categories that Trafikkontoret is responsible for" in page
    assert "Hemtjänst i Järva" in page


def test_case_officers_do_not_see_the_category_pages(client: Client, traffic_officer: User) -> None:
    client.force_login(traffic_officer)
    assert client.get(reverse("desk:categories")).status_code == 403
