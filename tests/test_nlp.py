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
    assert agenda.method == "indicator_lemmas" and 0 < agenda.score < 1
    fixer = by_segment["T-KAT-INT-01:002"]["role_fixer"]
    assert {"afval", "regelen", "stoeptegels"} <= set(fixer.evidence.split("; "))
    assert fixer.score > agenda.score  # more distinct indicators, higher score
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
    assert 0 < len(strict) < len(loose)
    assert all(s.score >= 0.75 for s in strict)
