"""Code suggestions for segments: one interface, three methods.

- ``rules``: the codebook's indicator lemmas and phrases, matched on lemmas with a spaCy
  ``PhraseMatcher``, with scope from the coding rules: a role is not suggested when its sentence
  denies it (negation, R3), only wishes it or quotes a task description (R3), reports what
  someone else says the wijkverbinder should do (reported speech: an expectation, not an
  enactment, R3), puts it ironically (``zogenaamd``, scare quotes around the words: a denial,
  R3), or has someone else than the wijkverbinder acting (R2); a barrier is not suggested when
  the speaker explicitly denies the obstacle (``dat hoeft ook niet``, R5). The evidence names
  the matched words and any cue that changed the outcome.
- ``learned``: a scikit-learn model per code on lemma and character n-grams
  (:mod:`wijkverbinders.learned`).
- ``combined``: the learned model with the rule matches (and their cues) as extra features.

Every method returns :class:`Suggestion` records with a score and evidence. The rule matches are
computed once per segment, next to the NLP annotations (:func:`RuleTagger.match`), so that the
learned methods and the evaluation reuse them without loading spaCy again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkverbinders.codebook import Codebook
from wijkverbinders.model import synthetic_status

if TYPE_CHECKING:  # spaCy loads only where rules are matched, not where suggestions are made
    from spacy.language import Language

METHOD_RULES = "rules"
METHOD_LEARNED = "learned"
METHOD_COMBINED = "combined"
METHODS = (METHOD_RULES, METHOD_LEARNED, METHOD_COMBINED)

# Scope cues (lower-case word forms). Dutch negation often follows the verb ("ik regel dat
# niet"), so a cue counts anywhere in the sentence of the match.
NEGATION = frozenset({"niet", "geen", "nooit", "nergens", "niemand", "niks", "niets"})
WISH = frozenset(
    {
        "zou",
        "zouden",
        "eigenlijk",
        "graag",
        "hoop",
        "hopen",
        "wens",
        "droom",
        "functieomschrijving",
        "taakomschrijving",
        "functieprofiel",
        "vacature",
    }
)
# Reported speech (R3): someone else says or expects what the wijkverbinder should do. A
# reporting word, then an obligation later in the sentence ("de wethouder zegt dat ik het moet
# agenderen"), or "volgens" before the match ("volgens de afdeling regel ik alles").
REPORTING = frozenset(
    {
        "zegt",
        "zeggen",
        "zei",
        "zeiden",
        "vindt",
        "vinden",
        "vond",
        "vonden",
        "verwacht",
        "verwachten",
        "verwachtte",
        "verwachtten",
        "vraagt",
        "vragen",
        "vroeg",
        "vroegen",
        "wil",
        "willen",
        "wilde",
        "wilden",
    }
)
OBLIGATION = frozenset({"moet", "moeten", "moest", "moesten", "hoort", "horen"})
# Irony (R3: an ironic claim is a denial): markers in the sentence, or the indicator in scare
# quotes ('ik ben de "verbinder"').
IRONY = frozenset({"zogenaamd", "zogezegd", "quasi", "haha", "hihi", "grapje", "ironisch"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "„"})
# An obstacle the speaker explicitly denies (R5) is no barrier.
BARRIER_DENIALS = (
    ("hoeft", "ook", "niet"),
    ("hoeft", "niet"),
    ("geen", "probleem"),
    ("geen", "last", "van"),
    ("valt", "wel", "mee"),
    ("geen", "bezwaar"),
)
FIRST_PERSON = frozenset({"ik", "wij", "we", "mij", "me", "mijn", "ons", "onze"})
CONNECTOR_TITLES = frozenset(
    {
        "wijkverbinder",
        "wijkregisseur",
        "gebiedsregisseur",
        "buurtregisseur",
        "wijkcoördinator",
        "gebiedscoördinator",
        "dorpscoördinator",
        "wijkmanager",
        "gebiedsmanager",
        "wijkambtenaar",
        "dorpsambtenaar",
    }
)
OTHER_ACTORS = frozenset(
    {
        "wijkagent",
        "boa",
        "opbouwwerker",
        "buurtwerker",
        "jongerenwerker",
        "buurtverbinder",
        "wijkconsulent",
        "wijkbeheerder",
        "buurtbeheerder",
        "wijkmeester",
        "huismeester",
        "buitendienst",
        "wethouder",
        "raadslid",
        "handhaving",
        "handhaver",
        "aannemer",
    }
)


@dataclass(frozen=True)
class Suggestion:
    """One code a tagger assigns to one segment."""

    doc_id: str
    segment_id: str
    code: str
    score: float
    method: str
    evidence: str
    synthetic: str = "no"


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def _reported(words: list[str], before: int) -> str | None:
    """The reporting word when the sentence reports someone else's expectation."""
    if "volgens" in words[:before]:
        return "volgens"
    for i, word in enumerate(words):
        by_others = i == 0 or words[i - 1] not in FIRST_PERSON
        if word in REPORTING and by_others and any(w in OBLIGATION for w in words[i + 1 :]):
            return word
    return None


