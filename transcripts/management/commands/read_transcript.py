"""`manage.py read_transcript --json FILE...`: read IRS account transcripts as the worker does.

Prints one JSON object per file, one per line, with the keys `file`, `ok`, `error`, `form`,
`tax_period`, `tin_last4`, `spouse_tin_last4`, `account_balance`, `accrued_interest`,
`accrued_penalty`, `accruals_as_of` and `transactions` (each with `code`, `explanation`,
`cycle`, `date`, `amount`, `pending`). Money is a string with two decimals; credits are
negative. A file holding several transcripts describes the first at the top level and lists
all of them under `transcripts`. Exit status 1 when any file could not be read.
"""

import json

from django.core.management.base import BaseCommand, CommandParser

from transcripts.reader import read_transcript_file


class Command(BaseCommand):
    help = "Read IRS account transcripts (PDF, saved HTML or text) and print what they say."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="one JSON object per file")

    def handle(self, *args, **options) -> None:
        failed = False
        for name in options["files"]:
            result = read_transcript_file(name)
            failed = failed or not result.ok
            contract = result.to_contract()
            if options["json"]:
                self.stdout.write(json.dumps(contract))
                continue
            self.stdout.write(f"{name}: " + ("ok" if result.ok else f"error {contract['error']}"))
            for t in result.transcripts:
                self.stdout.write(
                    f"  Form {t.form} period {t.tax_period} TIN XXX-XX-{t.tin_last4} "
                    f"balance {t.account_balance} ({len(t.transactions)} transactions)"
                )
        if failed:
            raise SystemExit(1)
