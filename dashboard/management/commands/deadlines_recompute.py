"""Re-derive the IRS deadline and internal target of open cases after a rule was edited."""

from django.core.management.base import BaseCommand

from cases.models import Case
from cases.services import case_refresh_from_notice


class Command(BaseCommand):
    help = "Recompute irs_deadline/internal_target of open cases from the current rules."

    def add_arguments(self, parser):
        parser.add_argument("--code", help="Only cases whose latest notice has this code.")

    def handle(self, *args, code=None, **options):
        cases = (
            Case.objects.open().filter(latest_notice__isnull=False).select_related("latest_notice")
        )
        if code:
            cases = cases.filter(notice_code=code.upper())
        changed = 0
        for case in cases.iterator(chunk_size=500):
            before = (case.irs_deadline, case.internal_target)
            after = case_refresh_from_notice(case=case, notice=case.latest_notice)
            changed += (after.irs_deadline, after.internal_target) != before
        self.stdout.write(f"{changed} case(s) changed.")
