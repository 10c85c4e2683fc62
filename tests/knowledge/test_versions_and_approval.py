"""Versions with history and an approval step before publishing (issue 9)."""

from __future__ import annotations

import pytest

from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.knowledge import selectors, services
from kontaktcenter.knowledge.choices import VersionStatus
from kontaktcenter.knowledge.models import Article, ArticleVersion
from tests.factories import UserFactory


@pytest.fixture
def second_traffic_admin(traffic_office):
    return UserFactory.create(organisation_admin=True, organisation=traffic_office)


@pytest.fixture
def draft(traffic_admin, traffic_office) -> Article:
    return services.article_create(
        actor=traffic_admin,
        organisation=traffic_office,
        title="Gatubelysning som inte fungerar",
        body="Felanmäl trasig gatubelysning i e-tjänsten. Lampan lagas inom fem vardagar.",
    )


def found(actor, query: str) -> list[int]:
    return [hit.id for hit in selectors.search(actor=actor, query=query).hits]


def test_a_new_article_is_a_draft_that_search_does_not_find(draft, tier1_agent):
    assert draft.published is None
    assert draft.versions.get().status == VersionStatus.DRAFT
    assert found(tier1_agent, "gatubelysning") == []


def test_an_approved_version_is_published_and_found(
    draft, traffic_admin, second_traffic_admin, tier1_agent
):
    version = draft.versions.get()
    services.version_submit(actor=traffic_admin, version=version)
    services.version_approve(actor=second_traffic_admin, version=version)

    draft.refresh_from_db()
    assert draft.published == version
    assert draft.published.status == VersionStatus.PUBLISHED
    assert draft.published.decided_by == second_traffic_admin
    assert found(tier1_agent, "trasig gatlampa") == [draft.pk]


def test_the_author_cannot_approve_their_own_version(draft, traffic_admin):
    version = services.version_submit(actor=traffic_admin, version=draft.versions.get())

    with pytest.raises(PermissionDenied) as refused:
        services.version_approve(actor=traffic_admin, version=version)

    assert refused.value.code == "knowledge.own_version"


def test_a_draft_must_be_submitted_before_it_is_approved(draft, second_traffic_admin):
    with pytest.raises(ValidationError) as refused:
        services.version_approve(actor=second_traffic_admin, version=draft.versions.get())

    assert refused.value.code == "knowledge.not_awaiting_approval"


def test_a_returned_version_keeps_the_note_and_can_be_sent_again(
    draft, traffic_admin, second_traffic_admin
):
    version = services.version_submit(actor=traffic_admin, version=draft.versions.get())
    services.version_return(
        actor=second_traffic_admin, version=version, note="Skriv ut telefonnumret."
    )

    version.refresh_from_db()
    assert version.status == VersionStatus.REJECTED
    assert version.decision_note == "Skriv ut telefonnumret."
    assert services.version_submit(actor=traffic_admin, version=version).status == (
        VersionStatus.AWAITING_APPROVAL
    )


def test_a_new_version_replaces_the_published_one_only_when_approved(
    publish, traffic_office, traffic_admin, second_traffic_admin, tier1_agent
):
    article = publish("Vinterväghållning", "Snöröjning av gator.", organisation=traffic_office)
    revision = services.article_revise(
        actor=traffic_admin,
        article=article,
        title="Vinterväghållning",
        body="Snöröjning av gator och sandning av gångbanor.",
        keywords=["halka"],
    )
    assert found(tier1_agent, "halka") == []

    services.version_submit(actor=traffic_admin, version=revision)
    services.version_approve(actor=second_traffic_admin, version=revision)

    assert found(tier1_agent, "halka") == [article.pk]
    history = list(selectors.article_versions(actor=traffic_admin, article=article))
    assert [(v.number, v.status) for v in history] == [
        (2, VersionStatus.PUBLISHED),
        (1, VersionStatus.SUPERSEDED),
    ]


def test_the_body_is_sanitised(traffic_admin, traffic_office):
    article = services.article_create(
        actor=traffic_admin,
        organisation=traffic_office,
        title="Test",
        body='<p onclick="x()">Hej <a href="javascript:alert(1)">här</a>'
        '<script>alert(1)</script><a href="https://stockholm.se">stad</a></p>',
    )

    body = ArticleVersion.objects.get(article=article).body
    assert "script" not in body
    assert "onclick" not in body
    assert "javascript" not in body
    assert 'href="https://stockholm.se"' in body
    assert "nofollow" in body


def test_an_empty_text_is_refused(traffic_admin, traffic_office):
    with pytest.raises(ValidationError) as refused:
        services.article_create(
            actor=traffic_admin, organisation=traffic_office, title="Tom", body="<p> </p>"
        )

    assert refused.value.code == "knowledge.empty_body"
    assert not Article.objects.exists()
