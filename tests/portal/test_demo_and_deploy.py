"""The demo practice the README promises, and production settings that pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_LOGINS
from accounts.models import User
from clients.models import Client

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_demo_data_creates_every_role_and_a_joint_household(capsys):
    call_command("demo_data")
    call_command("demo_data")  # running it twice is harmless
    out = capsys.readouterr().out
    for demo in DEMO_LOGINS:
        user = User.objects.get(email=demo.email)
        assert user.check_password(demo.password) and user.role == demo.role
        assert demo.email in out and demo.password in out
        assert user.totpdevice_set.filter(confirmed=True).exists() == demo.mfa
        if demo.mfa:
            assert demo.totp_secret_base32 in out
    assert Client.objects.count() == 3
    joint = Client.objects.get(primary_last_name="Lee")
    assert joint.is_joint and joint.logins.count() == 2
    # Powers of attorney to show the letter gate: a 2848 each for the single filer and the
    # joint filers' primary (the spouse's is missing), an 8821 for the third household.
    from poa.models import PowerOfAttorney

    assert sorted(PowerOfAttorney.objects.values_list("form", flat=True)) == [
        "2848",
        "2848",
        "8821",
    ]
    assert all(p.copy for p in PowerOfAttorney.objects.all())


def test_demo_logins_are_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for demo in DEMO_LOGINS:
        assert demo.email in readme and demo.password in readme
        if demo.mfa:
            assert demo.totp_secret_base32 in readme


def _clean_environ() -> dict[str, str]:
    """The environment a production host would have: none of the test run's overrides."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("TAXHAUZ_", "DJANGO_"))}


def test_production_settings_pass_check_deploy():
    env = {
        **_clean_environ(),
        "DJANGO_SETTINGS_MODULE": "taxhauz.settings.production",
        "TAXHAUZ_SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-" + "q" * 20,
        "TAXHAUZ_ALLOWED_HOSTS": "portal.practice.example",
        "TAXHAUZ_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _clean_environ()
    env["DJANGO_SETTINGS_MODULE"] = "taxhauz.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "TAXHAUZ_SECRET_KEY" in result.stderr
