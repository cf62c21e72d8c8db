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


def salience_mean(a: Actors) -> float:
    """Mean of positions weighted by salience alone: capability left out.

    Whoever cares most pulls hardest, whatever its size. On DEU III, with GDP as the capability
    proxy, leaving capability out lowers the error of the weighted mean (24.72 against 25.52), and
    the ensemble gains from a model that disagrees with the capability-weighted ones.
    """
    s = a.salience
    return float((s * a.position).sum() / s.sum()) if s.sum() > 0 else float(a.position.mean())


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


def win_probability(x: np.ndarray, weight: np.ndarray, scale: float) -> np.ndarray:
    """p[i, j]: chance that i prevails over j, from every actor k's support for i against j.

    The denominator sums every actor's absolute preference over every pair of positions (the
    "actor triple" sum of Scholz's code); it is one constant per round, so the chances are small
    and do not sum to one, which is what reproduces the published rounds.
    """
    d = np.abs(x[:, None] - x[None, :]) / scale
    gain = d[:, None, :] - d[:, :, None]  # gain[k, i, j] = |x_k - x_j| - |x_k - x_i|, scaled
    num = np.einsum("k,kij->ij", weight, np.clip(gain, 0, None))
    den = float(np.einsum("k,kij->", weight, np.abs(gain)))
    p = num / den if den > 0 else np.zeros_like(num)
    p[d == 0] = 0.0
    return p


