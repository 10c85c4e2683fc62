"""The demo's knowledge base: articles the Stockholm organisations own, written for this
project (no text copied from the city's pages), with versions, approval, synonyms and use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kontaktcenter.accounts.actors import ResidentActor, SystemActor
from kontaktcenter.accounts.models import Role, User
from kontaktcenter.core.clock import today
from kontaktcenter.directory.models import Organisation
from kontaktcenter.knowledge import services
from kontaktcenter.knowledge.models import Article
from kontaktcenter.routing.models import Category

DEMO_EDITOR = SystemActor("demo")


@dataclass(frozen=True)
class ArticleSpec:
    key: str
    organisation: str
    title: str
    body: str
    keywords: tuple[str, ...] = ()
    audience: str = "both"
    categories: tuple[str, ...] = ()
    case_category: str = ""
    eservice_path: str = ""
    related: tuple[str, ...] = ()
    review_in_days: int = 180


ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        "simhallar",
        "idrottsforvaltningen",
        "Öppettider i stadens simhallar",
        "<p>Stadens simhallar har öppet alla dagar utom vissa helgdagar. Vanliga vardagar öppnar "
        "de flesta bad klockan 06.30 och stänger 21.00; på helger öppnar de 08.00 och stänger "
        "18.00.</p><p>Under sommaren, jullovet och storhelger gäller andra tider, och en "
        "simhall kan stänga en bassäng för skolsim, simskola eller tävling. Aktuella tider för "
        "Eriksdalsbadet, Forsgrénska badet, Husbybadet och de andra baden står på badets egen "
        "sida.</p><p>Entrén betalas i kassan eller med kort i automaten. Barn under sju år "
        "badar i sällskap med en vuxen som är minst 15 år.</p>",
        keywords=("badhus", "bad", "simhall", "öppet"),
        categories=("idrott-simhallar",),
        related=("idrottshall", "simskola"),
    ),
    ArticleSpec(
        "idrottshall",
        "idrottsforvaltningen",
        "Boka idrottshall eller gymnastiksal",
        "<p>Idrottshallar, gymnastiksalar och planer bokas hos <strong>Bokningsenheten</strong> på "
        "idrottsförvaltningen, inte hos kontaktcenter. Föreningar och privatpersoner bokar "
        "enstaka tider eller en säsong i bokningssystemet.</p><p>Säsongsbokningen för hösten "
        "öppnar i mars och för våren i september. Lediga enstaka tider kan bokas med kort "
        "varsel.</p><p>Kontaktcenter svarar på allmänna frågor och hänvisar bokningar till "
        "Bokningsenheten, 08-508 272 00, vardagar 9–12.</p>",
        keywords=("boka", "hyra", "gympasal", "sporthall", "bokning"),
        audience="both",
        categories=("idrott-bokning",),
        case_category="idrott-bokning",
        related=("simhallar",),
    ),
    ArticleSpec(
        "simskola",
        "idrottsforvaltningen",
        "Simskola för barn",
        "<p>Stadens simhallar har simskola för barn från fem år, på terminer om tio "
        "tillfällen. Anmälan görs i bokningssystemet när terminens kurser släpps, vanligen i "
        "december och juni. Platserna fördelas i den ordning anmälningarna kommer in.</p>"
        "<p>Frågor om en bokad plats besvaras av Bokningsenheten.</p>",
        keywords=("simkurs", "simundervisning", "barn"),
        categories=("idrott-simskola",),
        related=("simhallar",),
    ),
    ArticleSpec(
        "sophamtning",
        "stockholm-vatten-och-avfall",
        "Sophämtning för villor och radhus",
        "<p>Restavfall och matavfall hämtas varannan vecka från villor och radhus. Hämtdagen "
        "står på fakturan och i Mina sidor hos Stockholm Vatten och Avfall.</p><p>Ställ kärlet "
        "med handtaget utåt vid tomtgränsen senast klockan 06.00 på hämtdagen och låt det stå "
        "tills det är tömt. Locket ska gå att stänga.</p><p>Har kärlet inte tömts trots att det "
        "stod ute i tid? Gör en felanmälan senast dagen efter.</p>",
        keywords=("soptunna", "kärl", "tömning", "avfall", "hämtdag"),
        categories=("avfall-sophamtning",),
        case_category="avfall-sophamtning",
        eservice_path="/e-tjanst/",
        related=("grovavfall",),
    ),
    ArticleSpec(
        "grovavfall",
        "stockholm-vatten-och-avfall",
        "Grovavfall och återvinningscentraler",
        "<p>Möbler, trädgårdsavfall, elektronik och annat som inte får plats i soppåsen lämnas "
        "på en återvinningscentral. Lämna farligt avfall som färgrester och kemikalier "
        "separat.</p><p>Det kostar inget för privatpersoner att lämna grovavfall. Den som "
        "inte har bil kan beställa hämtning av grovavfall mot en avgift.</p><p>Mobila "
        "återvinningscentraler besöker stadsdelarna enligt en turlista under våren och "
        "hösten.</p>",
        keywords=("grovsopor", "ÅVC", "möbler", "återvinning"),
        categories=("avfall-grovavfall",),
        related=("sophamtning",),
    ),
    ArticleSpec(
        "boendeparkering",
        "trafikkontoret",
        "Boendeparkering",
        "<p>Du som är folkbokförd på en adress i en boendeparkeringszon kan ansöka om "
        "boendeparkering för en bil som du äger, leasar eller har som förmånsbil.</p><p>Ansök i "
        "e-tjänsten. Tillståndet är digitalt och kopplat till bilens registreringsnummer; du "
        "betalar dygnsavgiften i parkeringsappen.</p><p>Tillståndet gäller bara i den zon "
        "där du bor.</p>",
        keywords=("parkeringstillstånd", "boendetillstånd", "zon", "parkera"),
        audience="both",
        categories=("parkering-boende",),
        eservice_path="/e-tjanst/",
        related=("rorelsehindrade",),
    ),
    ArticleSpec(
        "rorelsehindrade",
        "trafikkontoret",
        "Parkeringstillstånd för rörelsehindrade",
        "<p>Den som har svårt att gå kan ansöka om parkeringstillstånd för rörelsehindrade, "
        "som förare eller som passagerare. Till ansökan bifogas ett läkarintyg och ett foto.</p>"
        "<p>Handläggningstiden är ungefär fyra veckor. Tillståndet gäller i hela landet.</p>",
        keywords=("handikapptillstånd", "P-tillstånd", "funktionsnedsättning"),
        categories=("parkering-rorelsehindrade",),
        case_category="parkering-rorelsehindrade",
        related=("boendeparkering",),
    ),
    ArticleSpec(
        "forskolekö",
        "utbildningsforvaltningen",
        "Ställa sig i kö till förskola",
        "<p>Barnet kan ställas i kö till förskola från fyra månaders ålder. Ansökan görs i "
        "e-tjänsten för förskola, där du väljer upp till fem förskolor i den ordning du "
        "föredrar dem.</p><p>Staden ska erbjuda plats inom fyra månader från det datum du "
        "önskar. Erbjudandet kommer med e-post och ska besvaras inom 14 dagar.</p><p>Frågor om "
        "en viss förskola besvaras av stadsdelsförvaltningen eller den fristående förskolan.</p>",
        keywords=("förskoleplats", "dagis", "barnomsorg", "kö"),
        categories=("forskola-ko",),
        eservice_path="/e-tjanst/",
        related=("forskoleavgift",),
    ),
    ArticleSpec(
        "forskoleavgift",
        "utbildningsforvaltningen",
        "Avgift för förskola och fritidshem",
        "<p>Avgiften beror på hushållets inkomst och är som högst maxtaxan. Det yngsta barnet "
        "räknas som barn ett. Inkomsten anmäls i e-tjänsten och ska ändras när den ändras.</p>"
        "<p>Avgiften betalas tolv månader om året, även under semestern.</p>",
        keywords=("maxtaxa", "inkomst", "faktura"),
        categories=("forskola-avgift",),
        related=("forskolekö",),
    ),
    ArticleSpec(
        "bygglov-altan",
        "stadsbyggnadskontoret",
        "Behöver jag bygglov för altan, plank eller friggebod?",
        "<p>En altan som är lägre än 1,2 meter över marken och inte ligger närmare tomtgränsen "
        "än 4,5 meter kräver oftast inget bygglov. Plank och murar kräver nästan alltid "
        "bygglov.</p><p>En friggebod på högst 15 kvadratmeter kräver varken bygglov eller "
        "bygganmälan, men detaljplanen kan säga annat, liksom om huset är kulturhistoriskt "
        "värdefullt.</p><p>Är du osäker: fråga bygglovsrådgivningen innan du bygger.</p>",
        keywords=("bygglov", "bygganmälan", "attefallshus", "staket", "trädäck"),
        categories=("bygglov-fragor",),
        case_category="bygglov-arende",
        related=("bygglov-handlaggning",),
    ),
    ArticleSpec(
        "bygglov-handlaggning",
        "stadsbyggnadskontoret",
        "Så lång tid tar ett bygglov",
        "<p>Handläggningen ska ta högst tio veckor från det att ansökan är komplett. Saknas "
        "handlingar får du ett föreläggande om komplettering, och tiden räknas från det att de "
        "kommit in.</p><p>Avgiften följer stadens taxa och tas ut när beslutet fattas.</p>",
        keywords=("handläggningstid", "beslut", "avgift"),
        categories=("bygglov-arende",),
        related=("bygglov-altan",),
    ),
    ArticleSpec(
        "gatubelysning",
        "trafikkontoret",
        "Felanmälan av gatubelysning",
        "<p>Trasiga gatlampor, lampor som lyser på dagen och nedriven belysning felanmäls i "
        "e-tjänsten eller via kontaktcenter. Ange gatans namn och närmaste husnummer eller "
        "stolpens nummer.</p><p>Ett fel som gäller en enstaka lampa åtgärdas normalt inom fem "
        "vardagar; en hel gata utan belysning inom ett dygn.</p>",
        keywords=("gatlampa", "belysning", "lampa", "mörkt"),
        categories=("gata-trafik-gatubelysning",),
        case_category="gata-trafik-gatubelysning",
        eservice_path="/e-tjanst/",
    ),
    ArticleSpec(
        "kabelbrott-rutin",
        "trafikkontoret",
        "Intern rutin: kablar och stolpar som utgör fara",
        "<p>En nedriven stolpe, en blottad kabel eller en lyktstolpe som lutar över en gångbana "
        "är akut. Ring driftcentralen direkt på det interna numret i katalogen och registrera "
        "sedan ärendet som felanmälan med kategori Gatubelysning.</p><p>Be den som ringer att "
        "hålla avstånd och inte röra kabeln.</p>",
        keywords=("akut", "fara", "kabel", "driftcentral"),
        audience="internal",
        categories=("gata-trafik-gatubelysning",),
        related=("gatubelysning",),
    ),
    ArticleSpec(
        "snorojning",
        "trafikkontoret",
        "Snöröjning och halkbekämpning",
        "<p>Staden röjer snö när det fallit fem centimeter. Först röjs huvudgator, bussgator och "
        "cykelstråk, sedan lokalgator och gångbanor. Inom 24 timmar efter snöfallets slut ska "
        "alla stadens gator vara röjda.</p><p>Fastighetsägaren ansvarar för att skotta och "
        "sanda trottoaren utanför sin fastighet i innerstaden.</p>",
        keywords=("snö", "halka", "sandning", "plogning"),
        categories=("gata-trafik-snorojning",),
        case_category="gata-trafik-snorojning",
        review_in_days=-20,
    ),
    ArticleSpec(
        "buller",
        "miljoforvaltningen",
        "Störande buller från grannar, byggen och restauranger",
        "<p>Buller från en granne i ett flerbostadshus tar du först upp med hyresvärden eller "
        "bostadsrättsföreningen. Buller från byggarbetsplatser, fläktar och restauranger utreds "
        "av miljöförvaltningen.</p><p>Byggarbeten som bullrar får normalt pågå vardagar 07–19.</p>",
        keywords=("oljud", "ljud", "störning", "fläkt"),
        categories=("miljo-buller",),
        case_category="miljo-buller",
    ),
    ArticleSpec(
        "kontaktcenter-oppettider",
        "serviceforvaltningen",
        "Kontaktcenters öppettider och vad vi hjälper till med",
        "<p>Kontaktcenter Stockholm svarar på 08-508 000 00 vardagar 08.00–18.00. Vi svarar på "
        "allmänna frågor om stadens verksamheter, tar emot felanmälningar, synpunkter och "
        "klagomål och kopplar vidare till rätt handläggare.</p><p>Frågor om ett pågående "
        "ärende hos en nämnd besvaras av den handläggare som har ärendet.</p>",
        keywords=("telefon", "ringa", "växeln", "öppet"),
    ),
)

# Words residents and the city use for the same thing (managed in the desk).
SYNONYMS = (
    ("sophämtning", "avfallshämtning", "soptömning"),
    ("bygglov", "bygganmälan"),
    ("simhall", "badhus"),
    ("förskola", "dagis"),
)


def create_knowledge(
    organisations: dict[str, Organisation], categories: dict[str, Category], users: list[User]
) -> list[Article]:
    """Publish the demo articles, link them, put one revision up for approval and leave one
    draft, so every screen of the knowledge base has something to show."""
    articles: dict[str, Article] = {}
    for spec in ARTICLES:
        articles[spec.key] = services.article_create(
            actor=DEMO_EDITOR,
            organisation=organisations[spec.organisation],
            title=spec.title,
            body=spec.body,
            audience=spec.audience,
            keywords=spec.keywords,
            categories=[categories[code] for code in spec.categories],
            review_by=today() + timedelta(days=spec.review_in_days),
            case_category=categories[spec.case_category] if spec.case_category else None,
            eservice_path=spec.eservice_path,
            publish=True,
        )
    for spec in ARTICLES:
        if spec.related:
            articles[spec.key].related.set([articles[key] for key in spec.related])
    for words in SYNONYMS:
        services.synonym_create(actor=DEMO_EDITOR, words=words)

    traffic_admin = next(
        (
            user
            for user in users
            if user.role == Role.ORGANISATION_ADMIN
            and user.organisation_id == organisations["trafikkontoret"].pk
        ),
        None,
    )
    if traffic_admin is not None:
        lighting = articles["gatubelysning"]
        revision = services.article_revise(
            actor=traffic_admin,
            article=lighting,
            title="Felanmälan av gatubelysning",
            body=(
                "Trasiga gatlampor felanmäls i e-tjänsten eller via kontaktcenter. Ange gatans "
                "namn och närmaste husnummer, eller numret på stolpen.\n\nEn enstaka lampa lagas "
                "normalt inom fem vardagar, en hel gata utan belysning inom ett dygn. Under "
                "vintern prioriteras gång- och cykelvägar."
            ),
            keywords=["gatlampa", "belysning", "lampa", "mörkt", "stolpe"],
        )
        services.version_submit(actor=traffic_admin, version=revision)
    feedback = (("simhallar", True), ("simhallar", True), ("bygglov-altan", False))
    for article_key, helpful in feedback:
        services.feedback_record(
            actor=ResidentActor(), article=articles[article_key], helpful=helpful
        )
    return list(articles.values())
