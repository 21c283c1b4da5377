"""Code suggestions for segments.

First method (``indicator_lemmas``): the codebook's indicator lemmas, matched on lemmas with a
spaCy ``PhraseMatcher``. A code is suggested for a segment when at least ``min_indicators``
distinct indicators of that code occur in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from wijkverbinders.codebook import Codebook
from wijkverbinders.model import synthetic_status
from wijkverbinders.nlp import build_pipeline, to_spacy_doc

METHOD_INDICATORS = "indicator_lemmas"


@dataclass(frozen=True)
class Suggestion:
    """One code the tagger assigns to one segment."""

    doc_id: str
    segment_id: str
    code: str
    score: float
    method: str
    evidence: str
    synthetic: str = "no"


class IndicatorTagger:
    """Suggests codes from the codebook's indicator lemmas."""

    def __init__(self, codebook: Codebook, *, min_indicators: int = 1, nlp: Language | None = None):
        self.nlp = nlp or build_pipeline()
        self.codebook = codebook
        self.min_indicators = min_indicators
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        # Patterns must go through the whole pipeline (not make_doc) so that they carry lemmas.
        for code in codebook.codes:
            self.matcher.add(code.id, list(self.nlp.pipe(code.indicator_lemmas)))

    def suggest(self, annotations: dict) -> list[Suggestion]:
        """Suggestions for every segment in one document's annotations (see ``nlp.annotate``)."""
        suggestions = []
        for segment_id, record in annotations["segments"].items():
            doc = to_spacy_doc(self.nlp.vocab, record)
            hits: dict[str, dict[str, list[str]]] = {}
            for match_id, start, end in self.matcher(doc):
                code = self.nlp.vocab.strings[match_id]
                span = doc[start:end]
                lemma = " ".join(token.lemma_ for token in span)
                hits.setdefault(code, {}).setdefault(lemma, []).append(span.text)
            for code in self.codebook.ids:
                found = hits.get(code, {})
                if len(found) < self.min_indicators:
                    continue
                evidence = "; ".join(
                    sorted({text.lower() for texts in found.values() for text in texts})
                )
                suggestions.append(
                    Suggestion(
                        doc_id=annotations["doc_id"],
                        segment_id=segment_id,
                        code=code,
                        score=round(1 - 0.5 ** len(found), 4),
                        method=METHOD_INDICATORS,
                        evidence=evidence,
                        synthetic=synthetic_status([bool(annotations.get("synthetic"))]),
                    )
                )
        return suggestions
