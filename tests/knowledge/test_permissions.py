"""Who may read, find, write and approve articles (S3, S12, S16)."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.core.errors import NotFound, PermissionDenied
from kontaktcenter.knowledge import selectors, services
from tests.factories import UserFactory


@pytest.fixture
def internal_article(publish, traffic_office):
    return publish(
        "Intern rutin: kabelbrott i gatubelysning",
        "Vid kabelbrott ringer du driftcentralen.",
        audience="internal",
        organisation=traffic_office,
    )


def test_a_resident_does_not_find_or_read_an_internal_article(internal_article):
    resident = ResidentActor()

    assert selectors.search(actor=resident, query="kabelbrott").hits == []
    with pytest.raises(NotFound):
        selectors.article_get(actor=resident, article_id=internal_article.pk)


def test_an_agent_finds_internal_and_public_articles(
    tier1_agent, internal_article, parking_article
):
    assert [h.id for h in selectors.search(actor=tier1_agent, query="kabelbrott").hits] == [
        internal_article.pk
    ]
    assert selectors.search(actor=tier1_agent, query="boendeparkering").hits[0].id == (
        parking_article.pk
    )


def test_the_audience_filter_shows_what_residents_see(tier1_agent, internal_article):
    result = selectors.search(actor=tier1_agent, query="kabelbrott", audiences=["public", "both"])

    assert result.hits == []


def test_the_organisation_filter_keeps_one_organisation(
    tier1_agent, internal_article, publish, operator
):
    other = publish("Kabelbrott i telefonväxeln", "Kabelbrott i växeln anmäls till IT.")

    only_traffic = selectors.search(
        actor=tier1_agent,
        query="kabelbrott",
        organisation_ids=[internal_article.organisation_id],
    )
    assert [hit.id for hit in only_traffic.hits] == [internal_article.pk]
    assert other.organisation == operator


def test_an_archived_article_is_no_longer_found(tier1_agent, traffic_admin, internal_article):
    services.article_settings_update(
        actor=traffic_admin,
        article=internal_article,
        audience="internal",
        review_by=None,
        categories=[],
        related=[],
        case_category=None,
        eservice_path="",
        archived=True,
    )

    assert selectors.search(actor=tier1_agent, query="kabelbrott").hits == []


@pytest.mark.parametrize("who", ["tier1_agent", "traffic_officer", "district_officer"])
def test_only_administrators_of_the_organisation_write_its_articles(request, who, traffic_office):
    with pytest.raises(PermissionDenied) as refused:
        services.article_create(
            actor=request.getfixturevalue(who),
            organisation=traffic_office,
            title="Försök",
            body="Text",
        )

    assert refused.value.code == "knowledge.not_allowed"


def test_an_administrator_of_another_organisation_cannot_approve(
    traffic_admin, traffic_office, jarva
):
    jarva_admin = UserFactory.create(organisation_admin=True, organisation=jarva)
    article = services.article_create(
        actor=traffic_admin, organisation=traffic_office, title="Parkering", body="Text"
    )
    version = services.version_submit(actor=traffic_admin, version=article.versions.get())

    with pytest.raises(PermissionDenied):
        services.version_approve(actor=jarva_admin, version=version)
    with pytest.raises(NotFound):
        selectors.article_get(actor=jarva_admin, article_id=article.pk)


def test_nobody_but_the_command_line_publishes_without_approval(traffic_admin, traffic_office):
    with pytest.raises(PermissionDenied):
        services.article_create(
            actor=traffic_admin,
            organisation=traffic_office,
            title="Genväg",
            body="Text",
            publish=True,
        )
