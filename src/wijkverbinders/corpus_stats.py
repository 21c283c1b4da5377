"""Descriptive statistics of a corpus: how it reads, how it is coded, and how easy it is.

Words, segments and codes per document; turn lengths (minimal turns, longest turns); fillers per
1,000 words; 8-word sequences shared between documents (templating); per code, how much more
often its indicator words occur in segments with the code than without (the lift a keyword
tagger gets from the text); design scenes with their counts; and inter-coder agreement with
bootstrap intervals. Used by ``wijkverbinders corpus-stats``, the demo corpus datasheet and its
tests.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import pandas as pd

from wijkverbinders.model import CodedDocument as Document

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Transcriber marks such as [lacht] or [00:12:31] are not words of the speaker.
_MARK = re.compile(r"\[[^\]\n]*\]")
# Hesitations, fillers and discourse particles of spoken Dutch, as single words or pairs.
FILLERS = ("eh", "ehm", "euh", "uh", "uhm", "hm", "hmm", "nou", "hè", "zeg maar", "weet je")
MINIMAL_TURN_WORDS = 5

# The stem of each code's own label word (informeren, agenderen, verkennen, faciliteren, fixer,
# positie, relatie, communicatie). Broad on purpose: "informatie" counts for informeren.
LABEL_STEMS = {
    "role_informing": "inform",
    "role_agenda_setting": "agend",
    "role_exploring": "verken",
    "role_facilitating": "facilit",
    "role_fixer": "fix",
    "barrier_positional": "positi",
    "barrier_relational": "relati",
    "barrier_communicative": "communic",
}


def words(text: str) -> list[str]:
    """Lower-case word tokens, without transcriber marks in square brackets."""
    return [w.lower() for w in _WORD.findall(_MARK.sub(" ", text))]


def document_words(document: Document) -> list[str]:
    """All words of a document's turns and paragraphs, without speaker labels or timestamps."""
    parts = sorted([*document.segments, *document.context], key=lambda s: s.start)
    return [w for part in parts for w in words(document.segment_text(part))]


def has_own_label_word(text: str, codes: Sequence[str]) -> bool:
    """Whether a segment's text contains the label-word stem of one of its own codes."""
    lowered = text.lower()
    return any(LABEL_STEMS[c] in lowered for c in codes if c in LABEL_STEMS)


def label_word_share(documents: Sequence[Document]) -> tuple[int, int]:
    """(coded segments containing one of their own codes' label words, coded segments)."""
    coded = [
        (d.segment_text(s), codes)
        for d in documents
        for s in d.segments
        if (codes := d.codes_by_segment()[s.id])
    ]
    return sum(has_own_label_word(text, codes) for text, codes in coded), len(coded)


def repeated_ngram_share(documents: Sequence[Document], n: int = 8) -> dict[str, float]:
    """Per document, the share of n-word positions whose n-gram also occurs in another document.

    A high share is a sign of templated text. The key ``"(alle)"`` holds the corpus-wide share.
    """
    grams: dict[str, list[tuple[str, ...]]] = {}
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for document in documents:
        tokens = document_words(document)
        grams[document.id] = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        for gram in grams[document.id]:
            owners[gram].add(document.id)
    shares = {}
    repeated_total = positions_total = 0
    for doc_id, doc_grams in grams.items():
        repeated = sum(len(owners[g]) > 1 for g in doc_grams)
        shares[doc_id] = repeated / len(doc_grams) if doc_grams else 0.0
        repeated_total += repeated
        positions_total += len(doc_grams)
    shares["(alle)"] = repeated_total / positions_total if positions_total else 0.0
    return shares


