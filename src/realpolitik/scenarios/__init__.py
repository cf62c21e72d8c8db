"""Scenarios: spatial bargaining models (compromise, salience mean, expected utility, salience blend,
voting power, status quo), the cross-validated ensemble, backtests, scenario files."""
from .ensemble import ENSEMBLE, combine, model_forecasts
from .institutions import Rule, banzhaf, shapley_shubik
from .models import (Actors, condorcet_median, describe_run, expected_utility_model, power_mean, salience_blend,
                     salience_mean, status_quo_model, weighted_mean, weighted_median)

__all__ = ["ENSEMBLE", "Actors", "Rule", "banzhaf", "combine", "condorcet_median", "describe_run",
           "expected_utility_model", "model_forecasts", "power_mean", "salience_blend", "salience_mean",
           "shapley_shubik", "status_quo_model", "weighted_mean", "weighted_median"]
