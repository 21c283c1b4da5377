"""Synthetic transcripts for benchmarks and load tests (filler text, not the demo corpus).

The generator writes native transcripts (front matter, ``I:``/``R:`` turns or observation
paragraphs, ``{{code}}`` markers at the end of a respondent turn or paragraph) whose sentences
are assembled at random from a small vocabulary of everyday Dutch fragments about neighbourhood
work. The text is meant to be read and tagged at realistic speed, not to mean anything; every
document says ``synthetic: true``.

Output is deterministic: each document is drawn from its own ``random.Random`` seeded with the
seed and the document's number, so the same arguments give byte-identical files, and a document
does not change when more documents are generated.

Example::

    from wijkverbinders.synthetic import add_document, generate_corpus

    corpus = generate_corpus(Path("/tmp/bench/corpus"), 1000, seed=0)
    extra = add_document(Path("/tmp/bench/corpus"), 1001, seed=0)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["CODES", "GeneratedCorpus", "add_document", "document_id", "generate_corpus"]

#: Code ids of ``data/codebook.yaml`` used in the markers.
CODES: tuple[str, ...] = (
    "role_informing",
    "role_agenda_setting",
    "role_exploring",
    "role_facilitating",
    "role_fixer",
    "barrier_positional",
    "barrier_relational",
    "barrier_communicative",
    "barrier_other",
    "outcome_success",
    "outcome_failure",
    "rec_transition_manager",
    "rec_internal_communication",
    "rec_document_role",
    "rec_positioning",
)

ID_PREFIX = "GEN-"
ID_DIGITS = 5
MARKER_SHARE = 0.6
"""Share of respondent turns (and observation paragraphs) that end with a code marker."""

_FIRST_DATE = date(2026, 1, 5)
_JOB_TITLES = (
    "wijkregisseur",
    "wijkverbinder",
    "wijkcoördinator",
    "gebiedsregisseur",
    "wijkmanager",
)

# --- Vocabulary -------------------------------------------------------------------------------
# Sentences are built as  [opener] subject modal [adverb] infinitive-phrase [tail].
# or, inverted,           time-phrase modal subject [adverb] infinitive-phrase [tail].
# Subjects carry the conjugation class of the modal: 0 = hij/zij (singular), 1 = plural,
# 2 = ik, 3 = je. Nothing here may contain a colon or curly braces.

_SUBJECTS: tuple[tuple[str, int], ...] = (
    ("de buurtagent", 0),
    ("mijn teamleider", 0),
    ("de woningcorporatie", 0),
    ("de beheerder van het buurthuis", 0),
    ("de afdeling Openbare Ruimte", 0),
    ("een bewoner uit de Lindelaan", 0),
    ("de projectleider", 0),
    ("het wijkteam", 0),
    ("de jongerenwerker", 0),
    ("de gemeente", 0),
    ("de opzichter", 0),
    ("mijn collega van Sociaal Domein", 0),
    ("de huismeester", 0),
    ("de voorzitter van de bewonerscommissie", 0),
    ("de wethouder", 0),
    ("het callcenter", 0),
    ("de schoolleider", 0),
    ("de beleidsadviseur", 0),
    ("de bewoners", 1),
    ("de collega's van Beheer", 1),
    ("de ouderen in de flat", 1),
    ("de ondernemers op het plein", 1),
    ("de vrijwilligers", 1),
    ("de meeste mensen", 1),
    ("de jongeren bij het speelveld", 1),
    ("de buren", 1),
    ("de ambtenaren op het stadhuis", 1),
    ("de partners in de wijk", 1),
    ("wij", 1),
    ("ze", 1),
    ("ik", 2),
    ("ik", 2),
    ("ik", 2),
    ("je", 3),
    ("je", 3),
)

_MODALS: tuple[tuple[str, str, str, str], ...] = (
    ("wil", "willen", "wil", "wil"),
    ("moet", "moeten", "moet", "moet"),
    ("kan", "kunnen", "kan", "kan"),
    ("gaat", "gaan", "ga", "gaat"),
    ("zou", "zouden", "zou", "zou"),
    ("blijft", "blijven", "blijf", "blijft"),
    ("mag", "mogen", "mag", "mag"),
    ("zal", "zullen", "zal", "zal"),
)

_ADVERBS: tuple[str, ...] = (
    "vaak",
    "eigenlijk",
    "meestal",
    "dan",
    "gewoon",
    "niet altijd",
    "vooral",
    "nog steeds",
    "ook",
    "soms",
    "eerst",
    "meteen",
    "toch",
    "al snel",
    "eindelijk",
    "best wel",
)

_PHRASES: tuple[str, ...] = (
    "een melding doorzetten naar de afdeling",
    "op tijd een antwoord krijgen",
    "de bewoners bij elkaar brengen",
    "even langs het buurthuis fietsen",
    "de lantaarnpaal in de Beukenstraat laten repareren",
    "het overleg met de corporatie voorbereiden",
    "een gesprek plannen met de buurtagent",
    "de verslagen van het wijkoverleg lezen",
    "het zwerfafval bij de glasbak opruimen",
    "uitleggen hoe het besluit tot stand kwam",
    "de juiste persoon op het stadhuis vinden",
    "met de projectgroep meepraten over de plannen",
    "het signaal van de school serieus nemen",
    "de koffieochtend in het buurthuis organiseren",
    "een paar straten verderop parkeren",
    "de klachten over geluidsoverlast bundelen",
    "een nieuwe speeltuin aanvragen",
    "de planning van de bestrating aanpassen",
    "het budget voor de buurtbarbecue regelen",
    "bij de wethouder aan tafel zitten",
    "de vragen van de bewonerscommissie beantwoorden",
    "het nieuwe beleid aan de buurt uitleggen",
    "de werkzaamheden aan het riool aankondigen",
    "met de collega's van Beheer afspraken maken",
    "een handtekeningenlijst in ontvangst nemen",
    "de lijst met openstaande meldingen doorlopen",
    "een bewonersavond in de gymzaal houden",
    "de ondernemers op het plein bij elkaar roepen",
    "de overlast rond het winkelcentrum aanpakken",
    "een mail sturen naar de hele afdeling",
    "de groenstrook langs de sloot laten maaien",
    "zelf de telefoon oppakken",
    "het probleem bij de juiste afdeling neerleggen",
    "de kennis uit de wijk doorgeven aan beleid",
    "een rondje door de wijk lopen",
    "de contacten met de vrijwilligers onderhouden",
    "het plan voor de nieuwe wadi bespreken",
    "de zorgen van de ouderen doorgeven",
    "de bomenkap in het park uitleggen",
    "op de verzendlijst van de projectgroep komen",
    "een vaste plek in het overleg krijgen",
    "de verwachtingen van de bewoners bijstellen",
    "de rol van de wijkverbinder beter beschrijven",
    "het verhaal van de buurt vertellen",
    "een oplossing zoeken voor de kapotte bankjes",
    "de afspraken op papier zetten",
    "met de school en de sportclub om tafel gaan",
    "de kosten voor het onderhoud verdelen",
    "het contact met de huismeester herstellen",
    "de meldingen over losse stoeptegels afhandelen",
    "meer tijd in de wijk doorbrengen",
    "het vertrouwen van de bewoners terugwinnen",
    "de nieuwe collega wegwijs maken",
    "een extra container bij de flat regelen",
    "de inspraakavond goed voorbereiden",
    "het overzicht van alle lopende projecten bijhouden",
)

# Phrases with slots, filled from the word parts below, so that the text has a few thousand
# different words (street names, compounds, numbers, surnames) as real transcripts do, not just
# the few hundred of the fixed fragments.
_SLOT_PHRASES: tuple[str, ...] = (
    "de lantaarnpaal in de {street} laten repareren",
    "{thing} met de buurt bespreken",
    "{thing} op de agenda zetten",
    "de bewoners van de {street} over {thing} informeren",
    "{thing} bij de afdeling aankaarten",
    "met mevrouw {name} over {thing} praten",
    "meneer {name} uit de {street} terugbellen",
    "een oplossing voor {thing} zoeken",
    "{thing} voor de {street} aanvragen",
    "{n} meldingen uit de {street} afhandelen",
    "huisnummer {n} aan de {street} bezoeken",
    "{thing} samen met {thing2} oppakken",
    "de vragen over {thing} verzamelen",
    "met {n} bewoners uit de {street} om tafel gaan",
    "uitzoeken wie er over {thing} gaat",
    "{thing} aan de nieuwe wethouder uitleggen",
    "het verslag over {thing} naar mevrouw {name} sturen",
    "de plannen voor {thing} in de {street} toelichten",
)

_STREET_PARTS: tuple[str, ...] = (
    "Linde", "Eiken", "Beuken", "Meidoorn", "Rozen", "Tulpen", "Merel", "Spreeuwen", "Zwaluw",
    "Vinken", "Haven", "Molen", "Kerk", "Dorps", "School", "Vaart", "Dijk", "Duin", "Zee",
    "Polder", "Akker", "Wilgen", "Populieren", "Hazelaar", "Vlier", "Reiger", "Kievit",
    "Lijster", "Kastanje", "Esdoorn", "Berken", "Iepen", "Koren", "Tarwe", "Gersten", "Vlas",
    "Sterren", "Zonne", "Maan", "Brink", "Schans", "Veen", "Heide", "Lisser", "Mossel",
    "Netten", "Zeil", "Anker",
)  # fmt: skip
_STREET_KINDS: tuple[str, ...] = (
    "straat", "laan", "weg", "plein", "hof", "kade", "singel", "dreef", "pad", "erf",
    "gracht", "park",
)  # fmt: skip
_COMPOUND_HEADS: tuple[str, ...] = (
    "buurt", "wijk", "groen", "speel", "parkeer", "bewoners", "afval", "jongeren", "ouderen",
    "zorg", "veiligheids", "verkeers", "straat", "project", "school", "sport", "water",
    "klimaat", "energie", "huur", "winkel", "markt", "fiets", "honden", "geluids", "riool",
    "informatie", "inspraak", "onderhoud", "bomen", "stoep", "container", "vrijwilligers",
    "welzijns", "armoede", "taal", "buurthuis", "flat", "kinder", "dorps", "haven", "strand",
    "voetgangers", "natuur", "eenzaamheids",
)  # fmt: skip
# (tail of a compound, its article)
_COMPOUND_TAILS: tuple[tuple[str, str], ...] = (
    ("plan", "het"), ("overleg", "het"), ("budget", "het"), ("regeling", "de"),
    ("commissie", "de"), ("avond", "de"), ("project", "het"), ("melding", "de"),
    ("probleem", "het"), ("team", "het"), ("punt", "het"), ("route", "de"), ("fonds", "het"),
    ("lijst", "de"), ("kaart", "de"), ("zone", "de"), ("plek", "de"), ("terrein", "het"),
    ("vergunning", "de"), ("subsidie", "de"), ("notitie", "de"), ("gesprek", "het"),
    ("aanpak", "de"), ("groep", "de"), ("netwerk", "het"), ("agenda", "de"), ("beleid", "het"),
    ("vereniging", "de"), ("dienst", "de"), ("onderzoek", "het"), ("visie", "de"),
    ("schouw", "de"), ("spreekuur", "het"), ("initiatief", "het"),
)  # fmt: skip
_SURNAMES: tuple[str, ...] = (
    "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
    "Dekker", "Brouwer", "Dijkstra", "Koster", "Prins", "Huisman", "Kok", "Jacobs",
    "Verhoeven", "Willems", "Kuipers", "Schouten", "Zwart", "Postma", "Hoekstra", "Veenstra",
    "Kramer", "Wolters", "Groen", "Timmer", "Boersma", "Scholten", "Hermans", "Claassen",
    "Verbeek", "Roos", "Molenaar", "Evers", "Kuijpers", "Sluiter", "Maas",
)  # fmt: skip


_TIME_PHRASES: tuple[str, ...] = (
    "op maandagochtend",
    "na het wijkoverleg",
    "in de zomer",
    "vorige week",
    "volgend jaar",
    "meestal rond half tien",
    "na de vakantie",
    "elke dinsdag",
    "aan het eind van de dag",
    "in het najaar",
    "bij het eerste overleg",
    "sinds de reorganisatie",
    "in de praktijk",
    "op zo'n moment",
    "daarna",
    "vroeger",
    "tegenwoordig",
    "in die periode",
)

_OPENERS: tuple[str, ...] = (
    "Nou, ",
    "Kijk, ",
    "Ja, ",
    "Weet je, ",
    "Eerlijk gezegd, ",
    "Tja, ",
    "Nee, ",
    "En ",
    "Maar ",
    "Dus ",
)

_TAILS: tuple[str, ...] = (
    ", maar dat lukt niet altijd",
    ", en dat kost veel tijd",
    ", want niemand voelt zich eigenaar",
    ", maar daar gaat de afdeling niet over",
    ", en dan hoor je er weken niets meer van",
    ", want dat verwachten de bewoners",
    ", maar het budget is op",
    ", en dat werkt eigenlijk heel goed",
    ", maar de planning ligt al vast",
    ", want zo is het ooit afgesproken",
    ", en dat snappen de mensen ook wel",
    ", maar dan sta je er wel alleen voor",
)

_SHORT_SENTENCES: tuple[str, ...] = (
    "Dat is eigenlijk altijd zo gegaan.",
    "Daar zit het probleem.",
    "Dat merk je meteen in de wijk.",
    "Zo werkt het hier nu eenmaal.",
    "Dat vind ik best lastig.",
    "Niemand wist ervan.",
    "Daar ben ik wel trots op.",
    "Het duurde allemaal veel te lang.",
    "Dat heeft me echt verbaasd.",
    "De mensen voelden zich niet gehoord.",
    "Uiteindelijk is het wel goed gekomen.",
    "Toen ging het mis.",
    "Dat is een terugkerend verhaal.",
    "Ik snap die frustratie wel.",
    "Het is een kleine gemeente, iedereen kent elkaar.",
    "Dat staat nergens beschreven.",
    "Daar hebben we nooit een goede afspraak over gemaakt.",
    "Het loopt vaak via via.",
    "Dat was een mooi moment.",
    "Je moet het echt samen doen.",
)

_TOPICS: tuple[str, ...] = (
    "de meldingen over zwerfafval",
    "het buurthuis",
    "het wijkoverleg",
    "de samenwerking met de woningcorporatie",
    "de plannen voor het plein",
    "je plek in de organisatie",
    "de contacten met de bewoners",
    "de projectgroep",
    "het contact met beleid",
    "de overlast bij het winkelcentrum",
    "de bewonerscommissie",
    "je eigen rol",
    "de verdeling van de budgetten",
    "de reorganisatie",
    "de inspraakavond",
    "de vrijwilligers",
    "de jongeren in de wijk",
    "je teamleider",
    "de afspraken met Beheer",
    "het nieuwe beleid",
    "de informatie vanuit het stadhuis",
    "de verwachtingen van de buurt",
)

_QUESTION_TEMPLATES: tuple[str, ...] = (
    "Hoe gaat dat dan met {topic}?",
    "Kun je iets meer vertellen over {topic}?",
    "Wat betekent dat voor {topic}?",
    "En hoe kijk je zelf naar {topic}?",
    "Wie is er eigenlijk verantwoordelijk voor {topic}?",
    "Merk je dat ook bij {topic}?",
    "Wat zou je willen veranderen aan {topic}?",
    "Hoe vaak heb je te maken met {topic}?",
)

_QUESTIONS: tuple[str, ...] = (
    "Kun je daar een voorbeeld van geven?",
    "Hoe bedoel je?",
    "En toen?",
    "Wat gebeurde er daarna?",
    "Hoe voelde dat?",
    "Wie had dat moeten doen?",
    "Is dat vaker zo?",
    "Wat heb je toen gedaan?",
)

_DAYS: tuple[str, ...] = ("Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag")
_PLACES: tuple[str, ...] = (
    "de grote zaal van het buurthuis",
    "een vergaderkamer op het stadhuis",
    "de hal van de flat aan de Esdoornlaan",
    "het plein voor het winkelcentrum",
    "de kantine van de voetbalclub",
    "het kantoor van de woningcorporatie",
    "een portiek in de Merelstraat",
    "de speeltuin achter de school",
)
_SCENES: tuple[str, ...] = (
    "Er staat koffie op tafel en iemand deelt een lijst met meldingen uit.",
    "Een paar bewoners zijn er al, de rest komt binnen druppelen.",
    "Het is druk en rumoerig, iedereen praat door elkaar.",
    "Ik zit aan de zijkant en schrijf mee.",
    "Op het scherm staat een kaart van de wijk.",
    "Buiten regent het, binnen is het warm en vol.",
)


# --- Generation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedCorpus:
    """What :func:`generate_corpus` wrote.

    Attributes:
        paths: The written files, in id order.
        documents: Number of documents written.
        words: Total words of the bodies: whitespace-separated tokens, not counting speaker
            labels (``I:``, ``R:``) and code markers.
    """

    paths: tuple[Path, ...]
    documents: int
    words: int


def document_id(index: int) -> str:
    """The id of document number ``index`` (1-based), e.g. ``GEN-00001``.

    Args:
        index: The document's number, 1 or more.

    Returns:
        The zero-padded id.
    """
    return f"{ID_PREFIX}{index:0{ID_DIGITS}d}"


def _municipality(index: int, municipalities: int) -> tuple[str, str]:
    """(folder slug, municipality name) of a document; documents go round-robin."""
    number = (index - 1) % municipalities + 1
    digits = max(2, len(str(municipalities)))
    return f"gemeente-{number:0{digits}d}", f"Gemeente {number:0{digits}d}"


def _thing(rng: random.Random) -> str:
    tail, article = rng.choice(_COMPOUND_TAILS)
    return f"{article} {rng.choice(_COMPOUND_HEADS)}{tail}"


def _slot_phrase(rng: random.Random) -> str:
    text = rng.choice(_SLOT_PHRASES)
    if "{street}" in text:
        street = rng.choice(_STREET_PARTS) + rng.choice(_STREET_KINDS)
        text = text.replace("{street}", street)
    if "{thing}" in text:
        text = text.replace("{thing}", _thing(rng))
    if "{thing2}" in text:
        text = text.replace("{thing2}", _thing(rng))
    if "{name}" in text:
        text = text.replace("{name}", rng.choice(_SURNAMES))
    if "{n}" in text:
        text = text.replace("{n}", str(rng.randint(2, 400)))
    return text


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(_SHORT_SENTENCES)
    subject, person = rng.choice(_SUBJECTS)
    inverted = roll < 0.45
    if inverted and person == 3:  # "wil je", "ga je": the stem, as with "ik"
        person = 2
    verb = rng.choice(_MODALS)[person]
    middle = f"{rng.choice(_ADVERBS)} " if rng.random() < 0.6 else ""
    phrase = _slot_phrase(rng) if rng.random() < 0.4 else rng.choice(_PHRASES)
    tail = rng.choice(_TAILS) if rng.random() < 0.3 else ""
    if inverted:
        text = f"{rng.choice(_TIME_PHRASES)} {verb} {subject} {middle}{phrase}{tail}."
    else:
        opener = rng.choice(_OPENERS) if rng.random() < 0.25 else ""
        text = f"{opener}{subject} {verb} {middle}{phrase}{tail}."
    return text[0].upper() + text[1:]


def _question(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(_QUESTIONS)
    return rng.choice(_QUESTION_TEMPLATES).format(topic=rng.choice(_TOPICS))


def _marker(rng: random.Random) -> str:
    if rng.random() >= MARKER_SHARE:
        return ""
    codes = rng.sample(CODES, 1 if rng.random() < 0.7 else 2)
    return " {{" + ", ".join(codes) + "}}"


def _fill(rng: random.Random, budget: int, sentences: int) -> tuple[str, int]:
    """Up to ``sentences`` sentences, stopping once ``budget`` words are reached (at least one)."""
    parts: list[str] = []
    words = 0
    while True:
        sentence = _sentence(rng)
        parts.append(sentence)
        words += sentence.count(" ") + 1
        if len(parts) >= sentences or words >= budget:
            return " ".join(parts), words


def _interview_body(rng: random.Random, target: int) -> tuple[list[str], int]:
    turns: list[str] = []
    words = 0
    while words < target:
        question = _question(rng)
        turns.append(f"I: {question}")
        words += question.count(" ") + 1
        answer, count = _fill(rng, target - words, rng.randint(1, 7))
        turns.append(f"R: {answer}{_marker(rng)}")
        words += count
    return turns, words


def _observation_body(rng: random.Random, target: int) -> tuple[list[str], int]:
    scene = f"{rng.choice(_DAYS)}, {rng.randint(8, 20)}.{rng.choice(('00', '15', '30', '45'))} uur"
    opening = f"{scene}, {rng.choice(_PLACES)}. {rng.choice(_SCENES)}"
    words = opening.count(" ") + 1
    paragraphs: list[str] = []
    first = True
    while words < target or first:
        text, count = _fill(rng, target - words, rng.randint(3, 8))
        if first:
            text = f"{opening} {text}"
            first = False
        paragraphs.append(f"{text}{_marker(rng)}")
        words += count
    return paragraphs, words


def _render(
    index: int,
    *,
    seed: int,
    municipalities: int,
    words_per_interview: int,
    observation_share: float,
) -> tuple[str, str, int]:
    """(folder, file text, body words) of document number ``index``."""
    rng = random.Random(f"wijkverbinders-synthetic:{seed}:{index}")
    observation = rng.random() < observation_share
    folder, municipality = _municipality(index, municipalities)
    # Aim a little low: the last sentence overshoots the target by a few words.
    scale = 0.5 if observation else 1.0
    target = max(1, round(words_per_interview * scale * rng.uniform(0.93, 1.03)))
    if observation:
        blocks, words = _observation_body(rng, target)
    else:
        blocks, words = _interview_body(rng, target)
    day = _FIRST_DATE + timedelta(days=rng.randrange(180))
    header = (
        "---\n"
        f"id: {document_id(index)}\n"
        f"municipality: {municipality}\n"
        f"source_type: {'observation' if observation else 'interview'}\n"
        f"respondent: {ID_PREFIX}R{index:0{ID_DIGITS}d}\n"
        f"job_title: {rng.choice(_JOB_TITLES)}\n"
        f"date: {day.isoformat()}\n"
        "coder: A\n"
        "synthetic: true\n"
        "---\n"
    )
    return folder, header + "\n\n".join(blocks) + "\n", words


def _check(n_documents: int, municipalities: int, words: int, observation_share: float) -> None:
    if n_documents < 0:
        raise ValueError(f"n_documents must be 0 or more, not {n_documents}")
    if municipalities < 1:
        raise ValueError(f"municipalities must be 1 or more, not {municipalities}")
    if words < 1:
        raise ValueError(f"words_per_interview must be 1 or more, not {words}")
    if not 0.0 <= observation_share <= 1.0:
        raise ValueError(f"observation_share must be between 0 and 1, not {observation_share}")


def _write(root: Path, folder: str, index: int, text: str) -> Path:
    path = root / folder / f"{document_id(index)}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def generate_corpus(
    root: Path,
    n_documents: int,
    *,
    municipalities: int = 40,
    seed: int = 0,
    words_per_interview: int = 1300,
    observation_share: float = 0.25,
) -> GeneratedCorpus:
    """Write ``n_documents`` synthetic transcripts into a corpus folder.

    Documents are numbered 1 to ``n_documents`` (ids ``GEN-00001`` ...) and go round-robin into
    one sub-folder per municipality (``gemeente-01`` for ``Gemeente 01``). Files of the same name
    are overwritten; other files under ``root`` are left alone.

    Args:
        root: The corpus folder (created if missing).
        n_documents: How many documents to write.
        municipalities: How many municipalities (sub-folders) to spread them over.
        seed: Seed of the random text; the same seed and arguments give byte-identical files.
        words_per_interview: Target body length of an interview (within about ±7%);
            observations get about half.
        observation_share: Expected share of observations among the documents.

    Returns:
        The written paths, the number of documents and the total body words.

    Raises:
        ValueError: If a count is out of range.
    """
    _check(n_documents, municipalities, words_per_interview, observation_share)
    root = Path(root)
    paths: list[Path] = []
    total = 0
    for index in range(1, n_documents + 1):
        folder, text, words = _render(
            index,
            seed=seed,
            municipalities=municipalities,
            words_per_interview=words_per_interview,
            observation_share=observation_share,
        )
        paths.append(_write(root, folder, index, text))
        total += words
    return GeneratedCorpus(paths=tuple(paths), documents=len(paths), words=total)


def add_document(
    root: Path,
    index: int,
    *,
    seed: int = 0,
    municipalities: int = 40,
    words_per_interview: int = 1300,
    observation_share: float = 0.0,
) -> Path:
    """Write one more synthetic transcript, document number ``index``, into a corpus folder.

    Meant for measuring an incremental run: generate ``n`` documents, then add number ``n + 1``.
    With the default ``observation_share=0.0`` the new document is an interview; with the same
    options as :func:`generate_corpus` it is the file that call would write for ``index``.

    Args:
        root: The corpus folder.
        index: The new document's number (1 or more); its id is :func:`document_id` of it.
        seed: Seed of the random text.
        municipalities: How many municipalities the corpus is spread over.
        words_per_interview: Target body length of an interview.
        observation_share: Chance that the new document is an observation.

    Returns:
        The path of the new file.

    Raises:
        FileExistsError: If a document with that id already exists under ``root``.
        ValueError: If a count is out of range.
    """
    _check(1, municipalities, words_per_interview, observation_share)
    if index < 1:
        raise ValueError(f"index must be 1 or more, not {index}")
    root = Path(root)
    existing = next(root.glob(f"*/{document_id(index)}.txt"), None)
    if existing is not None:
        raise FileExistsError(f"{existing} already exists: use another index")
    folder, text, _ = _render(
        index,
        seed=seed,
        municipalities=municipalities,
        words_per_interview=words_per_interview,
        observation_share=observation_share,
    )
    return _write(root, folder, index, text)
