"""docker-compose.yml, the Dockerfile and the example env files, checked by reading.

There is no Docker engine in CI, so these tests hold the production shape to what
docs/deploy.md promises: the services, their healthchecks and start order, one image and
one env file for the app processes, example URLs that name the compose services, and no
secret written into the compose file itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
ENV_DIR = ROOT / "deploy" / "env"

LONG_RUNNING = {"web", "worker", "beat", "postgres", "redis", "s3"}
APP_PROCESSES = ("web", "worker", "beat")
REQUIRED_APP_ENV = {
    "TAXHAUZ_SECRET_KEY",
    "TAXHAUZ_ALLOWED_HOSTS",
    "TAXHAUZ_CSRF_TRUSTED_ORIGINS",
    "TAXHAUZ_DATABASE_URL",
    "TAXHAUZ_BROKER_URL",
    "TAXHAUZ_S3_BUCKET",
    "TAXHAUZ_S3_ENDPOINT_URL",
    "TAXHAUZ_S3_REGION",
    "TAXHAUZ_S3_ACCESS_KEY_ID",
    "TAXHAUZ_S3_SECRET_ACCESS_KEY",
    "TAXHAUZ_EMAIL_HOST",
    "TAXHAUZ_EMAIL_PORT",
    "TAXHAUZ_EMAIL_HOST_USER",
    "TAXHAUZ_EMAIL_HOST_PASSWORD",
    "TAXHAUZ_EMAIL_USE_TLS",
    "TAXHAUZ_TRUSTED_PROXY_COUNT",
    "TAXHAUZ_PRACTICE_NAME",
    "TAXHAUZ_PRACTICE_EMAIL",
    "TAXHAUZ_ADMIN_EMAILS",
}
# Read by the code but meaningless (or harmful) in the production shape.
NOT_FOR_PRODUCTION = {
    "TAXHAUZ_DEBUG",
    "TAXHAUZ_VAR_DIR",
    "TAXHAUZ_STATIC_ROOT",
    "TAXHAUZ_PRIVATE_MEDIA_ROOT",
    "TAXHAUZ_EMAIL_FILE_PATH",
}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|_KEY|TOKEN|CREDENTIAL", re.IGNORECASE)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def _env_file(name: str) -> dict[str, str]:
    """Parse a docker env file (VAR=value lines); commented `# VAR=value` lines are skipped."""
    values: dict[str, str] = {}
    for line in (ENV_DIR / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f"{name}: not VAR=value: {line!r}"
        values[key.strip()] = value.strip()
    return values


def _documented_names(name: str) -> set[str]:
    """Variables set or shown commented-out (optional ones) in an example env file."""
    text = (ENV_DIR / name).read_text()
    return set(re.findall(r"^#?\s*(TAXHAUZ_[A-Z0-9_]+)=", text, re.MULTILINE))


def _env_files(service: dict) -> list[str]:
    files = service.get("env_file", [])
    return [files] if isinstance(files, str) else list(files)


def _depends_on(service: dict) -> dict[str, str]:
    deps = service.get("depends_on", {})
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: spec.get("condition", "service_started") for name, spec in deps.items()}


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def _healthcheck(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


def _one_shots(services: dict) -> set[str]:
    return {name for name, s in services.items() if s.get("restart") in ("no", False)}


def _code_env_names() -> set[str]:
    """Every TAXHAUZ_* variable the application (not the tests or the demo) reads."""
    names: set[str] = set()
    skip = {".venv", "tests", "node_modules", "bench", ".cache"}
    not_production = {ROOT / "taxhauz" / "settings" / "test.py"}
    for path in ROOT.rglob("*.py"):
        if skip.intersection(path.relative_to(ROOT).parts) or "migrations" in path.parts:
            continue
        if path in not_production:
            continue
        names.update(re.findall(r"[\"'](TAXHAUZ_[A-Z0-9_]+)[\"']", path.read_text()))
    return names


# --- Services -----------------------------------------------------------------------------------


def test_the_six_services_exist(services):
    assert set(services) >= LONG_RUNNING


def test_every_long_running_service_has_a_healthcheck(services):
    for name in set(services) - _one_shots(services):
        check = services[name].get("healthcheck")
        assert check and check.get("test"), f"{name} has no healthcheck"
        assert check["test"] != ["NONE"], name
        assert services[name].get("restart") == "unless-stopped", name
    assert LONG_RUNNING.isdisjoint(_one_shots(services))


def test_healthchecks_ask_the_right_question(services):
    assert "/healthz" in _healthcheck(services["web"])
    assert '"status"' in _healthcheck(services["web"])
    assert "pg_isready" in _healthcheck(services["postgres"])
    assert "redis-cli ping" in _healthcheck(services["redis"])
    assert "celery -A taxhauz inspect ping -d celery@$$HOSTNAME" in _healthcheck(services["worker"])
    assert re.search(r"http://127\.0\.0\.1:8333/\S+", _healthcheck(services["s3"]))


def test_start_order_waits_for_health_or_completion(services):
    one_shots = _one_shots(services)
    for name, service in services.items():
        for dependency, condition in _depends_on(service).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            expected = (
                "service_completed_successfully" if dependency in one_shots else "service_healthy"
            )
            assert condition == expected, f"{name} -> {dependency}: {condition}"
    for name in ("web", "worker"):
        deps = _depends_on(services[name])
        assert {"postgres", "redis", "s3", "migrate"} <= set(deps), name
    assert {"redis", "migrate"} <= set(_depends_on(services["beat"]))
    assert "postgres" in _depends_on(services["migrate"])


def test_migrations_run_once_before_the_app_starts(services):
    migrate = services["migrate"]
    assert "manage.py migrate --noinput" in _command(migrate)
    assert "check --deploy --fail-level WARNING" in _command(migrate)
    assert migrate["image"] == services["web"]["image"]


def test_app_processes_share_one_image_one_env_file_and_production_settings(services):
    images = {services[name]["image"] for name in APP_PROCESSES}
    env_files = {tuple(_env_files(services[name])) for name in APP_PROCESSES}
    assert len(images) == 1
    assert env_files == {("deploy/env/app.env",)}
    for name in APP_PROCESSES:
        settings_module = services[name]["environment"]["DJANGO_SETTINGS_MODULE"]
        assert settings_module == "taxhauz.settings.production"


def test_app_process_commands(services):
    assert _command(services["web"]).startswith("gunicorn taxhauz.wsgi:application")
    assert _command(services["worker"]) == "celery -A taxhauz worker -l info --concurrency 2"
    beat = _command(services["beat"])
    assert beat.startswith("celery -A taxhauz beat -l info")
    schedule = re.search(r"--schedule=(\S+)", beat).group(1)
    mounts = [v.split(":") for v in services["beat"]["volumes"]]
    assert any(schedule.startswith(target + "/") for _volume, target in mounts)


def test_data_stores_keep_their_data(compose, services):
    named = set(compose["volumes"])
    assert services["postgres"]["image"] == "postgres:16"
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert services["redis"]["image"] == "redis:7"
    assert "--appendonly yes" in _command(services["redis"])
    assert "redis-data:/data" in services["redis"]["volumes"]
    assert "s3-data:/data" in services["s3"]["volumes"]
    assert {"postgres-data", "redis-data", "s3-data", "beat-schedule"} <= named


def test_s3_store_is_seaweedfs_with_identities_sse_and_no_telemetry(services):
    s3 = services["s3"]
    command = _command(s3)
    assert s3["image"].startswith("chrislusf/seaweedfs:")
    assert "weed server" in command
    assert " -s3 " in command
    assert "-s3.config=" in command
    assert "-master.telemetry=false" in command
    assert _env_files(s3) == ["deploy/env/s3.env"]
    assert "WEED_S3_SSE_KEY" in _env_file("s3.env.example")


def test_only_the_web_port_is_published_and_only_on_loopback(compose, services):
    for name, service in services.items():
        ports = service.get("ports", [])
        if name == "web":
            assert ports == ["127.0.0.1:8000:8000"]
        else:
            assert not ports, f"{name} publishes {ports}"
    assert compose["networks"]["backend"]["internal"] is True
    for name in ("postgres", "redis", "s3"):
        assert services[name]["networks"] == ["backend"], name


# --- Env files ----------------------------------------------------------------------------------


def test_every_env_file_in_compose_has_an_example(services):
    for name, service in services.items():
        for path in _env_files(service):
            assert (ROOT / f"{path}.example").is_file(), f"{name}: no {path}.example"


def test_app_env_example_names_every_production_variable():
    documented = _documented_names("app.env.example")
    assert documented >= REQUIRED_APP_ENV
    missing = _code_env_names() - NOT_FOR_PRODUCTION - documented
    # A name ending in "_" is a family (TAXHAUZ_IMAP_PASSWORD_<MAILBOX>): one example will do.
    missing = {
        n for n in missing if not (n.endswith("_") and any(d.startswith(n) for d in documented))
    }
    assert not missing, f"read by the code but not in app.env.example: {sorted(missing)}"


def test_example_urls_point_at_the_compose_services(services):
    app = _env_file("app.env.example")
    assert urlsplit(app["TAXHAUZ_DATABASE_URL"]).hostname == "postgres"
    assert urlsplit(app["TAXHAUZ_BROKER_URL"]).hostname == "redis"
    assert urlsplit(app["TAXHAUZ_S3_ENDPOINT_URL"]).hostname == "s3"
    assert urlsplit(app["TAXHAUZ_S3_ENDPOINT_URL"]).port == 8333
    assert {"postgres", "redis", "s3"} <= set(services)


def test_example_credentials_agree_between_files():
    app = _env_file("app.env.example")
    postgres = _env_file("postgres.env.example")
    s3 = _env_file("s3.env.example")
    database = urlsplit(app["TAXHAUZ_DATABASE_URL"])
    assert database.username == postgres["POSTGRES_USER"]
    assert database.password == postgres["POSTGRES_PASSWORD"]
    assert database.path.lstrip("/") == postgres["POSTGRES_DB"]
    assert app["TAXHAUZ_S3_ACCESS_KEY_ID"] == s3["S3_ACCESS_KEY_ID"]
    assert app["TAXHAUZ_S3_SECRET_ACCESS_KEY"] == s3["S3_SECRET_ACCESS_KEY"]


def test_example_secrets_are_placeholders():
    for name in ("app.env.example", "postgres.env.example", "s3.env.example"):
        for key, value in _env_file(name).items():
            if SECRET_NAME.search(key):
                assert value == "change-me", f"{name}: {key} should be a placeholder"


# --- No secrets in the compose file -----------------------------------------------------------


def test_no_secret_value_is_written_into_compose(services):
    for name, service in services.items():
        environment = service.get("environment", {})
        if isinstance(environment, list):
            environment = dict(item.partition("=")[::2] for item in environment)
        for key, value in environment.items():
            if SECRET_NAME.search(key):
                assert re.fullmatch(r"\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}", str(value)), (
                    f"{name}: {key} is written inline"
                )
    text = COMPOSE.read_text()
    assert not re.search(r"[a-z0-9+]+://[^/\s:@]+:[^/\s@]+@", text), "credentials in a URL"
    assert "change-me" not in text
    for line in text.splitlines():
        assert not re.search(r"(PASSWORD|SECRET_KEY|SECRET_ACCESS_KEY)\s*[:=]\s*\S", line), line


# --- Dockerfile and build context ---------------------------------------------------------------


def test_dockerfile_builds_a_non_root_image_with_the_runtime_libraries():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", dockerfile, re.MULTILINE)
    for package in (
        "tesseract-ocr",
        "tesseract-ocr-eng",
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
        "fonts-liberation",
        "poppler-utils",
        "libheif1",
    ):
        assert re.search(rf"^\s+{re.escape(package)}\b", dockerfile, re.MULTILINE), package
    assert "pip install ." in dockerfile
    assert "collectstatic --noinput" in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1].split(":")[0] not in ("root", "0")


def test_build_context_leaves_out_secrets_and_local_state():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    for pattern in (".git", ".venv", "var", ".env", "deploy/env/*", "!deploy/env/*.example"):
        assert pattern in ignored, pattern
