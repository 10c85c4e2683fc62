"""Swedish phrases for the generated history: what residents ask about, per category.

Placeholders ({gata}, {nr}, {park}, {anlaggning}, {bibliotek}, {forskola}, {skola}) are filled
from the place lists in `people.py`. Texts in confidential categories are kept short on purpose:
the contact center should hold as little as possible of such matters (S10).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Phrases:
    subjects: tuple[str, ...]
    descriptions: tuple[str, ...]
    answers: tuple[str, ...]


P = Phrases

PHRASES: dict[str, Phrases] = {
    "gata-trafik-felanmalan": P(
        ("Potthål i körbanan på {gata} {nr}", "Trasig kantsten vid {gata} {nr}",
         "Lös gatsten i trottoaren på {gata}", "Sättning i cykelbanan längs {gata}"),
        ("Hålet är djupt och bilar väjer in i mötande körfält.",
         "Ojämnt underlag, en äldre person har snubblat där."),
        ("Hänvisade till felanmälan i Stockholmsappen.",
         "Informerade om hur felanmälan handläggs."),
    ),
    "gata-trafik-snorojning": P(
        ("Ej snöröjt på {gata}", "Halt på gångbanan vid {gata} {nr}",
         "Snövall blockerar övergångsställe på {gata}"),
        ("Ingen plogning sedan snöfallet i går kväll.", "Det är isigt och inte sandat."),
        ("Förklarade prioriteringsordningen för snöröjning.",
         "Informerade om entreprenörens tider."),
    ),
    "gata-trafik-gatubelysning": P(
        ("Trasig gatubelysning på {gata} {nr}", "Lampa blinkar vid {gata} {nr}",
         "Mörkt i gångtunneln vid {gata}", "Belysningen släckt i {park}"),
        ("Flera lampor i rad är släckta, det känns otryggt.", "Lampan har varit trasig en vecka."),
        ("Registrerade felanmälan och gav ärendenummer i appen.",),
    ),
    "gata-trafik-trafiksignaler": P(
        ("Trafiksignalen ur funktion vid {gata}", "Nedkört vägmärke på {gata} {nr}",
         "För kort grön tid för gående vid {gata}"),
        ("Signalen visar gult blinkande sedan i morse.", "Skylten ligger på marken."),
        ("Förklarade hur signaltider bestäms.",),
    ),
    "gata-trafik-cykel": P(
        ("Cykelbanan på {gata} är avstängd utan omledning", "Fler cykelställ behövs vid {gata}",
         "Övergivna cyklar i cykelstället vid {gata} {nr}"),
        ("Cyklister hänvisas ut i körbanan.", "Det saknas plats att ställa cykeln."),
        ("Informerade om hur övergivna cyklar märks och forslas bort.",),
    ),
    "gata-trafik-markupplatelse": P(
        ("Ansökan om uteservering på {gata} {nr}", "Container på gatan vid {gata} {nr}",
         "Tillstånd för flyttbil på {gata}"),
        ("Vill veta vilka handlingar som krävs och hur lång tid det tar.",),
        ("Hänvisade till e-tjänsten för markupplåtelse och polisens tillstånd.",),
    ),
    "gata-trafik-klotter": P(
        ("Klotter på elskåp vid {gata} {nr}", "Nedskräpning i {park}",
         "Överfulla papperskorgar längs {gata}"),
        ("Klottret är stötande och har funnits i flera dagar.",),
        ("Informerade om att stötande klotter saneras inom 24 timmar.",),
    ),
    "parker-skotsel": P(
        ("Gräset inte klippt i {park}", "Trasig parkbänk i {park}", "Trasigt staket i {park}"),
        ("Gräset är mycket högt och det är svårt att ta sig fram.",),
        ("Informerade om skötselplanen för parken.",),
    ),
    "parker-lekplatser": P(
        ("Trasig gunga på lekplatsen i {park}", "Glassplitter i sandlådan i {park}",
         "Önskemål om ny lekplats vid {gata}"),
        ("Det är farligt för barnen.",),
        ("Förklarade hur lekplatserna besiktigas.",),
    ),
    "parker-trad": P(
        ("Träd riskerar att falla vid {gata} {nr}", "Grenar skymmer sikten vid {gata}",
         "Fråga om trädfällning i {park}"),
        ("Trädet lutar kraftigt mot gångvägen.",),
        ("Informerade om att fastighetsägaren ansvarar för träd på tomtmark.",),
    ),
    "avfall-sophamtning": P(
        ("Missad sophämtning på {gata} {nr}", "Sopkärlet inte tömt vid {gata} {nr}",
         "Byte av kärlstorlek, {gata} {nr}"),
        ("Tunnan har inte tömts på två veckor.", "Sopbilen kom inte förbi på ordinarie dag."),
        ("Informerade om hämtdagar och hänvisade till Stockholm Vatten och Avfalls e-tjänst.",),
    ),
    "avfall-matavfall": P(
        ("Beställa påsar för matavfall", "Frågor om matavfallsinsamling i flerbostadshus"),
        ("Vill veta hur man kommer igång.",),
        ("Förklarade hur påsar hämtas och var matavfallet ska lämnas.",),
    ),
    "avfall-grovavfall": P(
        ("Öppettider för återvinningscentralen", "Grovavfall dumpat vid {gata} {nr}",
         "Mobil återvinningscentral i närheten av {gata}"),
        ("Ett kylskåp och en soffa står på trottoaren.",),
        ("Gav öppettider och adress till närmaste återvinningscentral.",),
    ),
    "avfall-farligt": P(
        ("Var lämnar man färgrester och kemikalier?", "Miljöstationen vid {gata} är full"),
        ("Vill lämna farligt avfall från en renovering.",),
        ("Informerade om miljöstationer och Farligt avfall-bilen.",),
    ),
    "vatten-avbrott": P(
        ("Inget vatten på {gata} {nr}", "Vattenläcka i gatan vid {gata}",
         "Lågt vattentryck på {gata}"),
        ("Vatten strömmar upp ur asfalten.", "Hela huset saknar vatten sedan i morse."),
        ("Kontrollerade driftstörningar och informerade om planerat arbete.",),
    ),
    "vatten-avlopp": P(
        ("Stopp i avloppet på {gata} {nr}", "Det luktar avlopp vid {gata}"),
        ("Källaren har fått in vatten.",),
        ("Förklarade gränsen för fastighetsägarens ansvar.",),
    ),
    "vatten-kvalitet": P(
        ("Missfärgat kranvatten på {gata} {nr}", "Fråga om vattnets hårdhet"),
        ("Vattnet är brunt efter arbeten i gatan.",),
        ("Informerade om spolning av ledningarna och vattnets kvalitet.",),
    ),
    "vatten-fakturor": P(
        ("Fråga om faktura för vatten och avlopp", "Felaktig avgift för sophämtning"),
        ("Fakturan är dubbelt så hög som förra kvartalet.",),
        ("Förklarade taxan och hur fakturan är uppbyggd.",),
    ),
    "parkering-boende": P(
        ("Ansökan om boendeparkering, {gata} {nr}", "Boendeparkering efter flytt till {gata}",
         "Byte av fordon för boendeparkering", "Återbetalning av boendeparkering"),
        ("Har flyttat och vill flytta över tillståndet.", "Har bytt bil och vill ändra regnumret."),
        ("Förklarade boendeparkeringsområden och hur ansökan görs i e-tjänsten.",),
    ),
    "parkering-felparkering": P(
        ("Bil felparkerad på {gata} {nr}", "Flyttad bil från {gata}",
         "Bestrida parkeringsanmärkning"),
        ("Bilen blockerar utfarten.", "Vill veta vart bilen har flyttats."),
        ("Gav telefonnummer till flyttcentralen och informerade om bestridande.",),
    ),
    "parkering-garage": P(
        ("Betalautomaten fungerar inte i garaget vid {gata}", "Hyra garageplats nära {gata}"),
        ("Automaten tar inte kort.",),
        ("Hänvisade till Stockholm Parkerings kundservice.",),
    ),
    "parkering-rorelsehindrade": P(
        ("Ansökan om parkeringstillstånd för rörelsehindrade", "Förnyelse av parkeringstillstånd"),
        ("Tillståndet går ut nästa månad.",),
        ("Informerade om läkarintyg och handläggningstid.",),
    ),
    "bygglov-fragor": P(
        ("Behövs bygglov för altan?", "Fråga om attefallshus på tomten vid {gata}",
         "Bygglov för inglasning av balkong", "Vad kostar ett bygglov?"),
        ("Vill veta vilka regler som gäller innan ansökan.",),
        ("Förklarade reglerna för bygglovsbefriade åtgärder.",
         "Hänvisade till bygglovsrådgivningen."),
    ),
    "bygglov-arende": P(
        ("Status för bygglovsärende, {gata} {nr}", "Komplettering av bygglovsansökan",
         "Fråga om startbesked, {gata} {nr}"),
        ("Ansökan skickades in för sex veckor sedan och inget har hörts.",),
        ("Kontrollerade att ansökan är registrerad.",),
    ),
    "bygglov-kartor": P(
        ("Beställning av nybyggnadskarta, {gata} {nr}",
         "Fråga om detaljplan för kvarteret vid {gata}"),
        ("Behöver kartan till en ansökan.",),
        ("Hänvisade till kartor och ritningar på webben.",),
    ),
    "bygglov-olovligt": P(
        ("Misstänkt olovligt bygge på {gata} {nr}", "Skylt uppsatt utan lov på {gata}"),
        ("Grannen bygger en tillbyggnad utan att ha sökt lov.",),
        ("Förklarade hur tillsynsärenden handläggs.",),
    ),
    "miljo-buller": P(
        ("Buller från byggarbetsplats på {gata}", "Hög musik från restaurang vid {gata} {nr}",
         "Buller från fläkt på {gata} {nr}"),
        ("Arbetet pågår även nattetid.", "Det hörs varje kväll efter klockan 22."),
        ("Informerade om riktvärden för buller och hur klagomål görs.",),
    ),
    "miljo-inomhus": P(
        ("Mögel i lägenhet på {gata} {nr}", "Dålig ventilation i bostaden", "Fukt i badrummet"),
        ("Hyresvärden har inte åtgärdat trots påpekanden.",),
        ("Förklarade att hyresvärden ska kontaktas först och hur man sedan anmäler.",),
    ),
    "miljo-livsmedel": P(
        ("Matförgiftning efter restaurangbesök vid {gata}", "Starta livsmedelsverksamhet"),
        ("Flera i sällskapet blev sjuka.",),
        ("Informerade om registrering av livsmedelsanläggning.",),
    ),
    "miljo-skadedjur": P(
        ("Råttor på gården vid {gata} {nr}", "Kackerlackor i trapphuset"),
        ("Råttorna syns även på dagtid.",),
        ("Informerade om fastighetsägarens ansvar för sanering.",),
    ),
    "miljo-eldning": P(
        ("Rök från grannens vedeldning", "Får man elda trädgårdsavfall?"),
        ("Röken tränger in genom ventilationen.",),
        ("Informerade om eldningsförbud och lokala föreskrifter.",),
    ),
    "forskola-ko": P(
        ("Ansökan om förskoleplats", "Byte av förskola till {forskola}",
         "Placeringsdatum för förskoleplats", "Säga upp förskoleplats"),
        ("Familjen har flyttat inom staden.", "Vill veta plats i kön."),
        ("Förklarade hur ansökan görs i e-tjänsten Förskola.",),
    ),
    "forskola-avgift": P(
        ("Fråga om faktura för förskoleavgift", "Inkomstuppgift för förskoleavgift"),
        ("Fakturan stämmer inte med den anmälda inkomsten.",),
        ("Förklarade maxtaxan och hur inkomst anmäls.",),
    ),
    "skola-skolval": P(
        ("Skolval till förskoleklass", "Byte av skola till {skola}", "Placering i {skola}"),
        ("Fick inte förstahandsvalet.", "Vill veta när beskeden skickas."),
        ("Informerade om skolvalets tidplan och urvalsregler.",),
    ),
    "skola-skolskjuts": P(
        ("Ansökan om skolskjuts", "Skolskjutsen kom inte i morse"),
        ("Barnet fick vänta i en timme.",),
        ("Förklarade reglerna för skolskjuts.",),
    ),
    "skola-fritidshem": P(
        ("Ansökan om fritidshem vid {skola}", "Uppsägning av fritidshemsplats"),
        ("Vill ha plats från nästa termin.",),
        ("Hänvisade till e-tjänsten för fritidshem.",),
    ),
    "skola-gymnasium": P(
        ("Fråga om gymnasieantagningen", "Omval till gymnasiet"),
        ("Vill veta när omvalet öppnar.",),
        ("Informerade om antagningens tidplan.",),
    ),
    "aldre-allmant": P(
        ("Hur ansöker man om hemtjänst?", "Frågor om trygghetslarm", "Mötesplatser för äldre"),
        ("Ringer för en förälder som bor i Stockholm.",),
        ("Gav information och numret till Äldre direkt.",),
    ),
    "aldre-hemtjanst": P(
        ("Vill komma i kontakt med biståndshandläggare", "Fråga om beviljad hemtjänst"),
        ("Önskar bli uppringd.",),
        ("Gav telefontider till beställarenheten.",),
    ),
    "aldre-boende": P(
        ("Vill komma i kontakt med biståndshandläggare om boende",),
        ("Önskar bli uppringd.",),
        ("Gav telefontider till beställarenheten.",),
    ),
    "socialtjanst-ekonomiskt-bistand": P(
        ("Vill komma i kontakt med socialsekreterare", "Fråga om utbetalning"),
        ("Önskar bli uppringd.",),
        ("Gav telefontider till mottagningen.",),
    ),
    "socialtjanst-orosanmalan": P(
        ("Orosanmälan om barn",),
        ("Anmälaren önskar bli uppringd.",),
        ("Hänvisade till socialjouren utanför kontorstid.",),
    ),
    "socialtjanst-lss": P(
        ("Vill komma i kontakt med LSS-handläggare", "Fråga om ansökan om LSS-insats"),
        ("Önskar bli uppringd.",),
        ("Gav information om vilka insatser LSS omfattar.",),
    ),
    "socialtjanst-missbruk": P(
        ("Vill komma i kontakt med beroendemottagning",),
        ("Önskar bli uppringd.",),
        ("Gav kontaktuppgifter till mottagningen.",),
    ),
    "socialtjanst-vald": P(
        ("Vill komma i kontakt med socialtjänsten",),
        ("Önskar bli uppringd på ett säkert nummer.",),
        ("Gav information om stöd och numret till socialjouren.",),
    ),
    "bostad-bostadskon": P(
        ("Köpoäng i bostadskön", "Förnya köplats", "Fråga om lägenhetserbjudande"),
        ("Köavgiften har inte registrerats.",),
        ("Förklarade hur köpoäng räknas och hänvisade till Mina sidor.",),
    ),
    "bostad-seniorbostader": P(
        ("Ansökan om seniorbostad", "Lediga seniorbostäder i närheten av {gata}"),
        ("Söker för sin mamma.",),
        ("Hänvisade till Micasas uthyrning.",),
    ),
    "arbete-jobbtorg": P(
        ("Inskrivning på Jobbtorg", "Frågor om feriejobb"),
        ("Har precis flyttat till Stockholm och söker arbete.",),
        ("Informerade om Jobbtorg Stockholms mottagningar.",),
    ),
    "arbete-vuxenutbildning": P(
        ("Ansökan till sfi", "Betyg från komvux", "Studievägledning inom vuxenutbildningen"),
        ("Vill läsa in gymnasiebehörighet.",),
        ("Hänvisade till vuxenutbildningens e-tjänst.",),
    ),
    "idrott-bokning": P(
        ("Boka idrottshall i {anlaggning}", "Avboka tid i {anlaggning}",
         "Hyra fotbollsplan vid {anlaggning}"),
        ("Föreningen vill ha fasta tider under vårsäsongen.",),
        ("Hänvisade till Bokningen och e-tjänsten för bokning.",),
    ),
    "idrott-simskola": P(
        ("Anmälan till simskola i {anlaggning}", "Boka plats på vattengympa i {anlaggning}"),
        ("Vill anmäla två barn.",),
        ("Hänvisade till bokning av simskola på webben.",),
    ),
    "idrott-simhallar": P(
        ("Öppettider i {anlaggning}", "Trasig dusch i {anlaggning}",
         "Elljusspåret släckt vid {park}"),
        ("Vill veta om bassängen är öppen under helgen.",),
        ("Gav öppettider och information om priser.",),
    ),
    "idrott-foreningsbidrag": P(
        ("Ansökan om föreningsbidrag", "Redovisning av aktivitetsbidrag"),
        ("Föreningen missade sista ansökningsdag.",),
        ("Informerade om ansökningsperioderna.",),
    ),
    "kultur-bibliotek": P(
        ("Förlorat lånekort", "Försenad återlämning till {bibliotek}",
         "Öppettider för {bibliotek}"),
        ("Vill spärra kortet.",),
        ("Spärrade inte kortet själv, hänvisade till bibliotekets kundtjänst.",),
    ),
    "kultur-kulturskola": P(
        ("Anmälan till Kulturskolan", "Avgift för Kulturskolan"),
        ("Vill anmäla sitt barn till dans.",),
        ("Förklarade antagning och avgifter.",),
    ),
    "kultur-kulturstod": P(
        ("Ansökan om kulturstöd", "Stöd till kulturarrangemang"),
        ("Planerar en festival i {park}.",),
        ("Hänvisade till kulturförvaltningens stödformer.",),
    ),
    "synpunkter-synpunkt": P(
        ("Synpunkt på trafiksituationen vid {gata}", "Synpunkt på öppettider i {bibliotek}",
         "Synpunkt på stadens webbplats"),
        ("Vill att synpunkten förs vidare till ansvarig förvaltning.",),
        ("Tog emot synpunkten och förklarade hur den förs vidare.",),
    ),
    "synpunkter-klagomal": P(
        ("Klagomål på bemötande i kontakt med staden", "Klagomål på snöröjningen på {gata}",
         "Klagomål på långa väntetider i telefon"),
        ("Har inte fått svar trots flera kontakter.",),
        ("Tog emot klagomålet och förklarade hanteringen.",),
    ),
    "synpunkter-berom": P(
        ("Beröm till personalen i {anlaggning}", "Beröm för nyrenoverade {park}"),
        ("Vill att beröm framförs till personalen.",),
        ("Tog emot berömmet.",),
    ),
    "handlingar-begaran": P(
        ("Begäran om allmän handling", "Begär ut beslut och protokoll från nämnden"),
        ("Önskar handlingarna per e-post.",),
        ("Förklarade hur begäran om allmän handling görs.",),
    ),
    "handlingar-arkiv": P(
        ("Söker ritningar till fastigheten på {gata} {nr}", "Släktforskning i stadens arkiv"),
        ("Behöver kopior av äldre bygglovsritningar.",),
        ("Hänvisade till Stadsarkivets webbtjänst och forskarexpedition.",),
    ),
    "overformyndare-god-man": P(
        ("Ansökan om god man", "Bli god man"),
        ("Vill veta vad uppdraget innebär.",),
        ("Informerade om uppdraget och utbildningen för gode män.",),
    ),
    "overformyndare-arsrakning": P(
        ("Inlämning av årsräkning", "Frågor om redovisning för förvaltare"),
        ("Missade sista dag för inlämning.",),
        ("Förklarade hur årsräkningen lämnas digitalt.",),
    ),
    "val-rostning": P(
        ("Röstkort har inte kommit", "Förtidsröstning i närheten av {gata}"),
        ("Vill veta var närmaste röstningslokal finns.",),
        ("Informerade om röstningslokaler och Valmyndighetens webbplats.",),
    ),
    "begravning-gravplats": P(
        ("Gravskötsel på Skogskyrkogården", "Fråga om gravrätt"),
        ("Vill förlänga gravrätten.",),
        ("Informerade om gravrätt och skötselavtal.",),
    ),
}  # fmt: skip

NOTES: tuple[str, ...] = (
    "Ringt invånaren, ingen svarade. Försöker igen i morgon.",
    "Kontrollerat uppgifterna, ärendet stämmer.",
    "Invånaren ringde igen och frågade om status.",
    "Beställt åtgärd av entreprenören.",
    "Väntar på underlag från annan enhet.",
)

REPLIES: tuple[str, ...] = (
    "Tack för att du hörde av dig. Vi har tagit emot ditt ärende och återkommer.",
    "Vi har åtgärdat det du anmälde. Tack för att du hjälper oss att hålla staden i ordning.",
    "Vi behöver fler uppgifter för att kunna hjälpa dig. Svara gärna på det här meddelandet.",
    "Ditt ärende är nu utrett. Du hittar mer information på stockholm.se.",
)

RESOLUTIONS: tuple[str, ...] = (
    "Åtgärdat.",
    "Besvarat, invånaren nöjd.",
    "Besvarat per e-post.",
    "Ingen åtgärd behövs, informerat invånaren.",
    "Åtgärdat av entreprenör, kontrollerat på plats.",
)
