"""The demo shows issue 7: a merged lamp report, a photo, a parent case, the duplicate check at
intake and the auditor's access log with a download from a confidential case."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors
from kontaktcenter.cases.models import AccessPurpose, Attachment, Case, CaseAccess
from kontaktcenter.demo.services import demo_load
from kontaktcenter.routing.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    demo_load(history_days=4, contacts_per_day=15)


def test_the_lamp_story_has_a_merge_a_photo_and_a_parent(demo: None) -> None:
    merged = Case.objects.get(subject="Gatlampan är släckt")
    survivor = Case.objects.get(subject="Trasig gatlampa", location="Rinkebysvängen 12")

    assert merged.merged_into == survivor
    assert survivor.parent is not None
    assert survivor.parent.subject == "Översyn av belysningen i Rinkeby centrum"
    photo = Attachment.objects.get(case=survivor)
    assert photo.content_type == "image/png"


def test_a_fourth_report_of_the_lamp_is_caught_at_intake(demo: None) -> None:
    agent = User.objects.get(username="agent1")
    lamps = Category.objects.get(code="gata-trafik-gatubelysning")

    found = selectors.possible_duplicates(
        actor=agent, category_id=lamps.pk, location="Rinkebysvängen 12", text="Lampan är trasig"
    )

    assert found[0].case.location == "Rinkebysvängen 12"


def test_jarvas_auditor_finds_the_download_in_the_access_log(demo: None, client: Client) -> None:
    auditor = User.objects.get(username="granskare.jarva")
    assert CaseAccess.objects.filter(purpose=AccessPurpose.DOWNLOAD).count() == 2
    client.force_login(auditor)

    page = client.get(reverse("desk:access_log")).content.decode()

    assert "Intyg från arbetsförmedlingen.pdf" in page
