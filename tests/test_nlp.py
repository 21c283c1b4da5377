"""Dutch NLP and the indicator-lemma tagger."""

from wijkverbinders.nlp import annotate, build_pipeline, read_lemma_overrides
from wijkverbinders.tagging import IndicatorTagger


def lemmas(text):
    return [t.lemma_ for t in build_pipeline()(text)]


def test_lookup_lemmas_and_project_overrides():
    assert lemmas("aangekaart") == ["aankaarten"]  # from spacy-lookups-data
    # Gaps in the lookup table that the project fills:
    assert lemmas("heeft waren gemeenten werkte") == ["hebben", "zijn", "gemeente", "werken"]
    overrides = read_lemma_overrides()
    assert overrides["wijkcoördinatoren"] == "wijkcoördinator"


def test_annotate_keeps_text_and_sentences(test_documents):
    doc = next(d for d in test_documents if d.id == "T-KAT-INT-01")
    result = annotate(doc)
    record = result["segments"]["T-KAT-INT-01:002"]
    rebuilt = "".join(
        w + (" " if s else "") for w, s in zip(record["words"], record["spaces"], strict=True)
    )
    assert rebuilt == doc.segment_text(doc.segments[1])  # spaCy keeps every character, newlines too
    assert sum(record["sent_starts"]) == 2  # two sentences in that turn


def test_indicator_tagger_suggests_codes_with_evidence(test_documents, codebook):
    tagger = IndicatorTagger(codebook, min_indicators=1)
    doc = next(d for d in test_documents if d.id == "T-KAT-INT-01")
    suggestions = tagger.suggest(annotate(doc))
    by_segment = {}
    for s in suggestions:
        by_segment.setdefault(s.segment_id, {})[s.code] = s
    agenda = by_segment["T-KAT-INT-01:001"]["role_agenda_setting"]
    assert "aangekaart" in agenda.evidence
    assert (agenda.method, agenda.score, agenda.evidence) == ("indicator_lemmas", 0.5, "aangekaart")
    fixer = by_segment["T-KAT-INT-01:002"]["role_fixer"]
    # Four distinct indicators: 1 - 0.5 ** 4.
    assert (fixer.score, fixer.evidence) == (0.9375, "afval; beheer; regelen; stoeptegels")
    assert "mandaat" in by_segment["T-KAT-INT-01:002"]["barrier_positional"].evidence
    assert "T-KAT-INT-01:003" not in by_segment  # small talk: nothing to suggest


def test_multiword_indicator_matches(codebook):
    from wijkverbinders.model import CodedDocument, Document, Segment

    text = "Ik heb ze samen om tafel gezet."
    document = Document("x", "K", "observation", (), "2026-01-01", True, text, "x.txt")
    doc = CodedDocument(document, (Segment("x", 1, 0, len(text), "", 1, 1),))
    suggestions = IndicatorTagger(codebook).suggest(annotate(doc))
    facilitating = [s for s in suggestions if s.code == "role_facilitating"]
    assert facilitating and "om tafel" in facilitating[0].evidence


def test_min_indicators_threshold(test_documents, codebook):
    doc = next(d for d in test_documents if d.id == "T-KAT-INT-01")
    loose = IndicatorTagger(codebook, min_indicators=1).suggest(annotate(doc))
    strict = IndicatorTagger(codebook, min_indicators=2).suggest(annotate(doc))
    assert len(loose) == 5
    assert sorted((s.segment_id, s.code, s.score) for s in strict) == [
        ("T-KAT-INT-01:002", "barrier_positional", 0.75),
        ("T-KAT-INT-01:002", "role_fixer", 0.9375),
    ]


def test_importing_nlp_registers_nothing_in_spacy():
    import subprocess
    import sys

    code = (
        "import wijkverbinders.nlp as nlp; from spacy.language import Language; "
        "print(Language.has_factory(nlp.OVERRIDES_COMPONENT))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "False\n"
