"""Dutch NLP and the rule tagger."""

import pytest

from wijkverbinders.nlp import annotate, build_pipeline, read_lemma_overrides
from wijkverbinders.tagging import RuleTagger


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
    tagger = RuleTagger(codebook, min_indicators=1)
    doc = next(d for d in test_documents if d.id == "T-KAT-INT-01")
    suggestions = tagger.suggest(annotate(doc))
    by_segment = {}
    for s in suggestions:
        by_segment.setdefault(s.segment_id, {})[s.code] = s
    agenda = by_segment["T-KAT-INT-01:001"]["role_agenda_setting"]
    assert "aangekaart" in agenda.evidence
    assert (agenda.method, agenda.score, agenda.evidence) == ("rules", 0.5, "aangekaart")
    fixer = by_segment["T-KAT-INT-01:002"]["role_fixer"]
    # Three indicators count (1 - 0.5 ** 3); "Beheer" is in a sentence with a negation.
    assert (fixer.score, fixer.evidence) == (
        0.875,
        "afval; regelen; stoeptegels | not counted (negation 'geen'): beheer",
    )
    assert "mandaat" in by_segment["T-KAT-INT-01:002"]["barrier_positional"].evidence
    assert "T-KAT-INT-01:003" not in by_segment  # small talk: nothing to suggest


def test_multiword_indicator_matches(codebook):
    from wijkverbinders.model import CodedDocument, Document, Segment

    text = "Ik heb ze samen om tafel gezet."
    document = Document("x", "K", "observation", (), "2026-01-01", True, text, "x.txt")
    doc = CodedDocument(document, (Segment("x", 1, 0, len(text), "", 1, 1),))
    suggestions = RuleTagger(codebook).suggest(annotate(doc))
    facilitating = [s for s in suggestions if s.code == "role_facilitating"]
    assert facilitating and "om tafel" in facilitating[0].evidence


def test_min_indicators_threshold(test_documents, codebook):
    doc = next(d for d in test_documents if d.id == "T-KAT-INT-01")
    loose = RuleTagger(codebook, min_indicators=1).suggest(annotate(doc))
    strict = RuleTagger(codebook, min_indicators=2).suggest(annotate(doc))
    assert len(loose) == 5
    assert sorted((s.segment_id, s.code, s.score) for s in strict) == [
        ("T-KAT-INT-01:002", "barrier_positional", 0.75),
        ("T-KAT-INT-01:002", "role_fixer", 0.875),
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


def _record(nlp, text):
    doc = nlp(text)
    return {
        "words": [t.text for t in doc],
        "spaces": [bool(t.whitespace_) for t in doc],
        "lemmas": [t.lemma_ for t in doc],
        "sent_starts": [bool(t.is_sent_start) for t in doc],
    }


@pytest.mark.parametrize(
    ("text", "code", "counted", "cues"),
    [
        ("Ik heb de bewoners en Groen aan tafel gezet.", "role_facilitating", ["aan tafel"], {}),
        # R3: a denied or wished activity is no role
        ("Ik zet ze niet aan tafel.", "role_facilitating", [], {"negation": "niet"}),
        ("Eigenlijk zou ik een wijkavond houden.", "role_facilitating", [], {"wish": "eigenlijk"}),
        # R2: someone else acting, unless the wijkverbinder is in the sentence too
        (
            "De wijkagent heeft ze bij elkaar gebracht.",
            "role_facilitating",
            [],
            {"actor": "wijkagent"},
        ),
        (
            "Ik heb de wijkagent en hen bij elkaar gebracht.",
            "role_facilitating",
            ["bij elkaar brengen"],
            {},
        ),
        # A negation is part of a barrier, not a denial of it
        ("Ik heb geen mandaat.", "barrier_positional", ["mandaat"], {}),
        # R7: a success that did not happen
        ("Het is nooit gelukt.", "outcome_success", [], {"negation": "nooit"}),
        # R3: what someone else says the wijkverbinder should do is an expectation
        (
            "De wethouder zegt dat ik de knelpunten moet agenderen.",
            "role_agenda_setting",
            [],
            {"reported": "zegt"},
        ),
        (
            "Volgens de afdeling regelt de wijkregisseur alles.",
            "role_fixer",
            [],
            {"reported": "volgens"},
        ),
        # ... but the wijkverbinder telling what they do is enactment
        (
            "Ik zeg altijd tegen ze dat ik het wel oplos, want dat moet.",
            "role_fixer",
            ["oplossen"],
            {},
        ),
        # R3: irony denies the role
        (
            "Ik ben zogenaamd degene die alles regelt.",
            "role_fixer",
            [],
            {"irony": "zogenaamd"},
        ),
        ('Dan mag ik weer "bemiddelen" tussen hen.', "role_facilitating", [], {"irony": "quotes"}),
        # R5: an obstacle the speaker denies is no barrier
        (
            "Ik heb geen mandaat, maar dat hoeft ook niet.",
            "barrier_positional",
            [],
            {"denial": "hoeft ook niet"},
        ),
    ],
)
def test_rule_scope_cues(codebook, text, code, counted, cues):
    from wijkverbinders.nlp import build_pipeline

    nlp = build_pipeline()
    hit = RuleTagger(codebook, nlp=nlp).match(_record(nlp, text))[code]
    assert (hit["indicators"], hit["cues"]) == (counted, cues)


def test_rule_evidence_names_the_cue(codebook):
    from wijkverbinders.tagging import rule_evidence

    hit = {"indicators": [], "words": [], "suppressed": ["aan tafel"], "cues": {"negation": "niet"}}
    assert rule_evidence(hit) == "not counted (negation 'niet'): aan tafel"
