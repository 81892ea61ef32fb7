"""`manage.py project_balance`: the JSON contract, database rates, and clear usage errors."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from records.models import InterestRatePeriod

pytestmark = pytest.mark.django_db

ARGS = ["--json", "--tax", "10000", "--due-date", "2024-04-15", "--as-of", "2024-06-20"]


def _run(*args: str) -> dict:
    out = StringIO()
    call_command("project_balance", *args, stdout=out)
    return json.loads(out.getvalue())


def test_prints_the_balance_as_json_with_decimal_strings():
    # By hand: FTP 3 x 0.5% x 10,000 = 150.00; interest 10,000 x ((1 + 0.08/366)^66 - 1)
    # = 145.29 (the engine rounds per schedule row: 145.30).
    result = _run(*ARGS)
    assert set(result) >= {
        "as_of",
        "unpaid_tax",
        "failure_to_file_penalty",
        "failure_to_pay_penalty",
        "interest",
        "total",
        "schedule",
    }
    assert result["as_of"] == "2024-06-20" and result["unpaid_tax"] == "10000.00"
    assert result["failure_to_pay_penalty"] == "150.00"
    assert abs(Decimal(result["interest"]) - Decimal("145.29")) <= Decimal("0.02")
    assert result["schedule"] and all(isinstance(r["to"], str) for r in result["schedule"])


def test_payments_and_late_filing_are_accepted():
    result = _run(
        "--json",
        "--tax",
        "2000",
        "--due-date",
        "2024-04-15",
        "--extended-due-date",
        "2024-10-15",
        "--filed-date",
        "2024-11-20",
        "--as-of",
        "2024-11-20",
        "--payment",
        "2024-11-20:100",
    )
    assert result["failure_to_file_penalty"] == "180.00"


def test_uses_the_rates_staff_keep_in_the_database():
    InterestRatePeriod.objects.filter(start__year=2024).update(rate=Decimal("0"))
    assert _run(*ARGS)["interest"] == "0.00"
    InterestRatePeriod.objects.all().delete()  # empty table: the seeded defaults
    assert Decimal(_run(*ARGS)["interest"]) > Decimal("145")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--json", "--tax", "ten", "--due-date", "2024-04-15", "--as-of", "2024-06-20"],
            "not an amount: 'ten'",
        ),
        (["--json", "--tax", "1", "--due-date", "2024-04-15"], "--as-of"),
        ([*ARGS, "--payment", "2024-05-01"], "payment must be DATE:AMOUNT"),
    ],
)
def test_a_bad_argument_exits_2_with_a_clear_message(args, message):
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("project_balance", *args, stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue().startswith("project_balance: error:") and message in err.getvalue()


def test_the_real_command_line_exits_2():
    import os
    import subprocess
    import sys

    from django.conf import settings

    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "taxhauz.settings.test",
        "TAXHAUZ_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "project_balance",
            "--json",
            "--tax",
            "1",
            "--due-date",
            "2024-04-15",
            "--as-of",
            "not-a-date",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=str(settings.BASE_DIR),
    )
    assert done.returncode == 2
    assert "project_balance: error:" in done.stderr and "not a date" in done.stderr
