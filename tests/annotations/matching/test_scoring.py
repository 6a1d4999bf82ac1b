"""The calibrated stage-2 score: probabilities in [0, 1], monotone in each signal, fitted from labelled pools."""
import numpy as np
import pytest

from annotations.matching.core.calibrate import (LabelledPool, cross_validate, fit_calibration, fit_logit,
                                                 precision_threshold, ranked_map_at_5)
from annotations.matching.core.scoring import (DENSE_FEATURES, LEXICAL_FEATURES, Calibration, Logit,
                                               calibration_for, features, packaged_calibration)

CALIBRATION = Calibration(dense=Logit(features=DENSE_FEATURES, weights=(6.0, 5.0, -0.5), intercept=-9.5),
                          lexical=Logit(features=LEXICAL_FEATURES, weights=(4.0, 1.0, -0.5), intercept=-7.0))


def test_probabilities_are_in_the_unit_interval_even_for_extreme_inputs():
    bm25 = np.array([0.0, 1.0, 50.0, 1e6])
    dense = np.array([-1.0, 0.0, 0.5, 1.0])
    for calibration in (CALIBRATION, packaged_calibration()):
        for cosines in (dense, None):
            p = calibration.probabilities(bm25=bm25, dense=cosines)
            assert p.shape == (4,) and np.all((p >= 0) & (p <= 1))


def test_probability_rises_with_the_cosine_and_with_bm25():
    bm25 = np.array([2.0, 4.0, 8.0])
    dense = np.array([0.3, 0.4, 0.5])
    p = CALIBRATION.probabilities(bm25=bm25, dense=dense)
    assert p[0] < p[1] < p[2]
    closer = CALIBRATION.probabilities(bm25=bm25, dense=dense + 0.4)  # same ranks, higher cosines
    assert np.all(closer > p)
    lexical = CALIBRATION.probabilities(bm25=bm25[:3], dense=None)
    assert lexical[0] < lexical[1] < lexical[2]


def test_the_packaged_calibration_is_monotone_in_both_signals_and_lowered_by_other_numbers():
    calibration = packaged_calibration()
    for logit in (calibration.dense, calibration.lexical):
        weights = dict(zip(logit.features, logit.weights))
        assert weights.pop("numbers_differ") < 0
        assert all(weight > 0 for weight in weights.values())
    bm25, dense = np.array([9.0, 6.0, 3.0, 1.0]), np.array([0.9, 0.6, 0.5, 0.2])
    p = calibration.probabilities(bm25=bm25, dense=dense)
    assert np.all(np.diff(p) < 0)  # first by both signals, most likely
    for scale in (0.5, 0.8):  # the same ranks at lower cosines: less likely
        assert np.all(calibration.probabilities(bm25=bm25, dense=dense * scale) < p)
    lexical = calibration.probabilities(bm25=bm25, dense=None)
    assert np.all(np.diff(lexical) < 0)
    assert 0 < calibration.bm25_share < 1


def test_bm25_counts_relative_to_the_best_of_the_pool():
    matrix = features(("bm25_relative",), bm25=np.array([2.0, 8.0, 0.0]), dense=None)
    assert matrix[:, 0].tolist() == [0.25, 1.0, 0.0]
    assert features(("bm25_relative",), bm25=np.zeros(2), dense=None)[:, 0].tolist() == [0.0, 0.0]


def test_an_empty_pool_has_no_probabilities():
    assert CALIBRATION.probabilities(bm25=np.zeros(0), dense=np.zeros(0)).size == 0


def test_save_and_load_round_trip(tmp_path):
    path = CALIBRATION.save(tmp_path)
    assert path.name == "calibration.json"
    loaded = Calibration.load(tmp_path)
    assert loaded == CALIBRATION
    assert calibration_for(str(tmp_path)) == CALIBRATION  # a model directory's own calibration wins


def test_a_model_without_its_own_calibration_gets_the_packaged_one(tmp_path):
    assert calibration_for(str(tmp_path)) == packaged_calibration()
    assert calibration_for("") == packaged_calibration()


