"""The confidence model: the logistic fit, the Platt map and the shipped coefficients."""
from __future__ import annotations

import numpy as np
import pytest

from realpolitik.records import Document
from realpolitik.events.calibration import fold_assignment, noise_floor, out_of_fold, reliability
from realpolitik.events.confidence import ConfidenceModel, _sigmoid, feature_names, fit_logistic, fit_platt, load_model


def _synthetic(n: int = 4000, seed: int = 1):
    rng = np.random.default_rng(seed)
    x = np.column_stack([np.ones(n), rng.normal(size=n), rng.normal(size=n)])
    true = np.array([-0.5, 1.5, -1.0])
    y = (rng.random(n) < _sigmoid(x @ true)).astype(float)
    return x, y, true


def test_logistic_fit_recovers_the_weights_that_made_the_data():
    x, y, true = _synthetic()
    assert fit_logistic(x, y, l2=1e-6) == pytest.approx(true, abs=0.15)


def test_a_strong_penalty_shrinks_the_weights_but_not_the_bias():
    x, y, _ = _synthetic()
    loose, tight = fit_logistic(x, y, l2=1e-6), fit_logistic(x, y, l2=1e4)
    assert np.abs(tight[1:]).max() < 0.2 * np.abs(loose[1:]).max()
    assert _sigmoid(tight[0]) == pytest.approx(y.mean(), abs=0.05)


def test_platt_map_undoes_shrunken_log_odds():
    x, y, true = _synthetic()
    shrunk = 0.4 * (x @ true)  # what an over-regularised model says
    intercept, slope = fit_platt(shrunk, y)
    assert slope == pytest.approx(2.5, rel=0.15) and intercept == pytest.approx(0.0, abs=0.15)


def test_platt_map_of_calibrated_log_odds_is_the_identity():
    x, y, true = _synthetic()
    intercept, slope = fit_platt(x @ true, y)
    assert slope == pytest.approx(1.0, abs=0.1) and intercept == pytest.approx(0.0, abs=0.1)


def test_the_model_applies_its_platt_map_to_every_event(extractor):
    events = extractor.extract(Document("t", "Poland expelled two Russian diplomats on Monday. "
                                             "Japan condemned the missile launch by North Korea.",
                                        date="2024-05-08")).events
    assert len(events) >= 2
    model = load_model()
    plain = ConfidenceModel(model.names, model.weights).probabilities(events)
    shifted = ConfidenceModel(model.names, model.weights, (1.0, 1.0)).probabilities(events)
    flat = ConfidenceModel(model.names, model.weights, (0.0, 0.0)).probabilities(events)
    assert np.all((plain > 0) & (plain < 1))
    assert np.all(shifted > plain)
    assert flat == pytest.approx(np.full(len(events), 0.5))


def test_shipped_model_matches_the_features():
    model = load_model()
    assert list(model.names) == feature_names()
    assert model.weights.shape == (len(feature_names()),)
    assert model.calibration[1] > 0  # a negative slope would rank right readings below wrong ones


def test_folds_keep_each_document_whole():
    docs = np.array([f"d{i % 17}" for i in range(200)])
    assignment = fold_assignment(docs, 5, seed=3)
    for doc in set(docs):
        assert len(set(assignment[docs == doc])) == 1
    assert set(assignment) == set(range(5))


def test_reliability_table_and_ece_of_known_scores():
    p = np.array([0.15, 0.15, 0.15, 0.15, 0.85, 0.85, 0.85, 0.85])
    y = np.array([0, 0, 0, 1, 1, 1, 1, 0], dtype=float)
    table, ece = reliability(p, y)
    assert [row[2] for row in table] == [4, 4]
    assert ece == pytest.approx(0.10)  # each half is off by 0.25 - 0.15


def test_out_of_fold_calibration_on_data_with_a_known_answer():
    x, y, _ = _synthetic(3000, seed=5)
    docs = np.array([f"d{i // 20}" for i in range(len(y))])
    p = out_of_fold(x, y, docs, 5, 5.0, seed=1)
    _, ece = reliability(p, y)
    floor, _ = noise_floor(p)
    assert ece < 2 * floor + 0.01
    assert floor < 0.03  # on 3,000 events a calibrated model's ECE is small


def test_a_miscalibrated_score_shows_above_the_noise_floor():
    x, y, true = _synthetic(3000, seed=6)
    wrong = _sigmoid(0.3 * (x @ true) + 0.8)
    _, ece = reliability(wrong, y)
    assert ece > 2 * noise_floor(wrong)[0]
