"""Interest and penalty engine for individual income tax balances (plain Python, no Django).

Public API: `project_balance` (JSON-ready dict), `balance_at` (a `Projection`),
`cost_of_waiting`, `BalanceInputs`, `RatePeriod` / `DEFAULT_RATES`, `PenaltyParameters`.
"""

from records.engine.parameters import DEFAULT_PARAMETERS, MinimumPenalty, PenaltyParameters
from records.engine.rates import DEFAULT_RATES, RatePeriod, RateTable
from records.engine.results import BalanceInputs, Projection, ScheduleRow
from records.engine.schedule import (
    balance_at,
    cost_of_waiting,
    project_balance,
)

__all__ = [
    "DEFAULT_PARAMETERS",
    "DEFAULT_RATES",
    "BalanceInputs",
    "MinimumPenalty",
    "PenaltyParameters",
    "Projection",
    "RatePeriod",
    "RateTable",
    "ScheduleRow",
    "balance_at",
    "cost_of_waiting",
    "project_balance",
]
