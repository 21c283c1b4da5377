"""The synthetic demo corpus reads like fieldwork and has the study's design (demo corpus v2).

Every target below is a measure printed by ``wijkverbinders corpus-stats data/demo``; the
datasheet (``data/demo/README.md``) reports the same numbers.
"""

import re
import statistics
from collections import Counter, defaultdict

import pandas as pd
import pytest

from tests.conftest import ROOT
from wijkverbinders.agreement import adjudicate, agreement_table, paired_codings
from wijkverbinders.corpus import load_study
from wijkverbinders.corpus_stats import (
    code_bound_phrases,
    datasheet_tables,
    indicator_lift,
    label_word_share,
    repeated_ngram_share,
    scene_counts,
    speech_table,
    turn_table,
)

DEMO = ROOT / "data" / "demo"
DOUBLE = DEMO / "_double_coding"
MUNICIPALITIES = {"Katwijk", "Leidschendam-Voorburg", "Maassluis"}
ROLES = [
    "role_informing",
    "role_agenda_setting",
    "role_exploring",
    "role_facilitating",
    "role_fixer",
]
BARRIERS = ["barrier_positional", "barrier_relational", "barrier_communicative"]
# Capitalised words that may occur in more than one municipality (not people or places there).
SHARED_WORDS = {
    "Arabisch",
    "Burgerzaken",
    "Facebook",
    "Facebookgroep",
    "Groningen",
    "Instagram",
    "Koningsdag",
    "Nederlands",
    "Reflectie",
    "Turks",
    "Zuid",
}


@pytest.fixture(scope="module")
def demo(codebook):
    return load_study([DEMO], [DOUBLE / "A", DOUBLE / "B"], codebook)


@pytest.fixture(scope="module")
def documents(demo):
    return demo[0]


@pytest.fixture(scope="module")
def interviews(documents):
    return [d for d in documents if d.document.source_type == "interview"]


def segment_codes(documents, **where):
    counts = Counter()
    coded = 0
    for d in documents:
        if all(getattr(d.document, k) == v for k, v in where.items()):
            for codes in d.codes_by_segment().values():
                counts.update(codes)
                coded += bool(codes)
    return counts, coded


def test_design_fifteen_respondents_a_duo_and_observations(documents, interviews):
    people = defaultdict(set)
    for d in interviews:
        for person in d.document.respondents:
            people[d.document.municipality].add((person.pseudonym, person.job_title))
    assert {place: len(p) for place, p in people.items()} == dict.fromkeys(MUNICIPALITIES, 5)
    assert {title for p in people.values() for _, title in p} == {
        "wijkregisseur",
        "gebiedsregisseur",
        "wijkcoördinator",
    }
    # No job title held by a single respondent in a municipality (it could point to a person).
    for place, p in people.items():
        assert min(Counter(title for _, title in p).values()) >= 2, place
    assert any(len(d.document.respondents) == 2 for d in interviews)  # a duo interview
    observations = Counter(
        d.document.municipality for d in documents if d.document.source_type == "observation"
    )
    assert all(observations[place] >= 2 for place in MUNICIPALITIES)


def test_everything_is_labelled_synthetic(documents, demo):
    assert all(d.document.synthetic for d in [*documents, *demo[1]])
    datasheet = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC DATA" in datasheet
    assert "no statement in it is attributable to anyone working in" in " ".join(
        re.sub(r"^> ", "", datasheet, flags=re.M).split()
    )


def test_length_of_a_real_interview_and_of_field_notes(documents):
    speech = speech_table(documents)
    interview_words = speech[speech["source_type"] == "interview"]["words"]
    assert interview_words.between(3500, 7000).all(), interview_words.tolist()
    assert interview_words.median() >= 4500
    observation_words = speech[speech["source_type"] == "observation"]["words"]
    assert observation_words.between(800, 2000).all(), observation_words.tolist()


