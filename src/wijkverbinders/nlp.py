"""Dutch NLP that runs offline: ``spacy.blank("nl")`` + sentencizer + lookup lemmatizer.

The lookup tables come from ``spacy-lookups-data``; the project adds its own lemma overrides
(``resources/lemma_overrides.tsv``) where the table has gaps that matter for this domain.
Annotations are stored per document as plain JSON (words, spaces, lemmas, sentence starts) so
that they can be turned back into spaCy ``Doc`` objects without re-running the pipeline.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from wijkverbinders.model import CodedDocument

OVERRIDES_COMPONENT = "wijkverbinders_lemma_overrides"


def read_lemma_overrides() -> dict[str, str]:
    """The project's lemma overrides, ``{lower-case form: lemma}``."""
    text = (
        resources.files("wijkverbinders")
        .joinpath("resources/lemma_overrides.tsv")
        .read_text(encoding="utf-8")
    )
    overrides = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            form, lemma = line.split("\t")
            overrides[form] = lemma
    return overrides


def _make_overrides(nlp: Language, name: str, overrides: dict[str, str]):
    def apply(doc: Doc) -> Doc:
        for token in doc:
            lemma = overrides.get(token.lower_)
            if lemma is not None:
                token.lemma_ = lemma
        return doc

    return apply


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The project's Dutch pipeline; built once per process."""
    # Registered here, not at import, so that importing this module changes no global state.
    if not Language.has_factory(OVERRIDES_COMPONENT):
        Language.factory(
            OVERRIDES_COMPONENT, default_config={"overrides": {}}, func=_make_overrides
        )
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe(OVERRIDES_COMPONENT, config={"overrides": read_lemma_overrides()})
    nlp.initialize()
    return nlp


def doc_record(doc: Doc) -> dict:
    """A spaCy ``Doc`` as plain JSON data: words, spaces, lemmas and sentence starts."""
    return {
        "words": [token.text for token in doc],
        "spaces": [bool(token.whitespace_) for token in doc],
        "lemmas": [token.lemma_ for token in doc],
        "sent_starts": [bool(token.is_sent_start) for token in doc],
    }


def annotate(document: CodedDocument, nlp: Language | None = None) -> dict:
    """Tokens, lemmas and sentence starts for every segment of a document.

    Returns:
        ``{"doc_id": ..., "synthetic": bool, "segments": {segment_id: {"words", "spaces",
        "lemmas", "sent_starts"}}}``; plain JSON-serialisable data.
    """
    nlp = nlp or build_pipeline()
    texts = [document.segment_text(segment) for segment in document.segments]
    annotated = {}
    for segment, doc in zip(document.segments, nlp.pipe(texts), strict=True):
        annotated[segment.id] = doc_record(doc)
    return {"doc_id": document.id, "synthetic": document.document.synthetic, "segments": annotated}


def to_spacy_doc(vocab: Vocab, record: dict) -> Doc:
    """Rebuild a spaCy ``Doc`` from one segment record made by :func:`annotate`."""
    return Doc(
        vocab,
        words=record["words"],
        spaces=record["spaces"],
        lemmas=record["lemmas"],
        sent_starts=record["sent_starts"],
    )
