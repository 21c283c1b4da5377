"""The data model: codings count for every segment they overlap; names compare normalised."""

import unicodedata

from wijkverbinders.model import (
    CodedDocument,
    Coding,
    Document,
    Respondent,
    Segment,
    normalise_key,
    segment_codes,
)

TEXT = "Eerste alinea.\n\nTweede alinea.\n\nDerde alinea."
SEGMENTS = (
    Segment("d", 1, 0, 14, "R", 1, 1),
    Segment("d", 2, 16, 30, "R", 3, 1),
    Segment("d", 3, 32, 45, "R2", 5, 2),
)


def test_a_coding_counts_for_every_segment_it_overlaps():
    codings = [
        Coding("d", 5, 20, "role_fixer", "A"),  # spans segments 1 and 2
        Coding("d", 16, 30, "barrier_positional", "A"),
        Coding("d", 16, 30, "barrier_positional", "B"),  # same code again: counted once
        Coding("d", 14, 16, "role_informing", "A"),  # only the blank line between: no segment
    ]
    assert segment_codes(SEGMENTS, codings) == {
        "d:001": ("role_fixer",),
        "d:002": ("role_fixer", "barrier_positional"),
        "d:003": (),
    }


def test_codes_per_coder_and_respondents_per_speaker():
    people = (Respondent("R", "P-1", "wijkregisseur"), Respondent("R2", "P-2", "gebiedsregisseur"))
    document = Document("d", "Katwijk", "interview", people, "2026-01-01", True, TEXT, "d.txt")
    coded = CodedDocument(
        document,
        SEGMENTS,
        (Coding("d", 0, 14, "role_fixer", "A"), Coding("d", 32, 45, "role_exploring", "B")),
    )
    assert coded.coders == ("A", "B")
    assert coded.codes_by_segment(coder="B") == {
        "d:001": (),
        "d:002": (),
        "d:003": ("role_exploring",),
    }
    assert [coded.segment_text(s) for s in SEGMENTS] == [
        "Eerste alinea.",
        "Tweede alinea.",
        "Derde alinea.",
    ]
    assert document.respondent("R2").pseudonym == "P-2"
    assert document.job_title == "wijkregisseur; gebiedsregisseur"


def test_names_compare_after_nfc_and_case_folding():
    decomposed = unicodedata.normalize("NFD", "Wijkcoördinator")
    assert normalise_key(decomposed) == normalise_key("wijkcoördinator") == "wijkcoördinator"
    assert normalise_key("  Zoetermeer ") == normalise_key("zoetermeer")