def test_spoken_dutch_fillers_minimal_turns_and_long_answers(documents, interviews):
    speech = speech_table(interviews)
    assert speech["fillers_per_1000"].median() >= 8
    assert (speech["fillers_per_1000"] >= 3).all()
    assert (speech["minimal_turn_share"] >= 0.10).all()
    assert (speech["longest_turn_words"] >= 100).all()
    turns = turn_table(interviews)
    respondent = turns[turns["role"] == "respondent"]
    assert (respondent["words"] <= 5).mean() >= 0.12
    # Long answers run over several paragraphs (segments of one turn).
    for d in interviews:
        per_turn = Counter(s.turn for s in d.segments)
        assert sum(n >= 2 for n in per_turn.values()) >= 3, d.id


def test_transcription_conventions_differ(interviews):
    labels = {s.speaker.casefold() for d in interviews for s in d.context}
    assert len(labels) >= 4  # I, INT, Interviewer, Onderzoeker, Spreker 1, ...
    stamped = [d.id for d in interviews if re.search(r"\d{1,2}:\d{2}:\d{2}", d.document.text)]
    assert 3 <= len(stamped) < len(interviews)
    marks = Counter(
        m
        for d in interviews
        for m in re.findall(r"\[(lacht|pauze|onverstaanbaar)", d.document.text)
    )
    assert all(marks[m] >= 3 for m in ("lacht", "pauze", "onverstaanbaar")), marks


def test_no_templating(documents):
    shares = repeated_ngram_share(documents, n=8)
    assert shares["(alle)"] <= 0.02
    assert max(v for k, v in shares.items() if k != "(alle)") <= 0.05


def test_every_scene_in_at_most_three_interviews(documents, interviews):
    scenes = scene_counts(interviews)
    assert len(scenes) >= 30
    assert scenes["documents"].max() <= 3
    assert all(len(d.document.scenes) >= 3 for d in interviews)
    # The datasheet lists every scene with its count.
    datasheet = (DEMO / "README.md").read_text(encoding="utf-8")
    for row in scenes.itertuples():
        assert re.search(rf"^\| {row.scene} \|.*\| {row.documents} \|$", datasheet, re.M), row.scene


def test_codes_follow_the_talk_not_a_quota(documents, interviews):
    with_all_roles = [
        d.id
        for d in interviews
        if set(ROLES) <= {c for codes in d.codes_by_segment().values() for c in codes}
    ]
    assert len(with_all_roles) <= len(interviews) // 2
    segments = [codes for d in documents for codes in d.codes_by_segment().values()]
    uncoded = sum(not codes for codes in segments) / len(segments)
    assert 0.35 <= uncoded <= 0.65
    # Recommendations are rare and not a closing ritual.
    with_rec = []
    for d in interviews:
        codes = d.codes_by_segment()
        positions = [
            i / len(d.segments)
            for i, s in enumerate(d.segments)
            if any(c.startswith("rec_") for c in codes[s.id])
        ]
        if positions:
            with_rec.append(max(positions))
    assert 2 <= len(with_rec) <= len(interviews) // 2
    assert sum(p >= 0.9 for p in with_rec) <= 1


def test_words_do_not_give_the_codes_away(documents, codebook):
    with_label, coded = label_word_share(documents)
    assert with_label / coded <= 1 / 3
    lift = indicator_lift(documents, codebook).set_index("code")
    total = sum(len(d.segments) for d in documents if d.coded)
    for code in ROLES + BARRIERS:
        row = lift.loc[code]
        # Indicator words also occur where the code does not apply: in 10+ such segments.
        without = (total - row["segments_with_code"]) * row["indicator_share_without_code"]
        assert round(without) >= 10, code


def test_every_document_has_a_coding_memo(documents):
    assert all(len(d.document.memo.split()) >= 20 for d in documents)


def test_no_invented_name_in_two_municipalities(documents):
    text = defaultdict(str)
    for d in documents:
        text[d.document.municipality] += d.document.text + "\n"
    lower = set(re.findall(r"\b[a-zà-ÿ][\wà-ÿ-]+\b", " ".join(text.values())))

    def names(body):
        found = set()
        for m in re.finditer(r"\b[A-Z][a-zà-ÿ]{3,}(?:-[A-Z][a-zà-ÿ]+)?\b", body):
            before = body[max(0, m.start() - 2) : m.start()]
            if m.start() == 0 or re.search(r"[.!?:\n\"“‘'—]\s?$", before):
                continue  # sentence-initial: not necessarily a name
            if m.group().lower() not in lower:
                found.add(m.group())
        return found

    per_place = {place: names(body) for place, body in text.items()}
    places = sorted(per_place)
    for i, one in enumerate(places):
        for other in places[i + 1 :]:
            shared = (per_place[one] & per_place[other]) - SHARED_WORDS
            assert not shared, (one, other, sorted(shared))


