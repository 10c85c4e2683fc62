"""Contacts answered directly record the articles used; owners see use, gaps and reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.models import Channel, ContactOutcome
from kontaktcenter.core.errors import NotFound, PermissionDenied
from kontaktcenter.knowledge import selectors, services
from kontaktcenter.knowledge.models import ArticleUse


def test_answering_directly_records_the_articles_and_their_versions(
    tier1_agent, waste_article, parking_article
):
    contact = case_services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    services.contact_answer_with_articles(
        actor=tier1_agent,
        contact=contact,
        articles=[waste_article, parking_article, waste_article],
        question="När töms soptunnan?",
        answer_note="Varannan vecka.",
    )

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.ANSWERED_DIRECTLY
    uses = ArticleUse.objects.filter(contact=contact).order_by("article_id")
    assert [(use.article, use.version) for use in uses] == [
        (waste_article, waste_article.published),
        (parking_article, parking_article.published),
    ]


def test_another_agents_contact_cannot_be_closed_and_records_nothing(
    tier1_agent, tier2_agent, waste_article
):
    contact = case_services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    with pytest.raises(PermissionDenied):
        services.contact_answer_with_articles(
            actor=tier2_agent, contact=contact, articles=[waste_article]
        )

    assert not ArticleUse.objects.exists()


def test_the_owner_report_shows_most_used_and_overdue_articles(
    tier1_agent, supervisor, publish, waste_article, clock
):
    stale = publish("Gammal text", "Gäller inte längre.", review_by=date(2020, 1, 1))
    for _ in range(2):
        contact = case_services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
        services.contact_answer_with_articles(
            actor=tier1_agent, contact=contact, articles=[waste_article]
        )

    report = selectors.owner_report(actor=supervisor)

    assert report.most_used == [(waste_article, 2)]
    assert report.overdue == [stale]
    assert waste_article not in report.overdue


def test_resident_feedback_is_counted_per_article(supervisor, waste_article):
    services.feedback_record(actor=ResidentActor(), article=waste_article, helpful=True)
    services.feedback_record(actor=ResidentActor(), article=waste_article, helpful=False)
    services.feedback_record(actor=ResidentActor(), article=waste_article, helpful=True)

    assert selectors.owner_report(actor=supervisor).helpful == {waste_article.pk: (2, 1)}


def test_an_agent_does_not_see_the_owner_report(tier1_agent, waste_article):
    report = selectors.owner_report(actor=tier1_agent)

    assert (report.most_used, report.overdue, report.unanswered) == ([], [], [])


def test_review_dates_before_today_are_overdue(supervisor, publish, clock):
    today = clock().date()
    due_tomorrow = publish("Snart", "Text.", review_by=today + timedelta(days=1))
    due_yesterday = publish("Sen", "Text.", review_by=today - timedelta(days=1))

    overdue = selectors.owner_report(actor=supervisor).overdue

    assert due_yesterday in overdue
    assert due_tomorrow not in overdue


def test_feedback_on_an_internal_article_is_refused_as_not_found(publish):
    internal = publish("Intern rutin", "Text.", audience="internal")

    with pytest.raises(NotFound):
        services.feedback_record(actor=ResidentActor(), article=internal, helpful=True)
