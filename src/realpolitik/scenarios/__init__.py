"""Scenarios: spatial bargaining models (compromise, expected utility, salience blend), backtests, scenario files."""
from .models import (Actors, condorcet_median, expected_utility_model, salience_blend, weighted_mean,
                     weighted_median)

__all__ = ["Actors", "condorcet_median", "expected_utility_model", "salience_blend", "weighted_mean",
           "weighted_median"]