def _perceived(a: Actors, risk: np.ndarray, mu: float, scale: float, q: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected utilities as each actor i sees them, with i's own risk exponent.

    challenge[i, j]: i's expected utility of challenging j; challenged[i, j]: what i believes j
    expects from challenging i.
    """
    x, s = a.position, a.salience
    p = win_probability(x, a.weight, scale)
    d = np.abs(x[:, None] - x[None, :]) / scale
    r = risk[:, None]
    u_s = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_f = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_sq = 2 - 4 * 0.5 ** r
    reach = (np.abs(x - mu)[:, None] / scale + d) * 0.25
    u_b = 2 - 4 * np.clip(0.5 - reach, 0, None) ** r
    u_w = 2 - 4 * (0.5 + reach) ** r
    t = (np.abs(x - mu)[:, None] < np.abs(x[:, None] - x[None, :])).astype(float)
    change = q * u_sq + (1 - q) * (t * u_b + (1 - t) * u_w)
    challenge = s[None, :] * (p * u_s + (1 - p) * u_f) + (1 - s[None, :]) * u_s - change
    challenged = s[:, None] * (p.T * u_s + (1 - p.T) * u_f) + (1 - s[:, None]) * u_s - change
    return challenge, challenged


def _risk_exponents(a: Actors, mu: float, scale: float, q: float) -> np.ndarray:
    """r_i from i's security level (how much others gain by challenging it), computed with r = 1."""
    n = len(a.position)
    _, challenged = _perceived(a, np.ones(n), mu, scale, q)
    danger = (challenged * (1 - np.eye(n))).sum(axis=1)
    lo, hi = danger.min(), danger.max()
    if hi - lo < 1e-12:
        return np.ones(n)
    acceptance = (2 * danger - hi - lo) / (hi - lo)
    return (1 - acceptance / 3) / (1 + acceptance / 3)


def _accept_offers(a: Actors, challenge: np.ndarray, challenged: np.ndarray, compromise_rule: str) -> np.ndarray:
    """Each actor i looks at what every j would do to it and accepts one offer.

    Confrontations it expects to lose come first, then compromises, then capitulations; within a
    kind the offer that moves it least wins, except that compromises are ranked as in Scholz's
    code (by the position weighted with the two expected utilities) unless compromise_rule="least".
    """
    x = a.position
    mine, theirs = challenge, challenged
    other = np.broadcast_to(x[None, :], mine.shape)
    own = np.broadcast_to(x[:, None], mine.shape)
    valid = other != own
    confront = valid & (theirs > mine) & (mine > 0)
    yields = valid & (theirs > 0) & (mine < 0)
    compromise = yields & (theirs > np.abs(mine))
    capitulate = yields & (theirs < np.abs(mine))
    ratio = np.divide(np.abs(mine), np.abs(theirs), out=np.zeros_like(mine), where=theirs != 0)
    compromise_to = own + (other - own) * ratio
    move = np.abs(other - own)
    if compromise_rule == "least":
        compromise_key = np.abs(compromise_to - own)
    else:
        total = np.abs(mine) + np.abs(theirs)
        compromise_key = np.divide(np.abs(mine) * own + np.abs(theirs) * other, total,
                                   out=np.zeros_like(mine), where=total > 0)
    new = x.copy()
    for mask, target, key in ((capitulate, other, move), (compromise, compromise_to, compromise_key),
                              (confront, other, move)):  # later kinds overwrite: confrontation wins
        has = mask.any(axis=1)
        pick = np.argmin(np.where(mask, key, np.inf), axis=1)
        rows = np.nonzero(has)[0]
        new[rows] = target[rows, pick[rows]]
    return new


def expected_utility_model(a: Actors, *, rounds: int = 8, q: float = 1.0, scale: float | None = None,
                           compromise_rule: str = "scholz", tol: float = 0.005) -> dict:
    """Run the model for at most ``rounds`` rounds of offers and say whether it settles.

    Returns positions after each round (``positions``), the starting positions (``start``), and the
    median (Condorcet winner) and capability-times-salience weighted mean after each round.

    The model is deterministic, so once the actors' positions come back (within ``tol`` x scale) to
    where they were some rounds earlier, they will repeat that loop for ever. ``status`` says what
    happened: ``converged`` (positions moved less than the tolerance: the last median is the
    forecast), ``cycle`` (positions loop with ``cycle["period"]`` rounds: the forecast is the mean
    median over the loop and ``range`` its lowest and highest median) or ``unsettled`` (neither
    within ``rounds``: the forecast is the mean median over the second half of the rounds, ``range``
    its spread). Only ``converged`` is a settled forecast; callers must report the range otherwise.
    """
    scale = scale or max(float(np.ptp(a.position)), 1e-9)
    history, medians, means = [], [], []
    seen = [a.position.copy()]
    current = a
    status, period = "unsettled", 0
    for _ in range(rounds):
        mu = condorcet_median(current, scale)
        risk = _risk_exponents(current, mu, scale, q)
        challenge, challenged = _perceived(current, risk, mu, scale, q)
        current = Actors(current.capability, _accept_offers(current, challenge, challenged, compromise_rule),
                         current.salience)
        history.append(current.position.copy())
        medians.append(condorcet_median(current, scale))
        means.append(weighted_mean(current))
        for back in range(1, len(seen) + 1):
            if np.max(np.abs(seen[-back] - current.position)) <= tol * scale:
                period = back
                status = "converged" if back == 1 else "cycle"
                break
        seen.append(current.position.copy())
        if period:
            break
    if not medians:
        start = condorcet_median(a, scale)
        forecast, window = start, [start]
        status = "converged"
    elif status == "converged":
        window = medians[-1:]
        forecast = medians[-1]
    elif status == "cycle":
        window = medians[-period:]
        forecast = float(np.mean(window))
    else:
        window = medians[len(medians) // 2:]
        forecast = float(np.mean(window))
    return {"start": a.position.tolist(), "positions": [h.tolist() for h in history], "median": medians,
            "mean": means, "forecast": float(forecast), "status": status, "rounds_run": len(medians),
            "cycle": {"period": period, "rounds": list(range(len(medians) - period + 1, len(medians) + 1))}
            if status == "cycle" else None,
            "range": [float(min(window)), float(max(window))]}


def describe_run(run: dict) -> str:
    """One line saying whether the expected utility model settled, for every output format."""
    lo, hi = run["range"]
    if run["status"] == "converged":
        return f"converged after {run['rounds_run']} rounds at {run['forecast']:.1f}"
    if run["status"] == "cycle":
        rounds = run["cycle"]["rounds"]
        return (f"does not settle: cycles every {run['cycle']['period']} rounds (rounds {rounds[0]}-{rounds[-1]}), "
                f"median between {lo:.1f} and {hi:.1f}; {run['forecast']:.1f} is the mean over the cycle, not a forecast")
    return (f"does not settle within {run['rounds_run']} rounds: median between {lo:.1f} and {hi:.1f} over the "
            f"last {len(run['median']) - len(run['median']) // 2} rounds; {run['forecast']:.1f} is their mean, not a forecast")


def power_weighted_mean(a: Actors, *, cap_exp: float, sal_exp: float) -> float:
    w = a.capability ** cap_exp * a.salience ** sal_exp
    return float((w * a.position).sum() / w.sum()) if w.sum() > 0 else float(a.position.mean())


# Fitted on the DEU III development half only (scenarios/backtest.py: fit_salience_blend).
BLEND = {"cap_exp": 0.25, "sal_exp": 2.0, "share": 0.5}


def salience_blend(a: Actors, *, cap_exp: float = BLEND["cap_exp"], sal_exp: float = BLEND["sal_exp"],
                   share: float = BLEND["share"]) -> float:
    """Our model: half the weighted mean, half a mean that damps capability and sharpens salience.

    In EU bargaining the actors who care most shape the outcome more than raw voting weight
    suggests; blending with the classic weighted mean keeps the forecast stable.
    """
    sharpened = power_weighted_mean(a, cap_exp=cap_exp, sal_exp=sal_exp)
    return (1 - share) * weighted_mean(a) + share * sharpened


def power_mean(a: Actors, rule=None) -> float:
    """Mean of positions weighted by voting power under the decision rule times salience.

    Without a rule, power is capability, so this is the capability-times-salience weighted mean.
    """
    if rule is None:
        return weighted_mean(a)
    w = rule.power(a.capability) * a.salience
    return float((w * a.position).sum() / w.sum()) if w.sum() > 0 else weighted_mean(a)


def winset(a: Actors, rule, grid: np.ndarray | None = None) -> np.ndarray:
    """Points of the scale that the rule would adopt over the status quo (the status quo included).

    A voter supports a point it prefers strictly to the status quo; a point passes when its
    supporters hold the rule's share of the votes (voters with no stated position, ``absent_votes``,
    go along) and every veto player supports it.
    """
    rp = float(rule.status_quo)
    grid = np.linspace(0, 100, 401) if grid is None else grid
    points = np.union1d(grid, np.append(a.position, rp))
    votes = np.asarray(rule.votes if rule.votes is not None else a.capability, float)
    prefers = np.abs(points[:, None] - a.position[None, :]) < np.abs(rp - a.position)[None, :]
    absent = float(rule.absent_votes)
    total = votes.sum() + absent
    support = (prefers * votes[None, :]).sum(axis=1) + absent
    if rule.kind == "unanimity":
        passes = (prefers | (votes[None, :] == 0)).all(axis=1)
    else:
        passes = support >= rule.threshold() * total - 1e-9
    if rule.vetoes is not None and np.any(rule.vetoes):
        passes &= prefers[:, np.asarray(rule.vetoes, bool)].all(axis=1)
    return np.append(points[passes], rp)


def status_quo_model(a: Actors, rule=None) -> float:
    """The power mean, pulled back into what the rule can adopt over the status quo.

    Under unanimity one reluctant voter near the status quo holds the outcome close to it; under
    a qualified majority the blocking minority does. Without a status quo this is the power mean.
    """
    target = power_mean(a, rule)
    if rule is None or rule.status_quo is None:
        return target
    if rule.kind == "none":
        from .institutions import Rule

        rule = Rule(kind="majority", votes=a.capability, status_quo=rule.status_quo)
    feasible = winset(a, rule)
    return float(feasible[np.argmin(np.abs(feasible - target))])
