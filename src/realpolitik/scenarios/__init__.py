"""Scenarios: spatial bargaining models (compromise, expected utility, shrinkage), backtests, scenario files."""
from .models import (Actors, condorcet_median, expected_utility_model, shrinkage_forecast, weighted_mean,
                     weighted_median)

__all__ = ["Actors", "condorcet_median", "expected_utility_model", "shrinkage_forecast", "weighted_mean",
           "weighted_median"]
