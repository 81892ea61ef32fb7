"""Taxpayer files stay private: on local disk and on a real S3-compatible server.

The S3 tests run against the SeaweedFS server from conftest.py; nothing is mocked. Where a
behaviour is the client's promise rather than the server's (the ACL header on the upload),
the real outgoing request is observed through a botocore event hook.
"""

from __future__ import annotations

import importlib.util
import runpy
import secrets
import stat
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import StorageHandler

from taxhauz.storage import PrivateFileSystemStorage, PrivateS3Storage

FIVE_MINUTES = 300
S3_ENV = (
    "TAXHAUZ_S3_BUCKET",
    "TAXHAUZ_S3_ENDPOINT_URL",
    "TAXHAUZ_S3_REGION",
    "TAXHAUZ_S3_ACCESS_KEY_ID",
    "TAXHAUZ_S3_SECRET_ACCESS_KEY",
    "TAXHAUZ_SIGNED_URL_SECONDS",
)


def _fresh_base_settings(monkeypatch, **env: str) -> dict:
    """Evaluate taxhauz.settings.base anew under `env`, without touching django.conf.settings."""
    for name in S3_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(importlib.util.find_spec("taxhauz.settings.base").origin)


def _http_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def _unique(name: str) -> str:
    return f"tests/{secrets.token_hex(6)}/{name}"


def _files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture
def s3_storage(s3_server) -> PrivateS3Storage:
    return PrivateS3Storage(**s3_server.storage_options())


# --- Settings wiring ---------------------------------------------------------------------


@pytest.mark.services
def test_s3_env_turns_private_and_default_aliases_into_private_s3(monkeypatch, s3_server):
    ns = _fresh_base_settings(
        monkeypatch,
        TAXHAUZ_S3_BUCKET=s3_server.bucket,
        TAXHAUZ_S3_ENDPOINT_URL=s3_server.endpoint_url,
        TAXHAUZ_S3_REGION=s3_server.region,
        TAXHAUZ_S3_ACCESS_KEY_ID=s3_server.access_key,
        TAXHAUZ_S3_SECRET_ACCESS_KEY=s3_server.secret_key,
        TAXHAUZ_SIGNED_URL_SECONDS="3600",
    )
    handler = StorageHandler(ns["STORAGES"])  # a fresh handler: django's `storages` caches

    private, default = handler["private"], handler["default"]
    assert isinstance(private, PrivateS3Storage)
    assert isinstance(default, PrivateS3Storage)
    assert private.querystring_expire == FIVE_MINUTES

    name = private.save(_unique("wired.txt"), ContentFile(b"through the settings"))
    with default.open(name, "rb") as fh:
        assert fh.read() == b"through the settings"


# --- Round trip ----------------------------------------------------------------------------


@pytest.mark.services
def test_saved_file_reads_back_byte_for_byte(s3_storage, s3_server):
    payload = b"%PDF-1.7\n" + secrets.token_bytes(256 * 1024) + bytes(range(256))

    name = s3_storage.save(_unique("notice.pdf"), ContentFile(payload))

    with s3_storage.open(name, "rb") as fh:
        assert fh.read() == payload
    assert s3_storage.size(name) == len(payload)
    stored = s3_server.client().get_object(Bucket=s3_server.bucket, Key=name)
    assert stored["Body"].read() == payload


# --- Nobody reads without a signature --------------------------------------------------------


@pytest.mark.services
def test_object_is_not_readable_anonymously(s3_storage, s3_server):
    name = s3_storage.save(_unique("private.pdf"), ContentFile(b"%PDF- taxpayer data"))

    status, body = _http_get(f"{s3_server.endpoint_url}/{s3_server.bucket}/{name}")

    assert status in (401, 403)
    assert b"taxpayer data" not in body


@pytest.mark.services
def test_a_wrong_secret_is_refused(s3_storage, s3_server):
    name = s3_storage.save(_unique("private.pdf"), ContentFile(b"x"))
    intruder = s3_server.client(secret_key="not-the-secret")

    with pytest.raises(intruder.exceptions.ClientError) as excinfo:
        intruder.get_object(Bucket=s3_server.bucket, Key=name)

    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] in (401, 403)


@pytest.mark.services
def test_object_acl_grants_nobody_but_the_owner(s3_storage, s3_server):
    name = s3_storage.save(_unique("acl.pdf"), ContentFile(b"x"))

    acl = s3_server.client().get_object_acl(Bucket=s3_server.bucket, Key=name)

    grantees = [grant["Grantee"] for grant in acl["Grants"]]
    assert grantees, "the owner should hold the object"
    assert all(g.get("Type") == "CanonicalUser" for g in grantees)
    assert all(g.get("ID") == acl["Owner"]["ID"] for g in grantees)
    assert not any("AllUsers" in g.get("URI", "") for g in grantees)
    assert not any("AuthenticatedUsers" in g.get("URI", "") for g in grantees)


@pytest.mark.services
def test_upload_request_asks_for_private_acl_and_aes256(s3_storage):
    """SeaweedFS keeps objects owner-only whatever canned ACL arrives, so the server cannot
    show that we asked for `private`; the real outgoing request can."""
    client = s3_storage.connection.meta.client
    sent: list[dict[str, str]] = []

    def record(request, **_kwargs):
        headers = request.headers.items()
        sent.append({k.lower(): v if isinstance(v, str) else v.decode() for k, v in headers})

    client.meta.events.register("before-send.s3.PutObject", record)
    try:
        s3_storage.save(_unique("headers.pdf"), ContentFile(b"%PDF- headers"))
    finally:
        client.meta.events.unregister("before-send.s3.PutObject", record)

    assert len(sent) == 1
    assert sent[0]["x-amz-acl"] == "private"
    assert sent[0]["x-amz-server-side-encryption"] == "AES256"


