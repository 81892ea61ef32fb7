"""`manage.py project_balance --json --tax AMOUNT --due-date DATE --as-of DATE [...]`.

Argument parsing and output live in `records.engine.cli` (plain Python); this wrapper only
supplies the interest rates staff keep in the admin (the seed when the table is empty).
Bad input prints `project_balance: error: ...` and exits with status 2. Without a reachable,
migrated database the built-in rates are used (with a note on stderr).
"""

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError

from records.engine import DEFAULT_RATES, RatePeriod
from records.engine.cli import main
from records.selectors import rates_current


class _PassThroughParser(CommandParser):
    """Django's own options (--settings, -v ...) here; everything else goes to the engine."""

    def parse_args(self, args=None, namespace=None):
        namespace, extras = self.parse_known_args(args, namespace)
        namespace.cli_args = [*getattr(namespace, "cli_args", []), *extras]
        return namespace


class Command(BaseCommand):
    help = "Project an IRS balance with penalties and interest (see docs/reconciliation.md)."
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, add_help=False, **kwargs)
        parser.__class__ = _PassThroughParser  # same parser, engine options passed through
        return parser

    def add_arguments(self, parser) -> None:
        parser.set_defaults(cli_args=[])

    def _rates(self) -> list[RatePeriod]:
        try:
            return rates_current()
        except DatabaseError:  # no database (or not migrated): the tool still works
            self.stderr.write("project_balance: note: rate table unavailable; built-in rates used")
            return list(DEFAULT_RATES)

    def handle(self, *args, **options) -> None:
        code = main(options["cli_args"], self.stdout, self.stderr, rates_provider=self._rates)
        if code:
            raise SystemExit(code)