def document_table(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per document: metadata, words, segments, coded segments, codings."""
    rows = []
    for d in sorted(documents, key=lambda d: d.id):
        codes = d.codes_by_segment()
        rows.append(
            {
                "doc_id": d.id,
                "municipality": d.document.municipality,
                "source_type": d.document.source_type,
                "respondent": "; ".join(r.pseudonym for r in d.document.respondents),
                "job_title": d.document.job_title,
                "coder": d.document.coder,
                "words": len(document_words(d)),
                "segments": len(d.segments),
                "coded_segments": sum(bool(c) for c in codes.values()),
                "codings": sum(len(c) for c in codes.values()),
                "synthetic": d.document.synthetic,
            }
        )
    return pd.DataFrame(rows)


def code_counts(documents: Sequence[Document]) -> pd.DataFrame:
    """Segments per code and municipality (coded documents only), wide: one column per place."""
    counts: Counter[tuple[str, str]] = Counter()
    for d in documents:
        for codes in d.codes_by_segment().values():
            for c in codes:
                counts[(c, d.document.municipality)] += 1
    frame = pd.Series(counts, dtype=int).rename_axis(["code", "municipality"]).unstack(fill_value=0)
    frame["total"] = frame.sum(axis=1)
    return frame.sort_values("total", ascending=False)


def format_report(documents: Sequence[Document]) -> str:
    """A plain-text report for ``wijkverbinders corpus-stats``."""
    docs = document_table(documents)
    with_label, coded = label_word_share(documents)
    shares = repeated_ngram_share(documents)
    worst = max((v, k) for k, v in shares.items() if k != "(alle)") if len(shares) > 1 else (0, "-")
    lines = [
        "Documents",
        docs.to_string(index=False),
        "",
        "Per municipality and source type (documents / words / segments / coded segments)",
        docs.groupby(["municipality", "source_type"])[["words", "segments", "coded_segments"]]
        .agg(["count", "sum"])
        .to_string(),
        "",
        "Segments per code",
        code_counts(documents).to_string() if coded else "(no codes)",
        "",
        f"Coded segments containing their own code's label word: {with_label}/{coded}"
        + (f" = {with_label / coded:.1%} (limit 33.3%)" if coded else ""),
        f"Uncoded segments: {sum(not c for d in documents for c in d.codes_by_segment().values())}"
        f"/{sum(len(d.segments) for d in documents)}",
        f"8-word sequences shared with another document: {shares['(alle)']:.2%} of positions"
        f" (worst document {worst[1]}: {worst[0]:.2%}; limit 5%)",
    ]
    return "\n".join(lines)


def _markdown(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(map(str, row)) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def datasheet_tables(documents: Sequence[Document], second: Sequence[Document] = ()) -> str:
    """The count tables of a corpus datasheet, as Markdown (checked against the datasheet)."""
    docs = document_table(documents)
    per_place = (
        docs.groupby(["municipality", "source_type"])
        .agg(
            documents=("doc_id", "count"),
            words=("words", "sum"),
            segments=("segments", "sum"),
            coded_segments=("coded_segments", "sum"),
            codings=("codings", "sum"),
        )
        .reset_index()
    )
    total = per_place.sum(numeric_only=True)
    per_place.loc[len(per_place)] = ["total", "", *total.astype(int).tolist()]
    codes = code_counts(documents).reset_index()
    parts = [
        "Documents, words, segments and codings per municipality and source type:",
        "",
        _markdown(per_place),
        "",
        "Segments per code (a segment can carry several codes):",
        "",
        _markdown(codes),
    ]
    if second:
        double = document_table(second)[
            ["doc_id", "municipality", "coder", "segments", "coded_segments", "codings"]
        ]
        parts += ["", "Independent codings of the double-coded documents:", "", _markdown(double)]
    return "\n".join(parts)


def filler_count(tokens: Sequence[str]) -> int:
    """Fillers (see :data:`FILLERS`) in a list of lower-case words."""
    singles = {f for f in FILLERS if " " not in f}
    pairs = {tuple(f.split()) for f in FILLERS if " " in f}
    count = sum(t in singles for t in tokens)
    count += sum((a, b) in pairs for a, b in zip(tokens, tokens[1:], strict=False))
    return count


def turn_table(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per turn of an interview: document, speaker role, words (all paragraphs)."""
    rows = []
    for d in documents:
        if d.document.source_type != "interview":
            continue
        for role, parts in (("respondent", d.segments), ("interviewer", d.context)):
            turns: dict[int, int] = defaultdict(int)
            for part in parts:
                turns[part.turn] += len(words(d.segment_text(part)))
            rows += [
                {"doc_id": d.id, "role": role, "turn": t, "words": n} for t, n in turns.items()
            ]
    return pd.DataFrame(rows, columns=["doc_id", "role", "turn", "words"])


def speech_table(documents: Sequence[Document]) -> pd.DataFrame:
    """Per document: words, fillers per 1,000 words, respondent turns, minimal and longest."""
    turns = turn_table(documents)
    rows = []
    for d in sorted(documents, key=lambda d: d.id):
        tokens = document_words(d)
        mine = turns[(turns["doc_id"] == d.id) & (turns["role"] == "respondent")]["words"]
        rows.append(
            {
                "doc_id": d.id,
                "source_type": d.document.source_type,
                "words": len(tokens),
                "fillers_per_1000": round(1000 * filler_count(tokens) / len(tokens), 1)
                if tokens
                else 0.0,
                "respondent_turns": len(mine),
                "minimal_turn_share": round(float((mine <= MINIMAL_TURN_WORDS).mean()), 3)
                if len(mine)
                else None,
                "median_turn_words": float(mine.median()) if len(mine) else None,
                "longest_turn_words": int(mine.max()) if len(mine) else None,
            }
        )
    return pd.DataFrame(rows)


def indicator_lift(documents: Sequence[Document], codebook) -> pd.DataFrame:
    """Per code: share of its segments with an indicator word, against segments without it.

    An indicator is present when the keyword tagger (the codebook's indicator lemmas, matched on
    lemmas) finds at least one for the code. ``lift`` is the ratio of the two shares: how much a
    keyword tagger gains from the words alone. Only coded documents count.
    """
    from wijkverbinders.nlp import annotate, build_pipeline
    from wijkverbinders.tagging import RuleTagger

    nlp = build_pipeline()
    tagger = RuleTagger(codebook, nlp=nlp)
    with_code: Counter[str] = Counter()
    with_code_hit: Counter[str] = Counter()
    without_hit: Counter[str] = Counter()
    total = 0
    coded_docs = [d for d in documents if d.coded]
    for d in coded_docs:
        # Any indicator word counts here, also one that a scope cue sets aside.
        hits = {
            (segment_id, code)
            for segment_id, found in tagger.match_document(annotate(d, nlp)).items()
            for code in found
        }
        for segment_id, codes in d.codes_by_segment().items():
            total += 1
            for code in codebook.ids:
                hit = (segment_id, code) in hits
                if code in codes:
                    with_code[code] += 1
                    with_code_hit[code] += hit
                else:
                    without_hit[code] += hit
    rows = []
    for code in codebook.ids:
        n_with, n_without = with_code[code], total - with_code[code]
        share_with = with_code_hit[code] / n_with if n_with else None
        share_without = without_hit[code] / n_without if n_without else None
        lift = share_with / share_without if share_with is not None and share_without else None
        rows.append(
            {
                "code": code,
                "segments_with_code": n_with,
                "indicator_share_with_code": None if share_with is None else round(share_with, 3),
                "indicator_share_without_code": None
                if share_without is None
                else round(share_without, 3),
                "lift": None if lift is None else round(lift, 2),
            }
        )
    return pd.DataFrame(rows)


def code_bound_phrases(
    documents: Sequence[Document], *, n: int = 3, min_segments: int = 5
) -> pd.DataFrame:
    """Stock phrases: word n-grams in ``min_segments`` or more segments that all carry one code.

    Real talk does not tie a phrase to a code; a phrase that always comes with the same code is
    a cue a learned tagger would pick up from the writing rather than from the meaning.
    """
    where: dict[tuple[str, ...], list[set[str]]] = defaultdict(list)
    for d in documents:
        if not d.coded:
            continue
        codes = d.codes_by_segment()
        for segment in d.segments:
            tokens = words(d.segment_text(segment))
            grams = {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
            for gram in grams:
                where[gram].append(set(codes[segment.id]))
    rows = []
    for gram, code_sets in where.items():
        if len(code_sets) >= min_segments:
            shared = set.intersection(*code_sets)
            for code in sorted(shared):
                rows.append({"phrase": " ".join(gram), "code": code, "segments": len(code_sets)})
    return pd.DataFrame(rows, columns=["phrase", "code", "segments"]).sort_values(
        ["segments", "phrase"], ascending=[False, True], ignore_index=True
    )


def scene_counts(documents: Sequence[Document]) -> pd.DataFrame:
    """Per design scene (front matter ``scenes:``): the documents it occurs in, and how many."""
    where: dict[str, list[str]] = defaultdict(list)
    for d in sorted(documents, key=lambda d: d.id):
        for scene in d.document.scenes:
            where[scene].append(d.id)
    return pd.DataFrame(
        [
            {"scene": scene, "documents": len(ids), "in": ", ".join(ids)}
            for scene, ids in sorted(where.items())
        ],
        columns=["scene", "documents", "in"],
    )


def agreement_summary(
    documents: Sequence[Document], second: Sequence[Document], codebook
) -> pd.DataFrame:
    """Segment- and document-level agreement per code (see :mod:`wijkverbinders.agreement`)."""
    from wijkverbinders.agreement import agreement_table, paired_codings

    pairs = paired_codings(documents, second)
    return pd.concat(
        [agreement_table(pairs, codebook, level=level) for level in ("segment", "document")],
        ignore_index=True,
    )


def _interval(row) -> str:
    if pd.isna(row.krippendorff_alpha):
        return "undefined"
    if pd.isna(row.alpha_ci_low):
        return f"{row.krippendorff_alpha:.2f}"
    return f"{row.krippendorff_alpha:.2f} [{row.alpha_ci_low:.2f}, {row.alpha_ci_high:.2f}]"


def measures_report(
    documents: Sequence[Document], codebook, second: Sequence[Document] = ()
) -> str:
    """How the corpus reads and how easy its codes are: the measures of the datasheet."""
    speech = speech_table(documents)
    turns = turn_table(documents)
    respondent = turns[turns["role"] == "respondent"]
    interviews = speech[speech["source_type"] == "interview"]
    longest = respondent.sort_values(["words", "doc_id"], ascending=[False, True]).head(5)
    lines = [
        "Speech (interviews: respondent turns; fillers over all words)",
        speech.to_string(index=False),
        "",
        f"Interview words: median {interviews['words'].median():.0f}, "
        f"range {interviews['words'].min()}-{interviews['words'].max()}"
        if len(interviews)
        else "No interviews",
        f"Respondent turns: {len(respondent)}, minimal (<= {MINIMAL_TURN_WORDS} words) "
        f"{(respondent['words'] <= MINIMAL_TURN_WORDS).mean():.1%}, median "
        f"{respondent['words'].median():.0f} words; longest: "
        + ", ".join(f"{r.doc_id} {r.words}" for r in longest.itertuples())
        if len(respondent)
        else "No respondent turns",
        f"Fillers per 1,000 words in interviews: median "
        f"{interviews['fillers_per_1000'].median():.1f}"
        if len(interviews)
        else "",
        "",
        "Indicator words per code (share of segments with / without the code; lift)",
        indicator_lift(documents, codebook).to_string(index=False),
    ]
    bound = code_bound_phrases(documents)
    lines += [
        "",
        "3-word phrases in 5+ segments that all carry the same code (stock phrases): "
        + (
            ", ".join(f"'{r.phrase}' -> {r.code} ({r.segments})" for r in bound.itertuples())
            if len(bound)
            else "none"
        ),
    ]
    scenes = scene_counts(documents)
    if len(scenes):
        lines += ["", "Design scenes", scenes.to_string(index=False)]
    if second:
        table = agreement_summary(documents, second, codebook)
        used = table[(table["coder_1_units"] + table["coder_2_units"]) > 0]
        lines += [
            "",
            "Agreement (Krippendorff's alpha [95% bootstrap interval], Cohen's kappa)",
        ]
        for level, part in used.groupby("level", sort=False):
            lines.append(f"{level} level ({int(part['units'].iloc[0])} units):")
            lines += [
                f"  {r.code:<26} alpha {_interval(r):<22} kappa "
                + ("undefined" if pd.isna(r.cohen_kappa) else f"{r.cohen_kappa:.2f}")
                + f"  ({r.coder_1_units}/{r.coder_2_units} units)"
                for r in part.itertuples()
            ]
    return "\n".join(lines)
