"""The reviewer notebooks: committed without outputs, paired with their .py, known to the
workflow, and runnable by hand with the same inputs the workflow gives them."""

import json

import jupytext
import pytest

from tests.conftest import ROOT
from wijkverbinders import outputs, reviewing

NOTEBOOKS = ROOT / "notebooks"


@pytest.mark.parametrize("name", outputs.NOTEBOOKS)
def test_notebook_is_committed_without_outputs_and_paired(name):
    ipynb = NOTEBOOKS / f"{name}.ipynb"
    raw = json.loads(ipynb.read_text(encoding="utf-8"))
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    # Snakemake decides how to run a notebook from its language.
    assert raw["metadata"]["language_info"]["name"] == "python"
    paired = jupytext.read(NOTEBOOKS / f"{name}.py")
    stored = jupytext.read(ipynb)
    assert [(c.cell_type, c.source) for c in paired.cells] == [
        (c.cell_type, c.source) for c in stored.cells
    ], f"run: jupytext --sync notebooks/{name}.ipynb"


def test_every_notebook_in_the_folder_is_run_by_the_workflow():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(outputs.NOTEBOOKS)
    assert set(outputs.NOTEBOOK_INPUTS) == set(outputs.NOTEBOOKS)


def test_inputs_by_hand_name_what_the_workflow_gives(tmp_path, monkeypatch):
    (tmp_path / "Snakefile").write_text("")
    (tmp_path / "config.yaml").write_text("codebook: my/codebook.yaml\n")
    table = tmp_path / outputs.TABLES["findings"].path
    table.parent.mkdir(parents=True)
    table.write_text("claim\n")
    figure = tmp_path / outputs.FIGURES_DIR / "saturation.png"
    figure.parent.mkdir(parents=True)
    figure.write_bytes(b"")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    found = reviewing.notebook_inputs("03_barriers")
    # The working directory moves to the project; only outputs that exist are named.
    assert found == {
        "findings": outputs.TABLES["findings"].path,
        "codebook": "my/codebook.yaml",
        "figures": [f"{outputs.FIGURES_DIR}/saturation.png"],
    }


def test_banner_and_status():
    import pandas as pd

    assert reviewing.status_of([pd.DataFrame({"synthetic": ["yes", "yes"]})]) == "yes"
    assert reviewing.status_of([pd.DataFrame({"synthetic": ["yes"]})], "no") == "mixed"
    assert reviewing.banner("yes").startswith("> **WARNING: Computed on the SYNTHETIC")
    assert "MIX" in reviewing.banner("mixed")
    assert "WARNING" not in reviewing.banner("no")
