"""Argument parsing and output for `manage.py project_balance`, kept free of Django.

The management command only forwards `sys.argv` and `stdout` here, so the public command-line
contract is testable at pure-Python speed and bad input gets one clear message and exit code 2.

    project_balance --json --tax AMOUNT --due-date DATE --as-of DATE
        [--filed-date DATE] [--extended-due-date DATE] [--payment DATE:AMOUNT ...]
        [--notice-date DATE] [--installment-from DATE] [--levy-notice-date DATE]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO

from records.engine.rates import RatePeriod
from records.engine.results import MAX_AMOUNT
from records.engine.schedule import project_balance

USAGE_EXIT = 2


class UsageError(Exception):
    """Bad command-line input; the message is shown to the user as is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from None


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").lstrip("$"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"amount must be zero or more: {text!r}")
    if value > MAX_AMOUNT:
        raise argparse.ArgumentTypeError(
            f"amount {text!r} is beyond $1 trillion ($1,000,000,000,000.00), the most the "
            "engine takes; check the figure"
        )
    return value


def _payment(text: str) -> tuple[date, Decimal]:
    day, sep, amount = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"payment must be DATE:AMOUNT, got {text!r}")
    value = _amount(amount)
    if value == 0:
        raise argparse.ArgumentTypeError(f"payment amount must be more than zero: {text!r}")
    return _date(day), value


def _parser() -> _Parser:
    parser = _Parser(
        prog="project_balance",
        description="Project an IRS individual income tax balance with penalties and interest.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (the stable contract)")
    parser.add_argument("--tax", type=_amount, required=True, help="tax unpaid at the due date")
    parser.add_argument("--due-date", type=_date, required=True, help="original due date")
    parser.add_argument("--as-of", type=_date, required=True, help="date to project to")
    parser.add_argument("--filed-date", type=_date)
    parser.add_argument("--extended-due-date", type=_date)
    parser.add_argument(
        "--payment", type=_payment, action="append", default=[], help="DATE:AMOUNT, repeatable"
    )
    parser.add_argument("--notice-date", type=_date)
    parser.add_argument("--installment-from", type=_date)
    parser.add_argument("--levy-notice-date", type=_date)
    return parser


def parse_args(argv: Sequence[str]) -> dict:
    """Keyword arguments for `project_balance`, plus `json` (bool). Raises `UsageError`."""
    namespace = _parser().parse_args(list(argv))
    options = vars(namespace)
    options["payments"] = options.pop("payment")
    extended = options["extended_due_date"]
    if extended is not None and extended < options["due_date"]:
        raise UsageError("--extended-due-date cannot be before --due-date")
    return options


def main(
    argv: Sequence[str],
    out: IO[str],
    err: IO[str] | None = None,
    *,
    rates_provider: Callable[[], Sequence[RatePeriod]] | None = None,
) -> int:
    """Run the command; `rates_provider` lets the Django wrapper pass the admin-edited rates."""
    try:
        options = parse_args(argv)
    except UsageError as exc:
        (err or out).write(f"project_balance: error: {exc}\n")
        return USAGE_EXIT
    as_json = options.pop("json")
    rates = rates_provider() if rates_provider is not None else None
    try:
        result = project_balance(**options, rates=rates)
    except ValueError as exc:
        (err or out).write(f"project_balance: error: {exc}\n")
        return USAGE_EXIT
    if as_json:
        out.write(json.dumps(result, indent=2) + "\n")
        return 0
    for key in ("as_of", "unpaid_tax", "failure_to_file_penalty", "failure_to_pay_penalty"):
        out.write(f"{key:<26}{result[key]}\n")
    out.write(f"{'interest':<26}{result['interest']}\n{'total':<26}{result['total']}\n")
    if result["estimated"]:
        out.write("estimated: " + "; ".join(result["estimate_reasons"]) + "\n")
    for note in result["notes"]:
        out.write(f"note: {note}\n")
    for row in result["schedule"]:
        out.write(f"{row['from']} .. {row['to']}  {row['total']:>12}  {row['event']}\n")
    return 0