def test_non_finite_weights_are_refused():
    with pytest.raises(ValueError):
        Logit(features=DENSE_FEATURES, weights=(float("nan"), 1.0), intercept=0.0)
    with pytest.raises(ValueError):
        features(("no_such_feature",), bm25=np.ones(2), dense=None)


def toy_pools(rng, n=60, size=20):
    """Separable toy queries: the one same-claim candidate has the highest cosine and BM25 and states the
    query's numbers; a third of the others state other numbers."""
    pools = []
    for _ in range(n):
        dense = rng.uniform(0.0, 0.6, size)
        bm25 = rng.uniform(0.5, 5.0, size)
        labels = np.zeros(size)
        hit = rng.integers(size)
        dense[hit], bm25[hit], labels[hit] = rng.uniform(0.75, 1.0), rng.uniform(6.0, 9.0), 1.0
        differ = (rng.uniform(size=size) < 1 / 3).astype(float)
        differ[hit] = 0.0
        pools.append(LabelledPool(bm25=bm25, dense=dense, labels=labels, n_relevant=1, numbers_differ=differ))
    return pools


def test_the_fit_recovers_a_separable_toy_set():
    rng = np.random.default_rng(0)
    pools = toy_pools(rng)
    logit = fit_logit(pools, DENSE_FEATURES)
    weights = dict(zip(logit.features, logit.weights))
    assert weights["fused_rank"] > 0 and weights["fused_rank_x_dense"] > 0
    assert weights["numbers_differ"] < 0  # stating other numbers is evidence against the same claim
    probabilities = [logit.probabilities(bm25=p.bm25, dense=p.dense, numbers_differ=p.numbers_differ)
                     for p in pools]
    assert ranked_map_at_5(pools, probabilities) == 1.0
    positives = np.concatenate([pr[p.labels == 1] for pr, p in zip(probabilities, pools)])
    negatives = np.concatenate([pr[p.labels == 0] for pr, p in zip(probabilities, pools)])
    assert positives.min() > negatives.max()
    _, metrics = cross_validate(pools, DENSE_FEATURES)
    assert metrics["map_at_5"] == 1.0 and metrics["queries"] == 60


def test_fit_calibration_records_cross_validated_numbers_and_operating_points():
    rng = np.random.default_rng(1)
    pools = toy_pools(rng)
    lexical = [LabelledPool(bm25=p.bm25, dense=None, labels=p.labels, n_relevant=1) for p in pools]
    calibration = fit_calibration(dense_pools=pools, lexical_pools=lexical, model="toy", fitted_on="toy")
    assert calibration.metrics["dense"]["map_at_5"] == 1.0
    assert calibration.metrics["dense"]["auto_at_precision_0.95"]["precision"] >= 0.95
    assert calibration.model == "toy"


def test_a_query_whose_match_left_the_pool_scores_zero_average_precision():
    pool = LabelledPool(bm25=np.array([3.0, 1.0]), dense=None, labels=np.zeros(2), n_relevant=1)
    assert ranked_map_at_5([pool], [np.array([0.9, 0.1])]) == 0.0


def test_precision_threshold_is_the_lowest_probability_that_keeps_the_precision():
    probabilities = np.array([0.95, 0.9, 0.8, 0.7, 0.2])
    labels = np.array([1, 1, 0, 1, 0])
    assert precision_threshold(probabilities, labels, precision=1.0) == 0.9
    assert precision_threshold(probabilities, labels, precision=0.75) == 0.7
    assert precision_threshold(np.array([0.5]), np.array([0]), precision=0.9) == 1.0


def test_other_numbers_lower_the_probability_at_equal_evidence():
    bm25, dense = np.array([8.0, 6.0, 1.0]), np.array([0.9, 0.8, 0.2])
    logit = fit_logit(toy_pools(np.random.default_rng(2)), DENSE_FEATURES)
    agreeing = logit.probabilities(bm25=bm25, dense=dense, numbers_differ=np.zeros(3))
    differing = logit.probabilities(bm25=bm25, dense=dense, numbers_differ=np.array([0.0, 1.0, 0.0]))
    assert differing[1] < agreeing[1] and differing[0] == pytest.approx(agreeing[0])
    assert logit.probabilities(bm25=bm25, dense=dense) == pytest.approx(agreeing)  # absent: all agree
