"""The corpus measures of the datasheet, with exact values on small transcripts."""

import pytest

from wijkverbinders.corpus import load_study
from wijkverbinders.corpus_stats import (
    code_bound_phrases,
    filler_count,
    indicator_lift,
    scene_counts,
    speech_table,
    turn_table,
    words,
)

BODY = (
    "I: Eh, hoe begon het?\n\n"
    "R: Ja.\n\n"
    "I: Hm-hm.\n\n"
    "R: Nou, eh, zeg maar, ik heb [lacht] de melding over de kapotte lantaarnpaal zelf "
    "geregeld. {{role_fixer}}\n\n"
    "Weet je, de buitendienst regelt de rest.\n\n"
    "I: En verder?\n\n"
    "R: Klopt, precies.\n"
)


def test_words_leave_out_transcriber_marks():
    assert words("Nou [lacht] dat is [00:01:02] het.") == ["nou", "dat", "is", "het"]


def test_fillers_count_single_words_and_pairs():
    assert filler_count(["eh", "zeg", "maar", "weet", "je", "nou", "zeggen", "maar"]) == 4


def test_turns_and_speech_measures(write_transcript, codebook):
    path = write_transcript(BODY, name="S1")
    documents, _ = load_study([path.parent.parent], [], codebook)
    turns = turn_table(documents)
    # Respondent turns: "Ja." (1), the two-paragraph answer (14 + 7), "Klopt, precies." (2).
    assert turns[turns["role"] == "respondent"]["words"].tolist() == [1, 21, 2]
    assert turns[turns["role"] == "interviewer"]["words"].tolist() == [4, 1, 2]
    row = speech_table(documents).iloc[0]
    assert row["words"] == 31
    # eh, nou, eh, zeg maar, weet je ("hm-hm" is one word, a back-channel, not a filler)
    assert row["fillers_per_1000"] == round(1000 * 5 / 31, 1)
    assert (row["respondent_turns"], row["minimal_turn_share"]) == (3, round(2 / 3, 3))
    assert (row["median_turn_words"], row["longest_turn_words"]) == (2.0, 21)


def test_indicator_lift_compares_segments_with_and_without_the_code(write_transcript, codebook):
    path = write_transcript(BODY, name="S1")
    documents, _ = load_study([path.parent.parent], [], codebook)
    fixer = indicator_lift(documents, codebook).set_index("code").loc["role_fixer"]
    # 4 segments; the coded one has fixer indicators, and so has "de buitendienst regelt".
    assert fixer["segments_with_code"] == 1
    assert fixer["indicator_share_with_code"] == 1.0
    assert fixer["indicator_share_without_code"] == pytest.approx(round(1 / 3, 3))
    assert fixer["lift"] == 3.0


def test_scene_counts_from_front_matter(write_transcript, codebook):
    header = (
        "---\nid: {id}\nmunicipality: Katwijk\nsource_type: interview\nrespondent: R\n"
        "job_title: wijkregisseur\ndate: 2026-01-01\nscenes: [{scenes}]\n---\nI: x\n\nR: y\n"
    )
    write_transcript("", name="A", raw=header.format(id="A", scenes="S01, S02"))
    path = write_transcript("", name="B", raw=header.format(id="B", scenes="S02"))
    documents, _ = load_study([path.parent.parent], [], codebook)
    assert scene_counts(documents).values.tolist() == [["S01", 1, "A"], ["S02", 2, "A, B"]]


def test_code_bound_phrases_are_phrases_that_always_carry_one_code(write_transcript, codebook):
    turns = "".join(
        f"I: Vraag {i}?\n\nR: Ik belde met de vraag nummer {i}. {{{{role_fixer}}}}\n\n"
        for i in range(5)
    )
    path = write_transcript(turns, name="P1")
    documents, _ = load_study([path.parent.parent], [], codebook)
    bound = code_bound_phrases(documents, n=3, min_segments=5)
    assert bound.values.tolist() == [
        ["belde met de", "role_fixer", 5],
        ["de vraag nummer", "role_fixer", 5],
        ["ik belde met", "role_fixer", 5],
        ["met de vraag", "role_fixer", 5],
    ]
    # One more segment with the phrase but without the code: no longer bound.
    write_transcript(turns + "I: En?\n\nR: Ik belde met de vraag of het kon.\n", name="P1")
    documents, _ = load_study([path.parent.parent], [], codebook)
    assert "met de vraag" not in set(code_bound_phrases(documents)["phrase"])
