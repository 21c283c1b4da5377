"""The tagger stages: bank annotation, training, suggestions by method, and evaluation."""

import dataclasses
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


def test_saved_model_keeps_vocabularies_as_arrays_and_scores_the_same(tagged, tmp_path):
    import zipfile

    model = learned.load(str(tagged / "tagger.skops"))
    names = model.transformer.get_feature_names_out()
    schema = zipfile.ZipFile(tagged / "tagger.skops").read("schema.json").decode("utf-8")
    assert '"vocabulary_"' not in schema  # the terms are one array, not a dict entry each
    # Evidence: lemma n-grams with a content word read as reasons; character n-grams never.
    readable = dict(zip(names, model.readable, strict=True))
    assert readable["lemmas__kapot"] and not readable["lemmas__de"]
    assert not any(v for n, v in readable.items() if n.startswith("chars__"))
    learned.save(model, str(tmp_path / "again.skops"))
    again = learned.load(str(tmp_path / "again.skops"))
    assert list(again.transformer.get_feature_names_out()) == list(names)
    records = list(read_jsonl(tagged / "nlp.jsonl"))
    assert learned.suggest(again, records) == learned.suggest(model, records)


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
        {"test": "corpus", "train": 32, "test_items": 8}
    ]


def _items(n_docs, per_doc, **group):
    return [
        learned.TrainingItem(f"d{d}:{k}", "x", "x", {}, (), {"doc_id": f"d{d}", **group})
        for d in range(n_docs)
        for k in range(per_doc)
    ]


def test_sampling_takes_whole_documents_and_keeps_the_bank():
    items = _items(10, 3) + [learned.TrainingItem("bank-1", "x", "x", {}, (), {})]
    chosen = learned.sample_documents(items, 7)
    docs = {i.group["doc_id"] for i in chosen if i.group}
    assert len(chosen) == 7 and len(docs) == 2  # the bank item, then whole documents up to 7
    assert "bank-1" in {i.id for i in chosen}
    assert learned.sample_documents(items, 7) == chosen  # seeded
    assert learned.sample_documents(items, None) == items


def test_many_respondents_are_split_into_capped_group_folds():
    from wijkverbinders.evaluation import _folds

    corpus = [
        dataclasses.replace(i, group={**i.group, "respondent": i.group["doc_id"]})
        for i in _items(30, 2, municipality="A")
    ]
    folds = list(_folds("leave_one_respondent_out", corpus, [], max_folds=5))
    assert [name for name, _, _ in folds] == [f"fold {k}/5 (6 respondents)" for k in range(1, 6)]
    for _, train, test in folds:
        assert not {i.group["respondent"] for i in train} & {i.group["respondent"] for i in test}
    assert sorted(i.id for _, _, test in folds for i in test) == sorted(i.id for i in corpus)
