"""Spatial bargaining models on a one-dimensional issue, vectorised with numpy.

The expected utility model follows the step-by-step specification of Scholz, Calbert & Smith
(2011) of Bueno de Mesquita's model (see docs/architecture.md for the formulas and our choices).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Actors:
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray  # 0..1

    @classmethod
    def of(cls, capability, position, salience) -> Actors:
        return cls(np.asarray(capability, float), np.asarray(position, float), np.asarray(salience, float))

    @property
    def weight(self) -> np.ndarray:
        return self.capability * self.salience


def weighted_mean(a: Actors) -> float:
    w = a.weight
    return float((w * a.position).sum() / w.sum()) if w.sum() > 0 else float(a.position.mean())


def weighted_median(a: Actors) -> float:
    order = np.argsort(a.position)
    w = a.weight[order]
    cum = np.cumsum(w)
    return float(a.position[order][np.searchsorted(cum, cum[-1] / 2)])


def pairwise_votes(a: Actors, scale: float) -> np.ndarray:
    """votes[j, k]: the group's vote for position j over position k."""
    x = a.position
    dist = np.abs(x[:, None] - x[None, :])  # dist[i, j] = |x_i - x_j|
    # sum_i w_i (|x_i - x_k| - |x_i - x_j|)
    return np.einsum("i,ijk->jk", a.weight, dist[:, None, :] - dist[:, :, None]) / scale


def condorcet_median(a: Actors, scale: float | None = None) -> float:
    """The position that beats every other in pairwise votes (max-min if no strict winner)."""
    scale = scale or max(float(np.ptp(a.position)), 1e-9)
    votes = pairwise_votes(a, scale)
    np.fill_diagonal(votes, np.inf)
    return float(a.position[int(np.argmax(votes.min(axis=1)))])


def _expected_utilities(a: Actors, risk: np.ndarray, mu: float, scale: float, q: float) -> np.ndarray:
    """eu[i, j] = E^i(U_ij): i's expected utility of challenging j."""
    x, s, w = a.position, a.salience, a.weight
    d = np.abs(x[:, None] - x[None, :]) / scale
    r = risk[:, None]
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    dm = np.abs(x - mu)[:, None] / scale
    u_b = 2 - 4 * np.clip(0.5 - 0.25 * (dm + d), 0, None) ** r
    u_w = 2 - 4 * (0.5 + 0.25 * (dm + d)) ** r
    u_sq = 2 - 4 * 0.5 ** r
    # P^i of i beating j, from every k's support: gain[k, i, j] = |x_k - x_j| - |x_k - x_i|
    dist = np.abs(x[:, None] - x[None, :])
    gain = dist[:, None, :] - dist[:, :, None]
    num = np.einsum("k,kij->ij", w, np.clip(gain, 0, None))
    den = np.einsum("k,kij->ij", w, np.abs(gain))
    p = np.divide(num, den, out=np.full_like(num, 0.5), where=den > 0)
    t = (np.abs(x - mu)[:, None] < np.abs(x[:, None] - x[None, :])).astype(float)
    eu = s[None, :] * (p * u_s + (1 - p) * u_f) + (1 - s[None, :]) * u_s - q * u_sq - (1 - q) * (t * u_b + (1 - t) * u_w)
    np.fill_diagonal(eu, 0.0)
    return eu


def _risk(eu: np.ndarray) -> np.ndarray:
    security = eu.sum(axis=0)  # Sec_i = sum_j E^j(U_ji): column i
    lo, hi = security.min(), security.max()
    if hi - lo < 1e-12:
        return np.ones_like(security)
    big_r = (2 * security - hi - lo) / (hi - lo)
    return (1 - big_r / 3) / (1 + big_r / 3)


def _offers(a: Actors, eu: np.ndarray) -> np.ndarray:
    """New positions: each actor takes, of the offers it receives, the one that moves it least."""
    x = a.position
    n = len(x)
    e_ij, e_ji = eu, eu.T  # e_ij[i, j] = E^i(U_ij); e_ji[i, j] = E^j(U_ji)
    proposal = np.full((n, n), np.nan)  # proposal[j, i]: where j is asked to move by i
    both = (e_ij > 0) & (e_ji > 0) & (e_ij > e_ji)
    i_wins = (e_ij > 0) & (e_ji < 0)
    compromise = i_wins & (np.abs(e_ij) > np.abs(e_ji))
    capitulate = i_wins & ~compromise
    xi = np.broadcast_to(x[:, None], (n, n))
    xj = np.broadcast_to(x[None, :], (n, n))
    ratio = np.divide(np.abs(e_ji), np.abs(e_ij), out=np.zeros_like(e_ij), where=np.abs(e_ij) > 0)
    target = np.where(both | capitulate, xi, np.where(compromise, xj + (xi - xj) * ratio, np.nan))
    np.fill_diagonal(target, np.nan)
    proposal = target.T  # rows: the actor who receives the offer
    moves = np.abs(proposal - x[:, None])
    moves = np.where(np.isnan(moves), np.inf, moves)
    best = np.argmin(moves, axis=1)
    new = x.copy()
    has = np.isfinite(moves[np.arange(n), best])
    new[has] = proposal[np.arange(n), best][has]
    return new


def expected_utility_model(a: Actors, *, rounds: int = 8, q: float = 1.0, scale: float | None = None,
                           risk_rounds: int = 1) -> dict:
    """Run the model; return per-round positions, medians and means (round 1 = starting state)."""
    scale = scale or max(float(np.ptp(a.position)), 1e-9)
    history, medians, means = [], [], []
    current = a
    for _ in range(rounds):
        mu = condorcet_median(current, scale)
        history.append(current.position.copy())
        medians.append(mu)
        means.append(weighted_mean(current))
        risk = np.ones(len(current.position))
        eu = _expected_utilities(current, risk, mu, scale, q)
        for _ in range(risk_rounds):
            risk = _risk(eu)
            eu = _expected_utilities(current, risk, mu, scale, q)
        current = Actors(current.capability, _offers(current, eu), current.salience)
    return {"positions": [h.tolist() for h in history], "median": medians, "mean": means,
            "forecast": medians[-1]}


def shrinkage_forecast(a: Actors, *, alpha: float = 0.9, rounds: int = 4, scale: float | None = 100.0) -> float:
    """Our model: the weighted mean shrunk towards the expected-utility median by (1 - alpha).

    ``alpha`` is fitted on the DEU development half only (see scenarios/backtest.py).
    """
    eum = expected_utility_model(a, rounds=rounds, scale=scale)["forecast"]
    return alpha * weighted_mean(a) + (1 - alpha) * eum
