"""A real IMAP server for the tests: Debian's Dovecot, started in the foreground with its
own configuration in a temporary folder, on a free loopback port, with one passwd-file
user, and stopped afterwards. Mail is delivered into it with IMAP APPEND."""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = taxhauz-test-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
{internal_users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    username: str
    password: str
    root: Path

    def connect(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        conn.login(self.username, self.password)
        return conn

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        conn = self.connect()
        try:
            conn.create(folder)
            kind, data = conn.append(folder, None, None, raw)
            assert kind == "OK", data
        finally:
            conn.logout()

    def messages(self, folder: str = "INBOX") -> list[tuple[str, str]]:
        """(uid, flags) of every message in the folder."""
        conn = self.connect()
        try:
            kind, _ = conn.select(folder)
            if kind != "OK":
                return []
            _, data = conn.uid("FETCH", "1:*", "(FLAGS)")
            found = []
            for item in data:
                if not item:
                    continue
                text = item.decode() if isinstance(item, bytes) else item[0].decode()
                uid = text.split("UID ")[1].split()[0].rstrip(")")
                flags = text.split("FLAGS (")[1].split(")")[0].split()
                # \Recent is session state, not something the poller set.
                found.append((uid, " ".join(f for f in flags if f != "\\Recent")))
            return found
        finally:
            conn.logout()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def dovecot_server(root: Path) -> Iterator[ImapServer]:
    if not Path(DOVECOT).exists():
        raise RuntimeError(
            "Dovecot is not installed: run `bash scripts/system-deps.sh test` "
            "(it installs dovecot-imapd)."
        )
    port = _free_port()
    (root / "mail").mkdir(parents=True)
    if os.geteuid() == 0:  # Dovecot never delivers as root: the mail belongs to nobody
        user = pwd.getpwnam("nobody")
        os.chown(root / "mail", user.pw_uid, user.pw_gid)
        uid, gid, internal = user.pw_uid, user.pw_gid, ""
    else:
        me = pwd.getpwuid(os.getuid())
        uid, gid = me.pw_uid, me.pw_gid
        internal = f"default_internal_user = {me.pw_name}\ndefault_login_user = {me.pw_name}"
    password = "imap-test-" + os.urandom(6).hex()
    username = "intake@practice.test"
    (root / "passwd").write_text(f"{username}:{{PLAIN}}{password}::::::\n")
    (root / "passwd").chmod(0o644)  # read by Dovecot's unprivileged auth process
    config = root / "dovecot.conf"
    config.write_text(
        CONFIG.format(root=root, port=port, uid=uid, gid=gid, internal_users=internal)
    )
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (root / "dovecot.log").read_text()
                        if (root / "dovecot.log").exists()
                        else ""
                    )
                    raise RuntimeError(f"Dovecot did not start: {log[-2000:]}") from None
                time.sleep(0.1)
        yield ImapServer("127.0.0.1", port, username, password, root)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
