"""An honest evaluation of the tagger: grouped cross-validation against human codes.

Schemes (each predicts every human-coded segment of the corpus once, from a model that never saw
its group):

- ``leave_one_municipality_out``: train on the bank and the other municipalities' segments;
- ``leave_one_respondent_out``: train on the bank and everyone else's segments (observations
  count for the observed wijkverbinder, a document without one as its own group);
- ``bank_to_corpus``: train on the example bank alone, test on the whole corpus (the transfer
  case: how far written examples carry to talk the model has never seen).

Methods: ``majority`` (each code's most frequent value in the training data, which is "absent"
for every code: the floor), ``rules`` (the rule tagger, no training), ``learned`` and
``combined`` (:mod:`wijkverbinders.learned`). Per code: precision, recall, F1, Cohen's kappa and
Krippendorff's alpha (nominal, the code as a binary variable per segment) with a bootstrap
interval, as scikit-learn and the ``krippendorff`` package compute them, so that the tagger
reads like a second coder beside the human agreement tables; plus micro and macro F1 and mean
alpha over the eight role and barrier codes, and over all evaluated codes.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wijkverbinders import learned
from wijkverbinders.learned import TrainingItem

SCHEMES = ("leave_one_municipality_out", "leave_one_respondent_out", "bank_to_corpus")
METHODS = ("majority", "rules", "learned", "combined")
ROLE_BARRIER_GROUPS = ("role", "barrier")


def _rules_predict(items: Sequence[TrainingItem], codes: Sequence[str]) -> dict[str, set[str]]:
    return {i.id: {c for c in codes if i.rules.get(c, {}).get("indicators")} for i in items}


def _majority_predict(
    train: Sequence[TrainingItem], items: Sequence[TrainingItem], codes: Sequence[str]
) -> dict[str, set[str]]:
    present = {c for c in codes if 2 * sum(c in i.codes for i in train) > len(train)}
    return {i.id: set(present) for i in items}


def predict(
    method: str,
    train: Sequence[TrainingItem],
    test: Sequence[TrainingItem],
    codes: Sequence[str],
) -> dict[str, set[str]]:
    """The codes ``method`` gives each test item after training on ``train``."""
    if method == "rules":
        return _rules_predict(test, codes)
    if method == "majority":
        return _majority_predict(train, test, codes)
    return learned.train(train, codes, method=method).predict(test)


MAX_FOLDS = 5


def _folds(
    scheme: str,
    corpus: Sequence[TrainingItem],
    bank: Sequence[TrainingItem],
    max_folds: int = MAX_FOLDS,
):
    """``(name, train items, test items)`` per fold of a scheme.

    With more groups than ``max_folds`` (a national study with hundreds of respondents), the
    groups are split into ``max_folds`` folds of whole groups (scikit-learn ``GroupKFold``):
    still no group is in training and test at once.
    """
    if scheme == "bank_to_corpus":
        yield "corpus", list(bank), list(corpus)  # named, like every fold, by its test set
        return
    key = "municipality" if scheme == "leave_one_municipality_out" else "respondent"
    groups = sorted({i.group[key] for i in corpus})
    if len(groups) <= max_folds:
        for group in groups:
            test = [i for i in corpus if i.group[key] == group]
            train = [*bank, *(i for i in corpus if i.group[key] != group)]
            yield group, train, test
        return
    from sklearn.model_selection import GroupKFold

    labels = [i.group[key] for i in corpus]
    splitter = GroupKFold(n_splits=max_folds)
    for k, (train_index, test_index) in enumerate(splitter.split(corpus, groups=labels), 1):
        test = [corpus[j] for j in test_index]
        name = f"fold {k}/{max_folds} ({len({labels[j] for j in test_index})} {key}s)"
        yield name, [*bank, *(corpus[j] for j in train_index)], test


BOOTSTRAP_SAMPLES = 200


def code_metrics(
    truth: np.ndarray, predicted: np.ndarray, rng: np.random.Generator | None = None
) -> dict:
    """Precision, recall, F1, kappa and alpha (with a bootstrap interval when ``rng`` is given)
    for one binary code, None where undefined: the tagger read like a second coder."""
    from sklearn.metrics import precision_recall_fscore_support

    from wijkverbinders.agreement import _alpha, _bootstrap, _kappa

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, _ = precision_recall_fscore_support(
            truth, predicted, average="binary", zero_division=0
        )
    alpha = _alpha(truth, predicted)
    low = high = None
    if alpha is not None and rng is not None:
        low, high, _ = _bootstrap(truth, predicted, rng, BOOTSTRAP_SAMPLES)
    return {
        "support": int(truth.sum()),
        "predicted": int(predicted.sum()),
        "precision": float(p),
        "recall": float(r),
        "f1": float(f),
        "cohen_kappa": _kappa(truth, predicted),
        "krippendorff_alpha": alpha,
        "alpha_ci_low": low,
        "alpha_ci_high": high,
    }


def summarise(truth: np.ndarray, predicted: np.ndarray, codes: Sequence[str], main: Sequence[str]):
    """Per code metrics and micro/macro F1 and mean alpha over ``main`` and over all codes."""
    from sklearn.metrics import f1_score

    from wijkverbinders.agreement import BOOTSTRAP_SEED

    rng = np.random.default_rng(BOOTSTRAP_SEED)
    per_code = {c: code_metrics(truth[:, k], predicted[:, k], rng) for k, c in enumerate(codes)}
    summary = {"per_code": per_code}
    for name, chosen in (("role_barrier", list(main)), ("all", list(codes))):
        index = [codes.index(c) for c in chosen]
        alphas = [per_code[c]["krippendorff_alpha"] for c in chosen]
        defined = [a for a in alphas if a is not None]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            summary[name] = {
                "codes": chosen,
                "micro_f1": float(
                    f1_score(truth[:, index], predicted[:, index], average="micro", zero_division=0)
                ),
                "macro_f1": float(
                    f1_score(truth[:, index], predicted[:, index], average="macro", zero_division=0)
                ),
                "mean_alpha": float(np.mean(defined)) if defined else None,
                "alpha_undefined_for": [
                    c for c, a in zip(chosen, alphas, strict=True) if a is None
                ],
            }
    return summary


def evaluate(
    corpus: Sequence[TrainingItem],
    bank: Sequence[TrainingItem],
    codes: Sequence[str],
    main: Sequence[str],
    *,
    schemes: Sequence[str] = SCHEMES,
    methods: Sequence[str] = METHODS,
    max_folds: int = MAX_FOLDS,
) -> dict:
    """Every scheme and method: predictions for each corpus segment, then the metrics."""
    codes = list(codes)
    result = {"codes": codes, "main_codes": list(main), "schemes": {}}
    truth = np.array([[c in i.codes for c in codes] for i in corpus], dtype=bool)
    for scheme in schemes:
        if not corpus:
            result["schemes"][scheme] = {"skipped": "no human-coded segments to evaluate on"}
            continue
        if scheme == "bank_to_corpus" and not bank:
            result["schemes"][scheme] = {"skipped": "no example bank"}
            continue
        folds = list(_folds(scheme, corpus, bank, max_folds))
        entry = {
            "folds": [
                {"test": name, "train": len(tr), "test_items": len(te)} for name, tr, te in folds
            ],
            "methods": {},
        }
        for method in methods:
            predicted_by_id: dict[str, set[str]] = {}
            for _, train, test in folds:
                predicted_by_id.update(predict(method, train, test, codes))
            predicted = np.array(
                [[c in predicted_by_id[i.id] for c in codes] for i in corpus], dtype=bool
            )
            entry["methods"][method] = summarise(truth, predicted, codes, main)
        result["schemes"][scheme] = entry
    return result


def evaluation_table(result: dict) -> pd.DataFrame:
    """One row per scheme, method and code, plus a ``(role_barrier)`` and an ``(all)`` row per
    scheme and method: ``f1`` there is micro-F1, ``macro_f1`` macro-F1 and
    ``krippendorff_alpha`` the mean alpha over the codes."""
    rows = []
    for scheme, entry in result["schemes"].items():
        for method, summary in entry.get("methods", {}).items():
            for code, m in summary["per_code"].items():
                rows.append({"scheme": scheme, "method": method, "code": code, **m})
            for name in ("role_barrier", "all"):
                s = summary[name]
                rows.append(
                    {
                        "scheme": scheme,
                        "method": method,
                        "code": f"({name})",
                        "f1": s["micro_f1"],
                        "macro_f1": s["macro_f1"],
                        "krippendorff_alpha": s["mean_alpha"],
                    }
                )
    columns = [
        "scheme",
        "method",
        "code",
        "support",
        "predicted",
        "precision",
        "recall",
        "f1",
        "macro_f1",
        "cohen_kappa",
        "krippendorff_alpha",
    ]
    table = pd.DataFrame(rows, columns=columns)
    for column in columns[5:]:
        table[column] = table[column].astype(float).round(4)
    return table