# --- Signed URLs -------------------------------------------------------------------------------


@pytest.mark.services
def test_signed_url_is_sigv4_with_at_most_five_minutes_and_works(s3_storage):
    payload = b"%PDF- a letter for the client"
    name = s3_storage.save(_unique("letter.pdf"), ContentFile(payload))

    url = s3_storage.url(name)

    query = _query(url)
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert 0 < int(query["X-Amz-Expires"]) <= FIVE_MINUTES
    assert "X-Amz-Signature" in query
    assert _http_get(url) == (200, payload)


@pytest.mark.services
def test_configured_lifetime_of_an_hour_is_capped_at_five_minutes(s3_server):
    storage = PrivateS3Storage(**s3_server.storage_options(querystring_expire=3600))
    name = storage.save(_unique("capped.pdf"), ContentFile(b"x"))

    assert storage.querystring_expire == FIVE_MINUTES
    assert int(_query(storage.url(name))["X-Amz-Expires"]) == FIVE_MINUTES


@pytest.mark.services
def test_per_call_lifetime_of_an_hour_is_capped_at_five_minutes(s3_storage):
    name = s3_storage.save(_unique("per-call.pdf"), ContentFile(b"x"))

    assert int(_query(s3_storage.url(name, expire=3600))["X-Amz-Expires"]) <= FIVE_MINUTES


@pytest.mark.services
def test_signed_url_is_refused_once_expired_or_altered(s3_storage, s3_server):
    name = s3_storage.save(_unique("short.pdf"), ContentFile(b"secret"))
    other = s3_storage.save(_unique("other.pdf"), ContentFile(b"other secret"))
    url = s3_storage.url(name)

    parts = urlsplit(url)
    retargeted = urlunsplit(parts._replace(path=f"/{s3_server.bucket}/{other}"))
    assert _http_get(retargeted)[0] == 403

    short_lived = s3_storage.url(name, expire=1)
    time.sleep(2.1)
    assert _http_get(short_lived)[0] == 403


# --- Server-side encryption --------------------------------------------------------------------


@pytest.mark.services
def test_objects_are_encrypted_at_rest(s3_storage, s3_server):
    # Random bytes and a .bin name: SeaweedFS gzips compressible types, which would hide
    # plaintext from the scan below for a reason that has nothing to do with encryption.
    secret = secrets.token_bytes(8 * 1024)
    control = secrets.token_bytes(8 * 1024)

    name = s3_storage.save(_unique("encrypted.bin"), ContentFile(secret))
    # A control object written without SSE proves the scan can see fresh writes.
    s3_server.client().put_object(Bucket=s3_server.bucket, Key=_unique("plain.bin"), Body=control)

    head = s3_server.client().head_object(Bucket=s3_server.bucket, Key=name)
    assert head["ServerSideEncryption"] == "AES256"
    deadline = time.monotonic() + 5
    while not _files_containing(s3_server.data_dir, control[:64]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _files_containing(s3_server.data_dir, control[:64]), "control object not on disk"
    assert _files_containing(s3_server.data_dir, secret[:64]) == []
    with s3_storage.open(name, "rb") as fh:
        assert fh.read() == secret


# --- No overwrites -------------------------------------------------------------------------------


@pytest.mark.services
def test_saving_the_same_name_twice_keeps_both_objects(s3_storage, s3_server):
    wanted = _unique("return.pdf")

    first = s3_storage.save(wanted, ContentFile(b"first upload"))
    second = s3_storage.save(wanted, ContentFile(b"second upload"))

    assert first == wanted
    assert second != first
    assert second.endswith(".pdf")
    with s3_storage.open(first, "rb") as fh:
        assert fh.read() == b"first upload"
    with s3_storage.open(second, "rb") as fh:
        assert fh.read() == b"second upload"
    prefix = wanted.rsplit("/", 1)[0] + "/"
    listing = s3_server.client().list_objects_v2(Bucket=s3_server.bucket, Prefix=prefix)
    assert sorted(o["Key"] for o in listing["Contents"]) == sorted([first, second])


# --- Local private storage (the default when no bucket is configured) -----------------------------


def test_without_a_bucket_the_private_alias_is_local_and_has_no_url(monkeypatch):
    ns = _fresh_base_settings(monkeypatch)
    private = StorageHandler(ns["STORAGES"])["private"]

    assert isinstance(private, PrivateFileSystemStorage)
    with pytest.raises(NotImplementedError):
        private.url("2025/notice.pdf")


def test_local_private_files_are_owner_only(tmp_path):
    storage = PrivateFileSystemStorage(location=str(tmp_path / "private"))

    name = storage.save("2025/household-7/notice.pdf", ContentFile(b"%PDF- local"))

    path = Path(storage.path(name))
    assert path.read_bytes() == b"%PDF- local"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    with pytest.raises(NotImplementedError):
        storage.url(name)


def test_local_private_root_is_outside_every_served_directory(monkeypatch):
    ns = _fresh_base_settings(monkeypatch)
    private_root = Path(ns["PRIVATE_MEDIA_ROOT"]).resolve()
    served = [Path(ns["STATIC_ROOT"]), *map(Path, ns["STATICFILES_DIRS"])]

    for directory in served:
        directory = directory.resolve()
        assert not private_root.is_relative_to(directory), directory
        assert not directory.is_relative_to(private_root), directory
