"""Case work in the demo (issue 7): the five case types with their forms, checklists and
answer templates, opening hours, deadline rules and Trafikkontoret's queues. Everything goes
through the real services, as an organisation's administrator would set it up."""

from __future__ import annotations

from datetime import time

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseStatus, DeadlineRule, Priority
from kontaktcenter.directory.models import OpeningHours, Organisation
from kontaktcenter.routing.models import Category

SETUP = SystemActor("demo", "Demo data")

# (category code, name, form, checklist, answer templates as (name, text))
CASE_TYPES: tuple[tuple[str, str, str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "avfall-sophamtning",
        "Beställning av sopkärl",
        "Hämtadress | address | * | Gatuadress och nummer där kärlet ska stå\n"
        "Fastighetsägare | choice | * | | Privatperson; Bostadsrättsförening; Företag\n"
        "Personnummer | personnummer | | Om en privatperson äger fastigheten\n"
        "Organisationsnummer | orgnr | | Om en förening eller ett företag äger fastigheten\n"
        "Kärlstorlek | choice | * | | 140 liter; 190 liter; 240 liter; 370 liter\n"
        "Antal kärl | number | *\n"
        "Önskat leveransdatum | date\n"
        "Kontakttelefon | phone",
        "Kontrollera att adressen har abonnemang\n"
        "Kontrollera fastighetsägaren\n"
        "Boka leverans hos entreprenören\n"
        "Bekräfta leveransdag till den boende",
        (
            (
                "Bekräftelse av beställning",
                "Hej {{ resident_name }}!\n\nTack för din beställning av {{ antal_karl }} "
                "kärl på {{ karlstorlek }} till {{ hamtadress }}. Vi levererar inom tio "
                "arbetsdagar och hör av oss om leveransdagen.\n\nDitt ärendenummer är "
                "{{ reference }}.\n\nVänliga hälsningar\nStockholm Vatten och Avfall",
            ),
        ),
    ),
    (
        "gata-trafik-gatubelysning",
        "Felanmälan gatubelysning",
        "Plats | address | * | Gata och nummer, eller närmaste korsning\n"
        "Stolpnummer | text | | Står på en skylt på stolpen, t.ex. RV-1203\n"
        "Fel | choice | * | | Lampan är släckt; Lampan blinkar; Lyser dagtid; "
        "Skadad stolpe; Hängande ledning\n"
        "Fara för människor | yes_no | | Till exempel nedfallen stolpe eller blottad ledning\n"
        "Kontakttelefon | phone",
        "Vid fara: ring beredskapen direkt\n"
        "Kontrollera om felet redan är anmält\n"
        "Skicka arbetsorder till belysningsentreprenören",
        (
            (
                "Felanmälan mottagen",
                "Hej {{ resident_name }}!\n\nTack för din felanmälan om gatubelysningen vid "
                "{{ plats }} ({{ fel }}). Vi har skickat den till vår entreprenör, som "
                "normalt åtgärdar felet inom fem arbetsdagar.\n\nÄrendenummer: "
                "{{ reference }}\n\nVänliga hälsningar\nTrafikkontoret",
            ),
        ),
    ),
    (
        "parkering-boende",
        "Fråga om boendeparkering",
        "Registreringsnummer | text | * | Bilens registreringsnummer, t.ex. ABC 123\n"
        "Folkbokföringsadress | address | *\n"
        "Personnummer | personnummer | *\n"
        "Frågan gäller | choice | * | | Ny ansökan; Förnyelse; Avgift; Byte av bil; "
        "Boendeområde",
        "Kontrollera folkbokföringen\nKontrollera att bilen ägs eller leasas av den boende",
        (
            (
                "Svar om boendeparkering",
                "Hej {{ resident_name }}!\n\nDu kan ansöka om boendeparkering för "
                "{{ registreringsnummer }} i e-tjänsten på stockholm.se. Tillståndet gäller "
                "i området runt {{ folkbokforingsadress }}.\n\nÄrendenummer: {{ reference }}"
                "\n\nVänliga hälsningar\nKontaktcenter Stockholm",
            ),
        ),
    ),
    (
        "forskola-ko",
        "Fråga om förskolekö",
        "Barnets personnummer | personnummer | *\n"
        "Önskat startdatum | date\n"
        "Önskade förskolor | long_text | | Högst fem, i önskad ordning\n"
        "Syskon i förskolan | yes_no",
        "Kontrollera att barnet står i kö\nKontrollera köplats och önskat startdatum",
        (
            (
                "Besked om köplats",
                "Hej {{ resident_name }}!\n\nBarnet står i kö till förskola med önskat "
                "startdatum {{ onskat_startdatum }}. Du får erbjudande om plats senast fyra "
                "månader efter att du ställt barnet i kö.\n\nÄrendenummer: {{ reference }}",
            ),
        ),
    ),
    (
        "synpunkter-klagomal",
        "Klagomål",
        "Vad klagomålet gäller | long_text | *\n"
        "När det hände | date\n"
        "Vill ha svar | yes_no | | Om den boende vill bli kontaktad\n"
        "E-post för svar | email",
        "Registrera klagomålet hos den verksamhet det gäller\nBekräfta mottagandet",
        (
            (
                "Bekräftelse av klagomål",
                "Hej {{ resident_name }}!\n\nTack för att du hörde av dig. Ditt klagomål har "
                "registrerats med nummer {{ reference }} och skickats till {{ organisation }}, "
                "som återkommer inom tre veckor.\n\nVänliga hälsningar\nKontaktcenter Stockholm",
            ),
        ),
    ),
)

