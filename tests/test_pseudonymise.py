"""Pseudonymisation of shareable text, and the exemplar quotes that use it."""

from dataclasses import dataclass

import pandas as pd
import pytest

from tests.conftest import CODEBOOK
from wijkverbinders import stages
from wijkverbinders.pseudonymise import Pseudonymiser
from wijkverbinders.quotes import choose


@dataclass
class _Annotation:
    start_char: int
    end_char: int
    tag: str
    text: str


class _Engine:
    """A stand-in for deduce that tags given words, for fast unit tests."""

    def __init__(self, tags):
        self.tags = tags

    def deidentify(self, text):
        found = []
        for word, tag in self.tags.items():
            start = text.find(word)
            while start >= 0:
                found.append(_Annotation(start, start + len(word), tag, word))
                start = text.find(word, start + 1)

        class _Doc:
            annotations = found

        return _Doc()


def test_the_same_name_keeps_its_pseudonym_within_a_document():
    p = Pseudonymiser(engine=_Engine({"Ria": "persoon", "Kees": "persoon"}))
    assert p.replace("Ria belde Kees.", document="a") == "[PERSOON-1] belde [PERSOON-2]."
    assert p.replace("Kees en Ria.", document="a") == "[PERSOON-2] en [PERSOON-1]."
    # Numbering starts again in another document.
    assert p.replace("Kees.", document="b") == "[PERSOON-1]."
    assert p.counts == {"PERSOON": 5}


def test_allowed_words_stay_and_denied_names_go_even_when_deduce_misses_them():
    engine = _Engine({"Katwijk": "locatie", "gemeente Katwijk": "locatie", "Jan": "persoon"})
    p = Pseudonymiser(allow=["Katwijk"], deny=["Kwakelhoek"], engine=engine)
    text = "De gemeente Katwijk en Jan liepen door Kwakelhoek."
    assert p.replace(text, document="d") == (
        "De gemeente Katwijk en [PERSOON-1] liepen door [NAAM-1]."
    )


def test_names_learned_in_a_document_are_caught_where_deduce_misses_them():
    p = Pseudonymiser(engine=_Engine({"Ria Hendriks": "persoon"}))
    p.learn(["Ria Hendriks belde."])
    # "Ria" alone is not tagged by the engine, but belongs to the learned name.
    assert p.replace("Later belde Ria weer.", document="d") == "Later belde [PERSOON-1] weer."
    assert p.replace_words("ria; lamp; bellen") == "[PERSOON]; lamp; bellen"


def _segments(rows):
    base = {
        "coded": True,
        "source_type": "interview",
        "line": 1,
        "synthetic": "yes",
        "job_title": "wijkregisseur",
    }
    return pd.DataFrame([{**base, **row} for row in rows])


LONG = "Ik heb de stoeptegel zelf laten rechtleggen, want anders gebeurt er niets in de straat."


def test_quotes_are_chosen_by_the_stated_rule(codebook):
    frame = _segments(
        [
            # Two role codes: not a clear example of the fixer.
            {"doc_id": "A", "segment_id": "A:001", "municipality": "Katwijk",
             "respondent": "R1", "codes": "role_fixer;role_informing", "text": LONG},
            {"doc_id": "A", "segment_id": "A:002", "municipality": "Katwijk",
             "respondent": "R1", "codes": "role_fixer", "text": LONG + " Echt."},
            {"doc_id": "A", "segment_id": "A:003", "municipality": "Katwijk",
             "respondent": "R1", "codes": "role_fixer", "text": LONG},
            {"doc_id": "B", "segment_id": "B:001", "municipality": "Katwijk",
             "respondent": "R2", "codes": "role_fixer;barrier_positional", "text": LONG},
            # Too short for the strict rule: the only Maassluis segment, taken relaxed.
            {"doc_id": "C", "segment_id": "C:001", "municipality": "Maassluis",
             "respondent": "R3", "codes": "role_fixer", "text": "Ik regel het."},
        ]
    )  # fmt: skip
    chosen = choose(frame, codebook)
    fixer = chosen[chosen["code"] == "role_fixer"]
    assert fixer[["municipality", "rank", "segment_id", "rule"]].values.tolist() == [
        ["Katwijk", 1, "A:003", "strict"],
        ["Katwijk", 2, "B:001", "strict"],
        ["Maassluis", 1, "C:001", "relaxed"],
    ]


@pytest.fixture(scope="session")
def deduce_engine():
    from wijkverbinders.pseudonymise import load_deduce

    return load_deduce()


