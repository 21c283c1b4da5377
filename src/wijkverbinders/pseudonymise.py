"""Pseudonymisation of text that goes into shareable outputs.

Transcripts are personal data: a quote in a shareable table must not name a resident, a
colleague, a street or a phone number. :class:`Pseudonymiser` replaces

- what ``deduce`` (Dutch de-identification) finds: person names, places and street addresses,
  phone numbers, e-mail addresses, URLs and identifiers;
- street and neighbourhood names by their ending (``-straat``, ``-weg``, ``-hoek``, ...);
- the study's own deny list: the config's ``pseudonymisation: deny`` plus every name and place
  ``deduce`` found anywhere in the corpus (:meth:`Pseudonymiser.learn`), so that "Ria" is caught
  in the segment where ``deduce`` misses her because it found her elsewhere;

and keeps what the study needs: the allow list (the config's ``pseudonymisation: allow``, the
municipalities and job titles of the study, and words such as ``wethouder`` and ``gemeente``).

Each span becomes a pseudonym like ``[PERSOON-1]``: the same name gets the same pseudonym
throughout a document (numbered in order of first appearance), so a quote stays readable.
:attr:`Pseudonymiser.counts` says how many spans of each kind were replaced.

``deduce`` is loaded once (about half a minute; its lookup cache is built by ``make install``)
and only where it is used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from wijkverbinders.model import normalise_key
from wijkverbinders.tagging import CONNECTOR_TITLES, OTHER_ACTORS

#: deduce's tags and the pseudonym kind each becomes; other tags (dates, ages, hospitals,
#: institutions) are not personal data in this study and stay.
KINDS = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "locatie": "LOCATIE",
    "telefoonnummer": "TELEFOONNUMMER",
    "emailadres": "EMAIL",
    "url": "URL",
    "bsn": "ID",
    "id": "ID",
}
#: Words every study keeps, whatever deduce thinks of them (compared ignoring case): the
#: titles of wijkverbinders and of the other actors the codebook names (the tagger's lists),
#: and the places of local government.
ALWAYS_ALLOWED = (
    *sorted(CONNECTOR_TITLES | OTHER_ACTORS),
    "gemeente",
    "burgemeester",
    "raad",
    "gemeenteraad",
    "college",
    "stadhuis",
    "gemeentehuis",
    "wijkcentrum",
    "buurthuis",
    "dorpshuis",
)
_EDGES = " \t\n.,;:!?()[]\"'“”‘’"
#: Discourse words of spoken Dutch that deduce (made for medical notes) takes for names at the
#: start of a sentence ("Nou, dat kan niet"); never a name on their own.
INTERJECTIONS = frozenset(
    {"nou", "ehm", "eh", "oei", "hè", "he", "via", "niks", "eerst", "nee", "ja", "oké", "okee"}
)
#: Street and neighbourhood names by their ending (``Tuindersweg``, ``Kwakelhoek``): deduce
#: knows real street names, not the invented or rare ones of a study.
STREET = re.compile(
    r"\b[A-Z][a-zà-ÿ'-]*(?:straat|laan|weg|hof|plein|kade|pad|dreef|singel|gracht|steeg|dijk|"
    r"baan|plantsoen|erf|hoek|park|veld|ring|wal|zoom|buurt|wijk)\b"
)
#: The kind of a term of the config's deny list (a person or a place: the list does not say).
DENIED = "NAAM"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Dutch words that are no name on their own: spaCy's stop words, the lemmas of the lookup
    table (``mooi``, ``punt``, ``meneer``) and :data:`INTERJECTIONS`."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    from wijkverbinders.nlp import build_pipeline

    table = build_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return frozenset({*STOP_WORDS, *INTERJECTIONS, *(str(v).lower() for v in table.values())})


def load_deduce():
    """deduce, loaded once per process. deduce configures the root logger when imported; that
    setting is undone here, so that importing it changes no global state of the pipeline."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from deduce import Deduce  # noqa: PLC0415 (heavy: only where pseudonymisation runs)

    engine = Deduce()
    root.handlers[:] = handlers
    root.setLevel(level)
    return engine


