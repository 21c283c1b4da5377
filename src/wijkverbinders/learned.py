"""A learned tagger: one calibrated scikit-learn classifier per code.

Features per segment: TF-IDF of lemma uni- and bigrams, TF-IDF of character 4-grams (within
word boundaries), and, for the ``combined`` method, the rule matches of
:class:`wijkverbinders.tagging.RuleTagger` (per code: indicators that count, and whether a
negation, wish, actor, reported-speech, irony or denial cue set one aside). Each code gets a
logistic regression with balanced class weights; its scores are calibrated to probabilities
by Platt scaling fitted on cross-validated (out-of-fold) scores, as
``CalibratedClassifierCV(ensemble=False)`` does, and the threshold on the calibrated
probability is the one that maximises F1 on those out-of-fold predictions. Seeds are fixed:
the same data give the same model and the same suggestions.

A code with fewer than :data:`MIN_POSITIVES` positive examples gets no classifier; the model's
``skipped`` says which and why. Models are saved with ``skops`` (no code runs on load; only the
types listed in :data:`TRUSTED_PREFIXES` are accepted).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkverbinders.errors import InputError

SEED = 20261203
MIN_POSITIVES = 8
THRESHOLD_FOLDS = 3
CUES = ("negation", "wish", "actor", "reported", "irony", "denial")
TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


@dataclass(frozen=True)
class TrainingItem:
    """One unit to learn from or to tag: its text, lemmas, rule matches and (known) codes."""

    id: str
    text: str
    lemmas: str
    rules: dict
    codes: tuple[str, ...] = ()
    group: dict = field(default_factory=dict)  # e.g. municipality, respondent, source


def item_from_record(
    item_id: str, record: dict, rules: dict, codes=(), group: dict | None = None
) -> TrainingItem:
    """An item from one NLP record (see ``nlp.doc_record``) and its rule matches."""
    text = "".join(
        w + (" " if s else "") for w, s in zip(record["words"], record["spaces"], strict=True)
    )
    lemmas = " ".join(lemma.lower() for lemma in record["lemmas"] if lemma.strip())
    return TrainingItem(item_id, text, lemmas, rules, tuple(codes), dict(group or {}))


def items_from_annotations(
    annotations: dict, matches: dict[str, dict], codes_by_segment: dict | None = None, **group
) -> list[TrainingItem]:
    """Items for every segment of one annotated document."""
    return [
        item_from_record(
            segment_id,
            record,
            matches.get(segment_id, {}),
            (codes_by_segment or {}).get(segment_id, ()),
            group,
        )
        for segment_id, record in annotations["segments"].items()
    ]


def sample_documents(
    items: Sequence[TrainingItem], limit: int | None, *, seed: int = SEED
) -> list[TrainingItem]:
    """At most about ``limit`` items, taken as whole documents in a seeded random order.

    A large study need not train (or be evaluated) on every coded segment: whole documents keep
    each document's context together, and the seed makes the choice the same on every run.
    Items without a ``doc_id`` group (the example bank) are always kept.
    """
    if limit is None or len(items) <= limit:
        return list(items)
    documents = sorted({i.group.get("doc_id", "") for i in items if i.group.get("doc_id")})
    order = np.random.default_rng(seed).permutation(len(documents))
    sizes: dict[str, int] = {}
    for item in items:
        key = item.group.get("doc_id", "")
        sizes[key] = sizes.get(key, 0) + 1
    chosen, total = set(), sizes.get("", 0)
    for k in order:
        if total >= limit:
            break
        chosen.add(documents[k])
        total += sizes[documents[k]]
    return [i for i in items if not i.group.get("doc_id") or i.group["doc_id"] in chosen]


def _frame(items: Sequence[TrainingItem], codes: Sequence[str]) -> pd.DataFrame:
    columns: dict[str, list] = {
        "text": [i.text.lower() for i in items],
        "lemmas": [i.lemmas for i in items],
    }
    for code in codes:
        columns[f"rule:{code}"] = [len(i.rules.get(code, {}).get("indicators", ())) for i in items]
        for cue in CUES:
            columns[f"rule:{code}:{cue}"] = [
                int(cue in i.rules.get(code, {}).get("cues", {})) for i in items
            ]
    return pd.DataFrame(columns)


def _transformer(codes: Sequence[str], *, with_rules: bool):
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer

    parts = [
        (
            "lemmas",
            TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            "lemmas",
        ),
        (
            "chars",
            TfidfVectorizer(
                analyzer="char_wb",
                # 4-grams alone: on the demo as good as 3- to 5-grams (leave one municipality
                # out micro-F1 0.507 against 0.503; bank to corpus 0.442 against 0.443) with
                # about half the non-zero features, so training takes about half the time.
                ngram_range=(4, 4),
                min_df=2,
                sublinear_tf=True,
                max_features=60000,
            ),
            "text",
        ),
    ]
    if with_rules:
        columns = [f"rule:{c}" for c in codes] + [f"rule:{c}:{q}" for c in codes for q in CUES]
        parts.append(("rules", "passthrough", columns))
    return ColumnTransformer(parts, sparse_threshold=1.0)


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        class_weight="balanced", C=4.0, solver="liblinear", max_iter=2000, random_state=SEED
    )


def _fit_code(features, y: np.ndarray, folds: int) -> tuple[object, object, float]:
    """Classifier, Platt calibrator and threshold for one code."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    scores = cross_val_predict(
        _classifier(), features, y, cv=splitter, method="decision_function"
    ).reshape(-1, 1)
    platt = LogisticRegression(C=1e4, solver="lbfgs", random_state=SEED).fit(scores, y)
    threshold = _best_threshold(y, platt.predict_proba(scores)[:, 1])
    return _classifier().fit(features, y), platt, threshold