def test_design_properties_are_tendencies_a_comparison_finds(documents):
    overall, _ = segment_codes(documents)
    assert max(ROLES, key=overall.__getitem__) == "role_fixer"
    katwijk, _ = segment_codes(documents, municipality="Katwijk")
    assert max(BARRIERS, key=katwijk.__getitem__) == "barrier_positional"
    ratios = {}
    for place in MUNICIPALITIES:
        counts, _ = segment_codes(documents, municipality=place)
        ratios[place] = counts["outcome_success"] / max(counts["outcome_failure"], 1)
    assert max(ratios, key=ratios.get) == "Leidschendam-Voorburg"
    interviews, coded_int = segment_codes(
        documents, municipality="Maassluis", source_type="interview"
    )
    observations, coded_obs = segment_codes(
        documents, municipality="Maassluis", source_type="observation"
    )
    assert observations["role_fixer"] / coded_obs > 2 * interviews["role_fixer"] / coded_int
    maassluis, _ = segment_codes(documents, municipality="Maassluis")
    assert max(BARRIERS, key=maassluis.__getitem__) == "barrier_communicative"


def test_blind_double_coding_of_interviews_and_observations(demo):
    documents, copies = demo
    by_id = {d.id: d.document for d in documents}
    coders = defaultdict(set)
    for copy in copies:
        coders[copy.id].add(copy.document.coder)
    assert set(map(frozenset, coders.values())) == {frozenset({"A", "B"})}
    double = [by_id[i] for i in coders]
    assert sum(d.source_type == "interview" for d in double) >= 4
    assert sum(d.source_type == "observation" for d in double) >= 2
    assert {d.municipality for d in double if d.source_type == "interview"} == MUNICIPALITIES
    assert {d.coder for d in double} == {"adjudicated"}


def test_agreement_is_that_of_independent_coders(demo, codebook):
    pairs = paired_codings(*demo)
    table = agreement_table(pairs, codebook, samples=200).set_index("code")
    alphas = table.loc[ROLES + BARRIERS, "krippendorff_alpha"]
    assert alphas.notna().all()
    # Not the near-perfect agreement of passes that saw each other's work ...
    assert alphas.mean() < 0.9 and (alphas < 0.8).sum() >= 2
    # ... and not coders who read a different codebook.
    assert alphas.mean() > 0.4


def test_adjudication_log_decides_every_disagreement(demo):
    """The primary coding of a double-coded document is the log applied to both copies."""
    documents, copies = demo
    log = pd.read_csv(DOUBLE / "adjudication.csv", dtype=str, keep_default_na=False)
    assert {"coder_1_codes", "coder_2_codes", "resolution", "reason"} <= set(log.columns)
    final = adjudicate(documents, copies, log, where="adjudication.csv")
    by_id = {d.id: d for d in documents}
    for coded in final:
        assert coded.codes_by_segment() == by_id[coded.id].codes_by_segment(), coded.id


def test_datasheet_counts_equal_the_pipeline(demo):
    datasheet = (DEMO / "README.md").read_text(encoding="utf-8")
    assert datasheet_tables(*demo) in datasheet


def test_interview_median_in_datasheet(interviews):
    median = statistics.median(speech_table(interviews)["words"])
    datasheet = (DEMO / "README.md").read_text(encoding="utf-8")
    assert f"median {median:,.0f} words" in datasheet


def test_no_stock_phrase_carries_a_code(documents):
    """No 3-word phrase in 8+ segments always comes with the same code (the datasheet lists
    the phrases in 5-7 segments that do)."""
    bound = code_bound_phrases(documents)
    assert bound.empty or bound["segments"].max() < 8, bound.to_string()