def _cues(span, code: str, group: str) -> dict[str, str]:
    """The scope cues in a match's sentence that set it aside, as ``{cue: word}``."""
    sentence = span.sent
    words = [t.lower_ for t in sentence]
    if group == "barrier":
        denial = next((p for p in BARRIER_DENIALS if _contains(words, p)), None)
        return {"denial": " ".join(denial)} if denial else {}
    found = {}
    if group == "role" or code == "outcome_success":
        negation = next((w for w in words if w in NEGATION), None)
        if negation:
            found["negation"] = negation
    wish = next((w for w in words if w in WISH), None)
    if wish:
        found["wish"] = wish
    if group == "role":
        own = any(w in FIRST_PERSON or w in CONNECTOR_TITLES for w in words)
        other = next((w for w in words if w in OTHER_ACTORS), None)
        if other and not own:
            found["actor"] = other
        reported = _reported(words, span.start - sentence.start)
        if reported:
            found["reported"] = reported
        doc = span.doc
        quoted = (
            span.start > 0
            and span.end < len(doc)
            and doc[span.start - 1].text in QUOTES
            and doc[span.end].text in QUOTES
        )
        irony = next((w for w in words if w in IRONY), None)
        if irony or quoted:
            found["irony"] = irony or "quotes"
    return found


# Cues set matches aside for roles and outcomes (rules R2, R3, R7): a denied, wished, reported,
# ironic or someone else's activity is no role, a success that did not happen is none. For
# barriers only an explicit denial of the obstacle counts (R5): a negation is part of many
# barriers ("geen mandaat").
SCOPED_GROUPS = ("role", "outcome", "barrier")


class RuleTagger:
    """Indicator lemmas and phrases of the codebook, matched on lemmas, with scope cues."""

    def __init__(self, codebook: Codebook, *, min_indicators: int = 1, nlp: Language | None = None):
        from spacy.matcher import PhraseMatcher

        from wijkverbinders.nlp import build_pipeline

        self.nlp = nlp or build_pipeline()
        self.codebook = codebook
        self.min_indicators = min_indicators
        self.groups = {code.id: code.group for code in codebook.codes}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        # Patterns go through the whole pipeline (not make_doc) so that they carry lemmas.
        for code in codebook.codes:
            self.matcher.add(code.id, list(self.nlp.pipe(code.indicator_lemmas)))

    def match(self, record: dict) -> dict[str, dict]:
        """Per code matched in one segment record (see ``nlp.annotate``): the indicators that
        count, those a scope cue set aside, and the cues.

        Returns:
            ``{code: {"indicators": [lemma, ...], "words": [text, ...], "suppressed":
            [lemma, ...], "cues": {cue: word}}}``; plain JSON data.
        """
        from wijkverbinders.nlp import to_spacy_doc

        doc = to_spacy_doc(self.nlp.vocab, record)
        hits: dict[str, dict] = {}
        for match_id, start, end in self.matcher(doc):
            code = self.nlp.vocab.strings[match_id]
            span = doc[start:end]
            lemma = " ".join(token.lemma_ for token in span)
            group = self.groups.get(code, "")
            blocking = _cues(span, code, group) if group in SCOPED_GROUPS else {}
            entry = hits.setdefault(
                code, {"indicators": [], "words": [], "suppressed": [], "cues": {}}
            )
            if blocking:
                if lemma not in entry["suppressed"]:
                    entry["suppressed"].append(lemma)
                entry["cues"].update(blocking)
            elif lemma not in entry["indicators"]:
                entry["indicators"].append(lemma)
                entry["words"].append(span.text.lower())
        return dict(sorted(hits.items()))

    def match_document(self, annotations: dict) -> dict[str, dict[str, dict]]:
        """Rule matches for every segment of one document's annotations."""
        return {sid: self.match(record) for sid, record in annotations["segments"].items()}

    def suggest(self, annotations: dict, matches: dict | None = None) -> list[Suggestion]:
        """Suggestions for every segment of one document (``matches`` if already computed)."""
        matches = matches if matches is not None else self.match_document(annotations)
        return rule_suggestions(
            annotations["doc_id"],
            matches,
            self.codebook.ids,
            min_indicators=self.min_indicators,
            synthetic=bool(annotations.get("synthetic")),
        )


def rule_evidence(hit: dict) -> str:
    """Matched words, plus the cues that set other matches aside."""
    parts = ["; ".join(sorted(set(hit["words"])))] if hit["words"] else []
    if hit["suppressed"]:
        cues = ", ".join(f"{k} '{v}'" for k, v in sorted(hit["cues"].items()))
        parts.append(f"not counted ({cues}): {'; '.join(sorted(hit['suppressed']))}")
    return " | ".join(parts)


def rule_suggestions(
    doc_id: str,
    matches: dict[str, dict[str, dict]],
    codes: list[str],
    *,
    min_indicators: int,
    synthetic: bool,
) -> list[Suggestion]:
    """Suggestions from stored rule matches: a code when enough indicators count."""
    suggestions = []
    for segment_id, hits in matches.items():
        for code in codes:
            hit = hits.get(code)
            if hit is None or len(hit["indicators"]) < min_indicators:
                continue
            suggestions.append(
                Suggestion(
                    doc_id=doc_id,
                    segment_id=segment_id,
                    code=code,
                    score=round(1 - 0.5 ** len(hit["indicators"]), 4),
                    method=METHOD_RULES,
                    evidence=rule_evidence(hit),
                    synthetic=synthetic_status([synthetic]),
                )
            )
    return suggestions