# The contact center is open longer than the administrations behind it.
OPENING_HOURS = {
    "serviceforvaltningen": (time(8), time(18)),
    "trafikkontoret": (time(8), time(16, 30)),
}

# Working hours a case may take, per category and priority (others use the defaults).
DEADLINES = {
    "gata-trafik-gatubelysning": {Priority.URGENT: 4, Priority.HIGH: 16, Priority.NORMAL: 40},
    "avfall-sophamtning": {Priority.NORMAL: 80},
    "parkering-boende": {Priority.NORMAL: 16},
}

TRAFFIC_QUEUES = ("Belysning", "Gata och trottoar", "Vinterväghållning")


def create_casework(organisations: dict[str, Organisation]) -> int:
    """Set up case work; returns the number of case types created."""
    for code, (opens, closes) in OPENING_HOURS.items():
        for weekday in range(5):
            OpeningHours.objects.create(
                organisation=organisations[code], weekday=weekday, opens=opens, closes=closes
            )
    for code, by_priority in DEADLINES.items():
        category = Category.objects.get(code=code)
        for priority, hours in by_priority.items():
            DeadlineRule.objects.create(category=category, priority=priority, working_hours=hours)
    for name in TRAFFIC_QUEUES:
        services.case_queue_save(
            actor=SETUP, organisation=organisations["trafikkontoret"], name=name
        )
    for code, name, form, checklist, templates in CASE_TYPES:
        case_type = services.case_type_save(
            actor=SETUP,
            category=Category.objects.get(code=code),
            name=name,
            fields_text=form,
            checklist_text=checklist,
        )
        for template_name, body in templates:
            services.answer_template_save(
                actor=SETUP, case_type=case_type, name=template_name, body=body
            )
    return len(CASE_TYPES)


_LAMP_PLACES = (
    ("Rinkebysvängen 12", "RV-1203", "Lampan är släckt"),
    ("Hornsgatan 54", "HG-0417", "Lampan blinkar"),
    ("Sveavägen vid Rådmansgatan", "", "Lyser dagtid"),
    ("Bergsgatan 3", "BG-0088", "Lampan är släckt"),
    ("Tenstavägen 40", "TV-2210", "Skadad stolpe"),
)


def fill_street_light_forms(officer: User) -> int:
    """Trafikkontoret's officer fills in the fault-report form of some open street-light
    cases, so the demo shows forms, versions and templates on real cases."""
    cases = Case.objects.filter(
        category__code="gata-trafik-gatubelysning",
        status__in=(CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS),
    ).order_by("received_at")[: len(_LAMP_PLACES)]
    filled = 0
    for case, (place, pole, fault) in zip(cases, _LAMP_PLACES, strict=False):
        services.case_fill_form(
            actor=officer,
            case=case,
            values={"plats": place, "stolpnummer": pole, "fel": fault, "fara_for_manniskor": ""},
        )
        filled += 1
    return filled
