"""The evaluation and training commands on tiny fixtures (no shared data, no database)."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"
TINY_TSV = FIXTURES / "checkworthiness_tiny.tsv"


def run(*args) -> dict:
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_evaluate_checkworthiness_with_builtin_rules(nlp):
    result = run("evaluate_checkworthiness", str(TINY_TSV), "--model", "", "--json")
    assert set(result) >= {"n", "precision", "recall", "f1", "map", "threshold", "sentences_per_second"}
    assert result["n"] == 48 and result["threshold"] == 0.5
    assert result["f1"] >= 0.8 and result["map"] >= 0.8


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory, nlp):
    directory = tmp_path_factory.mktemp("model")
    meta = run("train_checkworthiness", "--data", str(TINY_TSV), "--dev", str(TINY_TSV), "--out", str(directory),
               "--json")
    return directory, meta


def test_train_writes_model_and_meta(trained_model):
    directory, meta = trained_model
    assert (directory / "model.joblib").exists()
    written = json.loads((directory / "meta.json").read_text())
    assert written["n_train"] == 48 and written["dev"]["f1"] == meta["dev"]["f1"]
    assert "checkworthiness_tiny.tsv" in written["data"][0]


def test_evaluate_with_trained_model_and_setting(trained_model, settings):
    directory, _ = trained_model
    result = run("evaluate_checkworthiness", str(TINY_TSV), "--model", str(directory), "--json")
    assert result["f1"] == 1.0
    from verify.extraction.scoring import get_scorer

    settings.VERIFY_CHECKWORTHINESS_MODEL = str(directory)
    assert get_scorer().name == "trained"
    settings.VERIFY_CHECKWORTHINESS_MODEL = ""
    assert get_scorer().name == "rules"


def test_evaluate_attribution_on_tiny_polnear_folder(nlp):
    result = run("evaluate_attribution", str(FIXTURES / "attribution_tiny"), "--json")
    assert result["articles"] == 1 and result["gold_sourced"] == 3
    assert result["claimant_precision"] == 1.0
    assert result["claimant_recall"] == 1.0
    assert result["content_recall"] == 1.0


def attribution_corpus(root: Path, *, right: tuple[str, ...], wrong: tuple[str, ...]) -> None:
    """Copies of the tiny fixture article under `root`, one per article named in the annotation file names
    (`<article>_<annotator>`): those in `right` annotated as the fixture is, those in `wrong` crediting the
    traffic sentence to "Traffic", which nobody said."""
    tiny = FIXTURES / "attribution_tiny"
    text = (tiny / "text" / "ledger_bridge.txt").read_text(encoding="utf-8")
    start = text.index("Traffic")
    fixture_annotation = (tiny / "attributions" / "ledger_bridge_a1.ann").read_text(encoding="utf-8")
    traffic_annotation = (f"T1\tSource {start} {start + 7}\tTraffic\nT2\tContent {start + 8} {len(text.rstrip())}\tx\n"
                          "E1\tAttribution:T1 Content:T2 Source:T1\n")
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    for names, annotation in ((right, fixture_annotation), (wrong, traffic_annotation)):
        for name in names:
            (root / "text" / f"{name.rsplit('_', 1)[0]}.txt").write_text(text, encoding="utf-8")
            (root / "attributions" / f"{name}.ann").write_text(annotation, encoding="utf-8")


def test_evaluate_attribution_reports_each_article_wise_half_apart(nlp, tmp_path):
    # The same article annotated twice stays in one half; the other article's annotation is wrong.
    attribution_corpus(tmp_path, right=("ledger_bridge_a1", "ledger_bridge_a2"), wrong=("ledger_other_a1",))

    result = run("evaluate_attribution", str(tmp_path), "--json")

    [first, second] = result["halves"]
    assert (first["articles"], first["claimant_f1"]) == (2, 1.0)
    assert (second["articles"], second["claimant_f1"]) == (1, 0.0)
    assert 0.0 < result["claimant_f1"] < 1.0


def test_evaluate_attribution_reports_each_outlet_apart(nlp, tmp_path):
    attribution_corpus(tmp_path, right=("gazette_bridge_a1",), wrong=("herald_bridge_a1",))

    result = run("evaluate_attribution", str(tmp_path), "--json")

    assert set(result["outlets"]) == {"gazette", "herald"}
    assert (result["outlets"]["gazette"]["articles"], result["outlets"]["gazette"]["claimant_f1"]) == (1, 1.0)
    assert result["outlets"]["herald"]["claimant_recall"] == 0.0