PLANTED = [
    "Ria Hendriks",
    "Hendriks",
    "Mustafa Yilmaz",
    "Zeilmakerspad 12",
    "2225 AB",
    "06-12345678",
    "071-4021234",
    "ria.hendriks@example.nl",
    "Kwakelhoek",
]


TRANSCRIPT = """---
id: KAT-INT-01
municipality: Katwijk
source_type: interview
respondent: KAT-R1
job_title: wijkregisseur
date: 2026-02-03
synthetic: true
---
I: Waar belde men u over?

R: Mevrouw Ria Hendriks van de Zeilmakerspad 12, 2225 AB, belde mij over de losliggende \
stoeptegel en dat heb ik zelf geregeld met de buitendienst. {{role_fixer}}

R: Ik heb Hendriks uitgelegd waar ze moet zijn; ze kan de wethouder mailen op \
ria.hendriks@example.nl of bellen met 06-12345678 of 071-4021234. {{role_informing}}

R: Samen met Mustafa Yilmaz van de gemeente Katwijk heb ik een wijkavond in Kwakelhoek \
georganiseerd, met de wijkregisseur en de bewoners erbij. {{role_facilitating}}
""".replace("\\\n", "")


def test_no_planted_name_address_or_contact_detail_reaches_a_shareable_output(
    deduce_engine, tmp_path
):
    source = tmp_path / "corpus" / "katwijk" / "KAT-INT-01.txt"
    source.parent.mkdir(parents=True)
    source.write_text(TRANSCRIPT, encoding="utf-8")
    parsed = tmp_path / "p000.jsonl"
    stages.read_batch(
        [str(source)], roots=[str(tmp_path / "corpus")], codebook=str(CODEBOOK), output=str(parsed)
    )
    quotes, counts = tmp_path / "quotes.csv", tmp_path / "pseudonymisation.csv"
    stages.quotes(
        [str(parsed)],
        codebook=str(CODEBOOK),
        output=str(quotes),
        counts_output=str(counts),
        deny=["Kwakelhoek"],
        engine=deduce_engine,
    )
    shared = quotes.read_text(encoding="utf-8") + counts.read_text(encoding="utf-8")
    for planted in PLANTED:
        assert planted not in shared, planted
    # What the study needs survives.
    for word in ("Katwijk", "wethouder", "wijkregisseur", "buitendienst", "stoeptegel"):
        assert word in shared, word
    table = pd.read_csv(quotes).set_index("code")["quote"]
    # Ria Hendriks is the same person in both quotes of her document, "Hendriks" alone too.
    assert table["role_fixer"].startswith("[PERSOON-1] [LOCATIE-1], [LOCATIE-2], belde mij")
    assert table["role_informing"].startswith("Ik heb [PERSOON-1] uitgelegd")
    assert table["role_facilitating"].startswith("Samen met [PERSOON-2] van de gemeente Katwijk")
    assert pd.read_csv(counts)[["kind", "replaced"]].values.tolist() == [
        ["PERSOON", 3],
        ["LOCATIE", 2],
        ["NAAM", 1],  # Kwakelhoek, from the deny list
        ["TELEFOONNUMMER", 1],
        ["EMAIL", 1],
        ["URL", 0],
        ["ID", 1],  # deduce reads 071-4021234 as an identifier after the area code
    ]


def test_capitalised_words_inside_a_sentence_never_serve_as_evidence():
    from wijkverbinders.learned import proper_names

    record = {
        "segments": {
            "D:001": {
                "words": ["Toen", "belde", "Ria", "over", "de", "Lijnbaanhof", "."],
                "lemmas": ["toen", "bellen", "Ria", "over", "de", "Lijnbaanhof", "."],
                "sent_starts": [True, False, False, False, False, False, False],
            }
        }
    }
    # "Toen" starts the sentence: an ordinary word.
    assert proper_names([record]) == {"ria", "lijnbaanhof"}


def test_streets_and_neighbourhoods_go_by_their_ending_ordinary_words_stay():
    p = Pseudonymiser(engine=_Engine({}), ordinary={"onderweg"}, allow=["Noordwijk"])
    text = "Onderweg naar de Tuindersweg en Kwakelhoek, niet naar Noordwijk."
    assert p.replace(text, document="d") == (
        "Onderweg naar de [LOCATIE-1] en [LOCATIE-2], niet naar Noordwijk."
    )


def test_single_ordinary_words_are_not_learned_as_names():
    p = Pseudonymiser(
        engine=_Engine({"Mooi": "persoon", "Erik Verweij": "persoon"}), ordinary={"mooi"}
    )
    p.learn(["Mooi. Erik Verweij belde."])
    assert sorted(p.deny) == ["Erik", "Erik Verweij", "Verweij"]
