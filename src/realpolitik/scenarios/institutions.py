"""Decision rules and institutions: voting power under a rule, the reference point's pull, EU Council weights.

Voting power is computed exactly for weighted voting games (dynamic programming over coalition
size and weight), so a Council of 28 takes well under a millisecond.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from math import factorial

import numpy as np

# Council of the EU, weighted votes of member states (two-letter codes as in DEU III) and the
# qualified-majority threshold in force. EU15 weights until 30 April 2004; the accession
# transition to 31 October 2004; the Treaty of Nice weights from 1 November 2004 (Bulgaria and
# Romania from 2007, Croatia from July 2013). From November 2014 the Lisbon double majority
# applies, but until March 2017 any member could ask for a Nice vote: we keep the Nice weights
# then (an approximation, noted in docs/benchmarks.md).
_EU15 = {"de": 10, "fr": 10, "it": 10, "uk": 10, "es": 8, "be": 5, "el": 5, "nl": 5, "pt": 5, "at": 4, "se": 4,
         "dk": 3, "ie": 3, "fi": 3, "lu": 2}
_ACCESSION_2004 = {**_EU15, "pl": 8, "cz": 5, "hu": 5, "sk": 3, "lt": 3, "lv": 3, "si": 3, "ee": 3, "cy": 2, "mt": 2}
_NICE25 = {"de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "nl": 13, "be": 12, "cz": 12, "el": 12,
           "hu": 12, "pt": 12, "at": 10, "se": 10, "dk": 7, "ie": 7, "lt": 7, "sk": 7, "fi": 7, "cy": 4, "ee": 4,
           "lv": 4, "lu": 4, "si": 4, "mt": 3}
_NICE27 = {**_NICE25, "ro": 14, "bu": 10}
_NICE28 = {**_NICE27, "cr": 7}
COUNCIL_PERIODS = [  # (first day, weights, qualified-majority threshold)
    (dt.date(1995, 1, 1), _EU15, 62),
    (dt.date(2004, 5, 1), _ACCESSION_2004, 88),
    (dt.date(2004, 11, 1), _NICE25, 232),
    (dt.date(2007, 1, 1), _NICE27, 255),
    (dt.date(2013, 7, 1), _NICE28, 260),
]

# The Parliament's and the Commission's share of influence by legislative procedure, the Council
# holding the rest (set a priori, not fitted): under co-decision (COD) the Parliament can block and
# amends on equal terms; under consultation (CNS) it gives an opinion the Council may ignore.
INSTITUTION_SHARES = {"COD": {"council": 0.5, "ep": 0.3, "com": 0.2},
                      "CNS": {"council": 0.75, "ep": 0.05, "com": 0.2}}


def council_weights(when: dt.date | None) -> tuple[dict[str, int], int]:
    """Weights and qualified-majority threshold of the Council at a date (EU15 when unknown)."""
    chosen = COUNCIL_PERIODS[0]
    for period in COUNCIL_PERIODS:
        if when is not None and when >= period[0]:
            chosen = period
    return dict(chosen[1]), chosen[2]


def parse_deu_date(cell: str | None) -> dt.date | None:
    """DEU dates come as dd-mm-yy, dd-mm-yyyy, or spreadsheet-mangled yyyy-mm-dd that really hold
    dd-mm-yy ("2013-05-08" is 13 May 2008; "1930-05-05" is 30 May 2005)."""
    text = (cell or "").strip().strip('"')
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    first, month, last = parts
    if len(first) == 4:
        day, year = int(first[2:]), int(last)
    else:
        day, year = int(first), int(last)
    if year < 100:
        year += 1900 if year >= 50 else 2000
    try:
        return dt.date(year, int(month), day)
    except ValueError:
        return None


def _integer_weights(weights: np.ndarray, resolution: int = 400) -> np.ndarray:
    w = np.asarray(weights, float)
    if np.allclose(w, np.round(w)) and w.sum() <= 5000:
        return np.round(w).astype(int)
    return np.maximum(np.round(w / w.sum() * resolution), 0).astype(int)


def _coalitions(w: np.ndarray, skip: int, total: int) -> np.ndarray:
    """counts[k, t]: number of coalitions of k players other than ``skip`` with total weight t."""
    n = len(w)
    counts = np.zeros((n, total + 1))
    counts[0, 0] = 1
    for j in range(n):
        if j == skip:
            continue
        wj = w[j]
        shifted = np.zeros_like(counts)
        shifted[1:, wj:] = counts[:-1, :total + 1 - wj]
        counts += shifted
    return counts


def _pivots(weights, quota: float):
    """For each player: the coalition counts of the others (by size and weight; None for a player
    who can never be pivotal) and the range of the others' weight in which the player turns a losing
    coalition into a winning one."""
    raw = np.asarray(weights, float)
    w = _integer_weights(raw)
    q = int(np.ceil(quota * w.sum() / raw.sum() - 1e-9)) if raw.sum() else 0
    total = int(w.sum())
    for i in range(len(raw)):
        lo, hi = max(q - w[i], 0), q - 1  # the others fall short, with i they reach the quota
        if w[i] == 0 or hi < lo:
            yield i, None, lo, hi
        else:
            yield i, _coalitions(w, i, total), lo, hi


def _normalised(power: np.ndarray) -> np.ndarray:
    return power / power.sum() if power.sum() > 0 else np.full(len(power), 1 / len(power))


def shapley_shubik(weights, quota: float) -> np.ndarray:
    """Share of orderings in which each player turns a losing coalition into a winning one.

    ``quota`` is on the scale of ``weights``; players with zero weight have no power.
    """
    n = len(weights)
    if n == 0:
        return np.asarray(weights, float)
    order = np.array([factorial(k) * factorial(n - 1 - k) / factorial(n) for k in range(n)])
    power = np.zeros(n)
    for i, counts, lo, hi in _pivots(weights, quota):
        if counts is not None:
            power[i] = float(order @ counts[:, lo:hi + 1].sum(axis=1))
    return _normalised(power)


def banzhaf(weights, quota: float) -> np.ndarray:
    """Normalised Banzhaf index: share of swings (coalitions a player turns from losing to winning)."""
    n = len(weights)
    if n == 0:
        return np.asarray(weights, float)
    swings = np.zeros(n)
    for i, counts, lo, hi in _pivots(weights, quota):
        if counts is not None:
            swings[i] = counts.sum(axis=0)[lo:hi + 1].sum()
    return _normalised(swings)


@dataclass(frozen=True)
class Rule:
    """A decision rule: who votes with what weight, the share of weight needed, and the status quo.

    ``kind`` is ``qmv`` (weighted qualified majority, ``quota`` a share of the total), ``majority``
    (more than half), ``unanimity`` (every voter can veto) or ``none`` (no vote: bargaining by
    capability). ``votes`` are the voting weights (one per actor; zero for actors who do not vote)
    and ``vetoes`` marks actors whose consent is needed on top of the vote (the Parliament under
    co-decision). ``influence``, when given, is each actor's share of influence on the outcome
    (voting power scaled by institution); otherwise voting power is used.
    """

    kind: str = "none"
    quota: float = 0.5
    votes: np.ndarray | None = None
    vetoes: np.ndarray | None = None
    status_quo: float | None = None
    influence: np.ndarray | None = None
    absent_votes: float = 0.0  # votes of voters who stated no position: they go along with a change

    def threshold(self) -> float:
        return {"unanimity": 1.0, "majority": 0.5 + 1e-9}.get(self.kind, self.quota)

    def power(self, capability: np.ndarray) -> np.ndarray:
        """Each actor's voting power (Shapley-Shubik) under the rule; capability shares without one."""
        if self.influence is not None:
            return np.asarray(self.influence, float)
        if self.kind == "none" or self.votes is None:
            total = capability.sum()
            return capability / total if total > 0 else np.full(len(capability), 1 / len(capability))
        votes = np.asarray(self.votes, float)
        return shapley_shubik(votes, self.threshold() * votes.sum())