class Pseudonymiser:
    """Replace names, places and contact details by stable pseudonyms.

    Args:
        allow: Words and names to keep (municipalities, job titles, the config's allow list).
        deny: Names and places to replace wherever they occur as whole words (the config's
            deny list); :meth:`learn` adds those found in the corpus.
        engine: A loaded ``deduce.Deduce`` (or anything with ``deidentify(text)`` returning
            annotations with ``start_char``, ``end_char``, ``tag`` and ``text``); loaded on
            first use when None.
        ordinary: Words that are no name on their own (default :func:`ordinary_words`): not
            learned as names by themselves.
    """

    def __init__(
        self,
        *,
        allow: Iterable[str] = (),
        deny: Iterable[str] = (),
        engine=None,
        ordinary: Iterable[str] | None = None,
    ):
        self.ordinary = frozenset(ordinary) if ordinary is not None else ordinary_words()
        self.allow = {normalise_key(w) for w in (*ALWAYS_ALLOWED, *allow) if w.strip()}
        self.deny: dict[str, str] = {}
        for term in deny:
            self._deny(term, DENIED)
        self._engine = engine
        # A part of a learned full name ("Hendriks" of "Ria Hendriks") is the same person.
        self.alias: dict[str, str] = {}
        self._numbers: dict[str, dict[tuple[str, str], int]] = {}
        self.counts: Counter[str] = Counter()

    @property
    def engine(self):
        if self._engine is None:
            self._engine = load_deduce()
        return self._engine

    def _deny(self, term: str, kind: str) -> None:
        term = term.strip(_EDGES)
        if len(term) >= 2 and normalise_key(term) not in self.allow:
            self.deny.setdefault(term, kind)

    def _ordinary(self, word: str) -> bool:
        return word.strip(_EDGES).lower() in self.ordinary

    def _allowed(self, text: str) -> bool:
        key = normalise_key(text.strip(_EDGES))
        if key in self.allow:
            return True
        # "gemeente Katwijk", "wijkregisseur Noord": allowed when every word is.
        words = [w.strip(_EDGES) for w in key.split()]
        return bool(words) and all(w in self.allow for w in words if w)

    def _found(self, text: str) -> list[Span]:
        spans = []
        for annotation in self.engine.deidentify(text).annotations:
            kind = KINDS.get(annotation.tag.split("+")[0].lower())
            if kind is None or self._allowed(annotation.text):
                continue
            bare = annotation.text.strip(_EDGES).lower()
            if kind == "PERSOON" and (bare in INTERJECTIONS or bare in _stop_words()):
                continue
            start, end = annotation.start_char, annotation.end_char
            # deduce may include trailing words such as "van de"; trim spaces and punctuation.
            while end > start and text[end - 1] in _EDGES:
                end -= 1
            spans.append(Span(start, end, kind))
        return spans

    def learn(self, texts: Iterable[str]) -> None:
        """Add every person name and place deduce finds in ``texts`` to the deny list."""
        for text in texts:
            # Longest first, so that a full name claims its parts ("Hendriks" alone is the
            # same person as "Ria Hendriks" found elsewhere in the text).
            for span in sorted(self._found(text), key=lambda s: (s.start - s.end, s.start)):
                if span.kind in ("PERSOON", "LOCATIE"):
                    surface = text[span.start : span.end]
                    # A single ordinary word ("Mooi", "Buren") is caught by deduce where it is
                    # a name; learned, it would be replaced everywhere.
                    if " " not in surface.strip() and self._ordinary(surface):
                        continue
                    self._deny(surface, span.kind)
                    # A full name's parts identify the person too ("Ria H." -> "Ria").
                    if span.kind == "PERSOON":
                        for part in surface.split():
                            if (
                                part[:1].isupper()
                                and len(part.strip(_EDGES)) >= 3
                                and not self._ordinary(part)
                            ):
                                self._deny(part, "PERSOON")
                                self.alias.setdefault(
                                    normalise_key(part.strip(_EDGES)),
                                    normalise_key(surface.strip(_EDGES)),
                                )

    def _denied(self, text: str) -> list[Span]:
        if not self.deny:
            return []
        terms = sorted(self.deny, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")
        return [Span(m.start(), m.end(), self.deny[m.group(1)]) for m in pattern.finditer(text)]

    def _streets(self, text: str) -> list[Span]:
        return [
            Span(m.start(), m.end(), "LOCATIE")
            for m in STREET.finditer(text)
            if not self._ordinary(m.group()) and not self._allowed(m.group())
        ]

    def spans(self, text: str) -> list[Span]:
        """Non-overlapping spans to replace, in text order (longest first where they overlap)."""
        candidates = sorted(
            [*self._found(text), *self._denied(text), *self._streets(text)],
            key=lambda s: (s.start, -(s.end - s.start)),
        )
        chosen: list[Span] = []
        for span in candidates:
            if span.end <= span.start:
                continue
            if chosen and span.start < chosen[-1].end:
                continue
            chosen.append(span)
        return chosen

    def replace(self, text: str, *, document: str) -> str:
        """``text`` with every span replaced by its pseudonym within ``document``."""
        numbers = self._numbers.setdefault(document, {})
        pieces, cursor = [], 0
        for span in self.spans(text):
            surface = normalise_key(text[span.start : span.end].strip(_EDGES))
            key = (span.kind, self.alias.get(surface, surface))
            if key not in numbers:
                numbers[key] = 1 + sum(1 for k in numbers if k[0] == span.kind)
            pieces += [text[cursor : span.start], f"[{span.kind}-{numbers[key]}]"]
            cursor = span.end
            self.counts[span.kind] += 1
        pieces.append(text[cursor:])
        return "".join(pieces)

    def replace_words(self, words: str, *, separator: str = "; ") -> str:
        """Lemma lists (suggestion evidence): a denied name among them becomes its kind."""
        denied = {normalise_key(t): k for t, k in self.deny.items()}
        out = []
        for word in words.split(separator) if words else []:
            kind = denied.get(normalise_key(word))
            if kind is not None:
                self.counts[kind] += 1
                out.append(f"[{kind}]")
            else:
                out.append(word)
        return separator.join(out)


__all__ = ["ALWAYS_ALLOWED", "DENIED", "KINDS", "Pseudonymiser", "Span", "load_deduce"]
