"""Read notice files from the command line with exactly the worker's code; writes nothing."""

import json

from django.core.management.base import BaseCommand

from notices import limits
from notices.reader import read_notice_files


class Command(BaseCommand):
    help = (
        "Read IRS notice files (PDF, JPEG, PNG, HEIC) as the worker does and print what they "
        "say. Each FILE is one notice. Writes nothing to the database; a bad file does not "
        "stop the others. Exit status 1 when any file could not be read."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument(
            "--ssn-last4",
            action="append",
            default=[],
            help="household SSN last 4 digits for the SSN check (repeatable)",
        )

    def handle(self, *args, **options) -> None:
        failures = 0
        for path in options["files"]:
            result = read_notice_files(
                [path],
                household_ssn_last4=options["ssn_last4"],
                max_pages=limits.MAX_PAGES,
                max_bytes=limits.MAX_FILE_BYTES,
            )
            data = result.to_json()
            data["file"] = path
            failures += not result.ok
            if options["json"]:
                self.stdout.write(json.dumps(data))
            else:
                self.stdout.write(self._human(data))
        if failures:
            raise SystemExit(1)

    @staticmethod
    def _human(data: dict) -> str:
        if not data["ok"]:
            return f"{data['file']}: NOT READ: {data['error']}"
        lines = [f"{data['file']}: {data['notice_type'] or 'unknown notice'}"]

        def mark(name: str) -> str:
            f = data["fields"].get(name)
            if f is None or f.get("confirmed", True):
                return ""
            return f"   (unconfirmed: {f.get('why', '')})"

        for key in (
            "tax_year",
            "tax_form",
            "notice_date",
            "pay_by_date",
            "amount_due",
            "ssn_last4",
            "caller_id",
            "irs_phone",
            "taxpayer_name",
        ):
            lines.append(f"  {key:<14} {data[key]}{mark(key)}")
        for key, value in data["billing_summary"].items():
            lines.append(f"  billing.{key:<22} {value}{mark('billing_summary.' + key)}")
        lines.append(f"  legitimacy     {data['legitimacy']['verdict']}")
        for reason in data["legitimacy"]["reasons"]:
            lines.append(f"    - {reason}")
        for check in data["checks"]:
            mark = {True: "ok", False: "FAILED", None: "n/a"}[check["passed"]]
            lines.append(f"  check {check['name']:<24} {mark}  {check['detail']}")
        lines.append(f"  ocr            {data['ocr']}")
        return "\n".join(lines)