def _best_threshold(y: np.ndarray, probabilities: np.ndarray) -> float:
    """The probability threshold with the highest F1 (ties: the higher threshold)."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.round(np.arange(0.05, 0.96, 0.05), 2):
        predicted = probabilities >= threshold
        tp = int((predicted & y).sum())
        f1 = 2 * tp / (predicted.sum() + y.sum()) if (predicted.sum() + y.sum()) else 0.0
        if f1 >= best_f1:
            best, best_f1 = float(threshold), f1
    return best


@dataclass
class TaggerModel:
    """A trained learned or combined tagger."""

    method: str
    codes: list[str]
    transformer: object
    classifiers: dict[str, tuple]  # code -> (classifier, Platt calibrator)
    thresholds: dict[str, float]
    skipped: dict[str, str]
    training: dict
    # Per feature: does it read as a reason (see :func:`_readable`)? Computed when training, so
    # that suggesting needs neither spaCy nor the feature names' analysis.
    readable: np.ndarray | None = None

    def probabilities(self, items: Sequence[TrainingItem]) -> pd.DataFrame:
        """Calibrated probability per item (rows) and trained code (columns)."""
        if not items:
            return pd.DataFrame(columns=list(self.classifiers))
        features = self.transformer.transform(_frame(items, self.codes))
        columns = {}
        for code, (model, platt) in self.classifiers.items():
            scores = model.decision_function(features).reshape(-1, 1)
            columns[code] = platt.predict_proba(scores)[:, 1]
        return pd.DataFrame(columns, index=[i.id for i in items])

    def predict(self, items: Sequence[TrainingItem]) -> dict[str, set[str]]:
        """The codes each item gets (probability at or above the code's threshold)."""
        table = self.probabilities(items)
        return {
            item_id: {c for c in table.columns if row[c] >= self.thresholds[c]}
            for item_id, row in table.iterrows()
        }


def train(
    items: Sequence[TrainingItem],
    codes: Sequence[str],
    *,
    method: str,
    threshold_folds: int = THRESHOLD_FOLDS,
) -> TaggerModel:
    """Train one calibrated classifier per code with enough positive examples.

    Raises:
        InputError: When there is nothing to learn from.
    """
    if method not in ("learned", "combined"):
        raise InputError(f"unknown learned method '{method}' (learned or combined)")
    if not items:
        raise InputError("no coded segments or examples to train the tagger on")
    codes = list(codes)
    frame = _frame(items, codes)
    transformer = _transformer(codes, with_rules=method == "combined")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        features = transformer.fit_transform(frame)
    classifiers, thresholds, skipped = {}, {}, {}
    for code in codes:
        y = np.array([code in i.codes for i in items])
        positives = int(y.sum())
        if positives < MIN_POSITIVES or positives > len(y) - MIN_POSITIVES:
            skipped[code] = f"{positives} positive example(s) of {len(y)}: too few to learn from"
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model, platt, threshold = _fit_code(features, y, threshold_folds)
        classifiers[code] = (model, platt)
        thresholds[code] = threshold
    return TaggerModel(
        method=method,
        codes=codes,
        transformer=transformer,
        classifiers=classifiers,
        thresholds=thresholds,
        skipped=skipped,
        training={
            "items": len(items),
            "positives": {c: sum(c in i.codes for i in items) for c in codes},
        },
        readable=_readable_mask(transformer),
    )


def _parts(transformer) -> dict[str, object]:
    """The fitted parts of a model's column transformer, by name."""
    return {name: part for name, part, _ in transformer.transformers_}


def save(model: TaggerModel, path: str) -> None:
    """Write a model with skops (a format that does not run code when it is loaded).

    Each vectorizer's vocabulary is stored as one array of terms (in feature order) instead of
    a dictionary: skops writes a dictionary entry by entry, which made a demo model 27 MB and
    took 7 s to load; as arrays it is a few MB and loads in about a second.
    """
    import copy

    import skops.io as sio

    from wijkverbinders.io import ensure_parent

    ensure_parent(path)
    readable = model.readable if model.readable is not None else _readable_mask(model.transformer)
    transformer = copy.deepcopy(model.transformer)
    vocabularies = {}
    for name, vectorizer in _parts(transformer).items():
        if not hasattr(vectorizer, "vocabulary_"):
            continue
        terms = np.empty(len(vectorizer.vocabulary_), dtype=object)
        for term, index in vectorizer.vocabulary_.items():
            terms[index] = term
        vocabularies[name] = terms.astype(str)
        del vectorizer.vocabulary_
    state = {
        "method": model.method,
        "codes": model.codes,
        "transformer": transformer,
        "vocabularies": vocabularies,
        "classifiers": model.classifiers,
        "thresholds": model.thresholds,
        "skipped": model.skipped,
        "training": model.training,
        "readable": readable,
    }
    sio.dump(state, path)


def load(path: str) -> TaggerModel:
    """Read a model written by :func:`save`, refusing any type outside scikit-learn/numpy/scipy.

    Raises:
        InputError: The file is missing, not a model, or holds types that are not trusted.
    """
    import skops.io as sio

    try:
        untrusted = sio.get_untrusted_types(file=path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such model; train it with `make run`") from None
    except Exception as exc:  # skops raises several types for a file that is not a model
        raise InputError(f"{path}: not a tagger model ({exc})") from None
    unexpected = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
    if unexpected:
        raise InputError(f"{path}: refuses to load types {', '.join(unexpected)}")
    state = sio.load(path, trusted=untrusted)
    vocabularies = state.pop("vocabularies", {})
    parts = _parts(state["transformer"])
    for name, terms in vocabularies.items():
        parts[name].vocabulary_ = {str(term): i for i, term in enumerate(terms)}
    return TaggerModel(**state)


def _readable(name: str, stop_words) -> bool:
    """A feature that reads as a reason: a rule match, or lemmas with at least one content word."""
    kind, _, value = name.partition("__")
    if kind == "rules":
        return True
    if kind != "lemmas":
        return False
    return any(w.isalpha() and w not in stop_words for w in value.split())


def _readable_mask(transformer) -> np.ndarray:
    """Per feature of a fitted transformer: does it read as a reason?"""
    from spacy.lang.nl.stop_words import STOP_WORDS

    names = transformer.get_feature_names_out()
    return np.array([_readable(n, STOP_WORDS) for n in names], dtype=bool)


def proper_names(records: Sequence[dict]) -> set[str]:
    """Lemmas written with a capital inside a sentence somewhere in these documents: names of
    people and places (and acronyms). They never serve as evidence, so that the shareable
    suggestions table does not name anyone."""
    found = set()
    for record in records:
        for segment in record["segments"].values():
            for word, lemma, starts in zip(
                segment["words"], segment["lemmas"], segment["sent_starts"], strict=True
            ):
                if word[:1].isupper() and not starts:
                    found.add(lemma.lower())
    return found


def _evidence(model, features, rows, code: str, names, readable, top: int = 3) -> list[str]:
    """For the given rows of a feature matrix, the lemmas (and rule matches) that raised the
    score for ``code`` most. Character n-grams count in the score but do not read as reasons."""
    weights = model.classifiers[code][0].coef_[0]
    found = []
    for row in rows:
        start, end = features.indptr[row], features.indptr[row + 1]
        columns, values = features.indices[start:end], features.data[start:end]
        keep = readable[columns]
        columns, values = columns[keep], values[keep]
        contributions = values * weights[columns]
        order = np.argsort(-contributions, kind="stable")[:top]
        found.append(
            "; ".join(names[columns[k]].split("__", 1)[1] for k in order if contributions[k] > 0)
        )
    return found


def suggest(model: TaggerModel, records: Sequence[dict]):
    """Suggestions (probability at or above the code's threshold) for annotated documents.

    All segments are turned into features at once, so a batch costs one transformation.
    """
    from wijkverbinders.model import synthetic_status
    from wijkverbinders.tagging import Suggestion

    items, owners = [], []
    for record in records:
        for item in items_from_annotations(record, record["rules"]):
            items.append(item)
            owners.append(record)
    if not items or not model.classifiers:
        return []
    features = model.transformer.transform(_frame(items, model.codes)).tocsr()
    names = model.transformer.get_feature_names_out()
    readable = model.readable if model.readable is not None else _readable_mask(model.transformer)
    hidden = proper_names(records)
    if hidden:  # names of people and places never read as evidence
        readable = readable & np.array(
            [not (set(n.split("__", 1)[-1].split()) & hidden) for n in names]
        )
    suggestions = []
    for code, (classifier, platt) in model.classifiers.items():
        scores = classifier.decision_function(features).reshape(-1, 1)
        probabilities = platt.predict_proba(scores)[:, 1]
        rows = np.flatnonzero(probabilities >= model.thresholds[code])
        for row, why in zip(
            rows,
            _evidence(model, features, rows, code, names, readable),
            strict=True,
        ):
            record = owners[row]
            suggestions.append(
                Suggestion(
                    doc_id=record["doc_id"],
                    segment_id=items[row].id,
                    code=code,
                    score=round(float(probabilities[row]), 4),
                    method=model.method,
                    evidence=why,
                    synthetic=synthetic_status([bool(record.get("synthetic"))]),
                )
            )
    return suggestions
