"""The Stockholm demo: what someone trying the software would notice."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.cases.models import Case, CaseEventKind, Contact
from kontaktcenter.demo.services import DEMO_PASSWORD, demo_counts, demo_load, demo_logins
from kontaktcenter.directory.models import Organisation, OrganisationKind, Site
from kontaktcenter.forwarding.models import Delivery
from kontaktcenter.routing.models import Category, Handling

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    """As `./dev demo` does: the demo's webhooks go to receivers on this machine."""
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def demo(settings):
    # The real hasher is slow on purpose; these tests are about the data, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo_load(history_days=4, contacts_per_day=15)


def test_the_eleven_district_administrations_exist(demo):
    districts = set(
        Organisation.objects.filter(kind=OrganisationKind.DISTRICT).values_list(
            "short_name", flat=True
        )
    )
    assert districts == {
        "Järva",
        "Hässelby-Vällingby",
        "Bromma",
        "Kungsholmen",
        "Norra innerstaden",
        "Södermalm",
        "Enskede-Årsta-Vantör",
        "Skarpnäck",
        "Farsta",
        "Hägersten-Älvsjö",
        "Skärholmen",
    }


def test_serviceforvaltningen_is_the_only_operator(demo):
    operators = Organisation.objects.filter(is_operator=True)
    assert [org.name for org in operators] == ["Serviceförvaltningen"]
    committee = operators.get().parent
    assert committee is not None
    assert committee.name == "Servicenämnden"


def test_two_sites_one_at_tekniska_namndhuset_serving_the_technical_committees(demo):
    assert Site.objects.count() == 2
    tekniska = Site.objects.get(address__startswith="Fleminggatan 4")
    served = set(tekniska.served_organisations.values_list("name", flat=True))
    assert {"Trafikkontoret", "Stadsbyggnadskontoret", "Miljöförvaltningen"} <= served
    other = Site.objects.exclude(pk=tekniska.pk).get()
    assert "Trafikkontoret" not in set(other.served_organisations.values_list("name", flat=True))


def test_social_services_are_confidential_and_go_to_the_residents_district(demo):
    social = Category.objects.filter(code__startswith="socialtjanst")
    assert social.count() > 1
    for category in social:
        assert category.is_confidential, category.name
        assert category.handling == Handling.RESIDENT_DISTRICT, category.name


def test_confidential_cases_in_the_history_lie_with_a_district(demo):
    for case in Case.objects.filter(is_confidential=True).select_related(
        "responsible_organisation"
    ):
        assert case.responsible_organisation.kind == OrganisationKind.DISTRICT


def test_facility_booking_is_a_referral_to_the_booking_unit(demo):
    booking = Category.objects.get(code="idrott-bokning")
    assert booking.handling == Handling.REFERRAL
    assert booking.responsible_organisation.name == "Bokningsenheten"
    administration = booking.responsible_organisation.parent
    assert administration is not None
    assert administration.name == "Idrottsförvaltningen"


def test_every_role_has_a_demo_login_with_the_shared_password(demo):
    logins = demo_logins()
    assert {login.role for login in logins} == {str(role.label) for role in Role}
    for login in logins:
        assert User.objects.get(username=login.username).check_password(DEMO_PASSWORD)


def test_history_lies_in_the_past_and_every_case_starts_with_its_events(demo):
    moment = timezone.now()
    assert Contact.objects.exists()
    assert not Contact.objects.filter(started_at__gte=moment).exists()
    case = Case.objects.order_by("id").first()
    assert case is not None
    first_events = list(case.events.order_by("id")[:2])
    assert [event.kind for event in first_events] == [CaseEventKind.CREATED, CaseEventKind.ROUTED]
    assert all(event.occurred_at == case.created_at for event in first_events)
    assert case.contacts.get().ended_at == case.created_at


def test_complaints_in_the_history_wait_in_the_outbox_for_their_organisations(settings):
    """Feedback goes to the organisation it is about; where that organisation has an endpoint
    for complaints, the demo's history has left deliveries for the worker to send."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_load(history_days=12, contacts_per_day=40)
    assert Delivery.objects.exists()
    feedback = Case.objects.filter(category__feedback_kind__gt="")
    assert feedback.exists()
    assert not feedback.filter(responsible_organisation__is_operator=True).exists()
    for delivery in Delivery.objects.select_related("case__category", "endpoint"):
        assert delivery.case.category.feedback_kind
        assert delivery.endpoint.organisation_id == delivery.case.responsible_organisation_id


def test_loading_twice_adds_nothing(demo):
    before = demo_counts()
    second = demo_load(history_days=4, contacts_per_day=15)
    assert demo.loaded
    assert not second.loaded
    assert demo_counts() == before


def test_demo_command_loads_and_prints_the_logins_and_address(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    call_command("demo", no_serve=True, days=1, contacts_per_day=5, port=8123, stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    assert "handlaggare.jarva" in printed
    assert "http://127.0.0.1:8123/" in printed
    assert Organisation.objects.filter(is_operator=True).exists()
