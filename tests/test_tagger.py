"""The tagger stages: bank annotation, training, suggestions by method, and evaluation."""

import json

import pandas as pd
import pytest

from tests.conftest import CODEBOOK, TEST_BANK, TEST_CORPUS
from wijkverbinders import learned, stages
from wijkverbinders.errors import InputError
from wijkverbinders.io import read_jsonl


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    out = tmp_path_factory.mktemp("tagged")
    primary = sorted(TEST_CORPUS.rglob("*.txt"))
    stages.process_batch(
        [str(p) for p in primary],
        roots=[str(TEST_CORPUS)] * len(primary),
        codebook=str(CODEBOOK),
        parsed=str(out / "p000.jsonl"),
        annotations=str(out / "nlp.jsonl"),
    )
    stages.annotate_bank([str(TEST_BANK)], codebook=str(CODEBOOK), output=str(out / "bank.jsonl"))
    stages.train_tagger(
        [str(out / "p000.jsonl")],
        [str(out / "nlp.jsonl")],
        bank=str(out / "bank.jsonl"),
        codebook=str(CODEBOOK),
        method="learned",
        model_output=str(out / "tagger.skops"),
        info_output=str(out / "tagger.json"),
    )
    return out


def test_bank_annotations_carry_codes_and_rule_matches(tagged):
    entries = list(read_jsonl(tagged / "bank.jsonl"))
    assert len(entries) == 32
    first = entries[0]
    assert (first["id"], first["codes"], first["register"]) == (
        "T1-0001",
        ["role_fixer"],
        "fixture",
    )
    assert first["rules"] == {
        "role_fixer": {"indicators": ["kapot"], "words": ["kapotte"], "suppressed": [], "cues": {}}
    }


def test_training_describes_what_it_learned_from(tagged):
    info = json.loads((tagged / "tagger.json").read_text(encoding="utf-8"))
    assert info["method"] == "learned"
    assert info["training"]["corpus_segments"] == 8  # segments of the three coded documents
    assert info["training"]["bank_examples"] == 32
    # Fixer: 10 bank examples + 2 corpus segments; positional: 10 + 1.
    assert info["training"]["positives"]["role_fixer"] == 12
    assert sorted(info["thresholds"]) == ["barrier_positional", "role_fixer"]
    assert info["not_trained"]["role_exploring"] == (
        "0 positive example(s) of 40: too few to learn from"
    )


def test_learned_suggestions_have_scores_and_evidence(tagged):
    stages.suggest_batch(
        str(tagged / "nlp.jsonl"),
        codebook=str(CODEBOOK),
        method="learned",
        model=str(tagged / "tagger.skops"),
        output=str(tagged / "s.csv"),
    )
    table = pd.read_csv(tagged / "s.csv", keep_default_na=False)
    assert set(table["method"]) == {"learned"} and set(table["synthetic"]) == {"yes"}
    assert set(table["code"]) <= {"role_fixer", "barrier_positional"}
    fixer = table[(table["segment_id"] == "T-KAT-INT-01:002") & (table["code"] == "role_fixer")]
    assert len(fixer) == 1 and 0 < fixer["score"].iloc[0] <= 1 and fixer["evidence"].iloc[0]
    # Same data, same model, same suggestions.
    stages.suggest_batch(
        str(tagged / "nlp.jsonl"),
        codebook=str(CODEBOOK),
        method="learned",
        model=str(tagged / "tagger.skops"),
        output=str(tagged / "again.csv"),
    )
    assert (tagged / "again.csv").read_bytes() == (tagged / "s.csv").read_bytes()


def test_model_file_is_checked_before_loading(tagged, tmp_path):
    with pytest.raises(InputError, match="no such model; train it with `make run`"):
        learned.load(str(tmp_path / "missing.skops"))
    bad = tmp_path / "bad.skops"
    bad.write_text("not a model", encoding="utf-8")
    with pytest.raises(InputError, match="not a tagger model"):
        learned.load(str(bad))
    assert learned.load(str(tagged / "tagger.skops")).method == "learned"


def test_evaluation_writes_json_table_and_figure(tagged):
    stages.evaluate_tagger(
        [str(tagged / "p000.jsonl")],
        [str(tagged / "nlp.jsonl")],
        bank=str(tagged / "bank.jsonl"),
        codebook=str(CODEBOOK),
        json_output=str(tagged / "evaluation.json"),
        table_output=str(tagged / "evaluation.csv"),
        figure_outputs=[str(tagged / "evaluation.png")],
        methods=["majority", "rules"],
    )
    result = json.loads((tagged / "evaluation.json").read_text(encoding="utf-8"))
    lomo = result["schemes"]["leave_one_municipality_out"]
    assert [f["test"] for f in lomo["folds"]] == ["Katwijk", "Maassluis"]
    majority = lomo["methods"]["majority"]["per_code"]["role_fixer"]
    # Nothing predicted: F1 0, kappa 0; alpha over 16 values (2 positive, 2 disagreeing
    # units): 1 - 15 * 2 / (14 * 2).
    assert (majority["predicted"], majority["f1"], majority["cohen_kappa"]) == (0, 0.0, 0.0)
    assert majority["krippendorff_alpha"] == pytest.approx(1 - 30 / 28)
    rules = lomo["methods"]["rules"]["per_code"]["role_fixer"]
    assert (rules["support"], rules["predicted"]) == (2, 3)
    assert result["data"]["synthetic"] == "yes"
    table = pd.read_csv(tagged / "evaluation.csv")
    assert set(table["scheme"]) == {
        "leave_one_municipality_out",
        "leave_one_respondent_out",
        "bank_to_corpus",
    }
    assert (tagged / "evaluation.png").stat().st_size > 0


def test_suggest_command_on_files(tagged, tmp_path, capsys):
    from wijkverbinders.cli import main

    out = tmp_path / "s.csv"
    code = main(
        [
            "--codebook",
            str(CODEBOOK),
            "suggest",
            str(TEST_CORPUS / "katwijk"),
            "--out",
            str(out),
            "--model",
            str(tagged / "tagger.skops"),
            "--with-text",
        ]
    )
    assert code == 0, capsys.readouterr().err
    table = pd.read_csv(out, keep_default_na=False)
    assert set(table["method"]) == {"learned"} and "text" in table.columns
    code = main(
        [
            "--codebook",
            str(CODEBOOK),
            "suggest",
            str(TEST_CORPUS),
            "--out",
            str(out),
            "--method",
            "learned",
            "--model",
            str(tmp_path / "none.skops"),
        ]
    )
    assert code == 2
    assert "no such model; train it with `make run`" in capsys.readouterr().err


def test_learned_evaluation_predicts_every_segment_once(tagged):
    from wijkverbinders import evaluation

    corpus, bank = stages.training_items(
        [str(tagged / "p000.jsonl")], [str(tagged / "nlp.jsonl")], str(tagged / "bank.jsonl")
    )
    result = evaluation.evaluate(
        corpus,
        bank,
        ["role_fixer", "barrier_positional"],
        ["role_fixer", "barrier_positional"],
        schemes=["bank_to_corpus"],
        methods=["learned"],
    )
    fixer = result["schemes"]["bank_to_corpus"]["methods"]["learned"]["per_code"]["role_fixer"]
    assert fixer["support"] == 2
    assert result["schemes"]["bank_to_corpus"]["folds"] == [
        {"test": "bank", "train": 32, "test_items": 8}
    ]
