"""The IMAP adapter: the only module that talks to a mail server (stdlib ``imaplib``).

It lists the messages not yet taken in, fetches one without marking it read
(``BODY.PEEK``), and marks one processed: ``\\Seen`` plus the keyword ``$TaxhauzImported``,
then, if the mailbox says so, moves it to the processed folder. The keyword is what the
next poll skips on; a server that cannot keep keywords must move mail instead.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from dataclasses import dataclass

KEYWORD = "$TaxhauzImported"
TIMEOUT_S = 30


class MailboxUnavailable(Exception):
    """The server could not be reached, refused the login, or lacks what we need."""


@dataclass(frozen=True)
class ServerSettings:
    host: str
    port: int
    security: str  # ssl | starttls | none
    username: str
    password: str
    folder: str = "INBOX"
    processed_folder: str = ""  # set: move processed mail there
    cafile: str = ""  # extra CA bundle (a private CA); the system store otherwise


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(response: tuple, what: str) -> list:
    kind, data = response
    if kind != "OK":
        raise MailboxUnavailable(f"{what}: {data!r}"[:300])
    return data


class MailboxConnection:
    """``with MailboxConnection(settings) as box: ...``; every error is MailboxUnavailable."""

    def __init__(self, server: ServerSettings):
        self.server = server
        self.conn: imaplib.IMAP4 | None = None
        self.keywords_kept = False

    def __enter__(self) -> MailboxConnection:
        s = self.server
        context = ssl.create_default_context(cafile=s.cafile or None)
        try:
            if s.security == "ssl":
                self.conn = imaplib.IMAP4_SSL(
                    s.host, s.port, ssl_context=context, timeout=TIMEOUT_S
                )
            else:
                self.conn = imaplib.IMAP4(s.host, s.port, timeout=TIMEOUT_S)
                if s.security == "starttls":
                    _ok(self.conn.starttls(ssl_context=context), "STARTTLS")
            try:
                self.conn.login(s.username, s.password)
            except imaplib.IMAP4.error as exc:
                raise MailboxUnavailable(
                    f"The server refused the login of {s.username}: {exc}"
                ) from None
            _ok(self.conn.select(_quote(s.folder)), f"select {s.folder}")
        except (TimeoutError, OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
            self._close()
            raise MailboxUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from None
        flags = " ".join(
            str(item) for item in (self.conn.untagged_responses.get("PERMANENTFLAGS") or [])
        )
        self.keywords_kept = "\\*" in flags or KEYWORD in flags
        if not self.keywords_kept and not s.processed_folder:
            self._close()
            raise MailboxUnavailable(
                "The server does not keep custom keywords: set a processed folder and move mail."
            )
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        if self.conn is None:
            return
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            self.conn.logout()
        self.conn = None

    def _uid(self, command: str, *args) -> list:
        try:
            return _ok(self.conn.uid(command, *args), f"UID {command}")
        except (TimeoutError, OSError, imaplib.IMAP4.error) as exc:
            raise MailboxUnavailable(f"UID {command}: {type(exc).__name__}: {exc}"[:300]) from None

    def waiting(self, limit: int) -> list[str]:
        """UIDs of messages not yet taken in, oldest first, at most ``limit``."""
        criteria = ("UNKEYWORD", KEYWORD) if self.keywords_kept else ("ALL",)
        data = self._uid("SEARCH", None, *criteria)
        uids = (data[0] or b"").split()
        return [u.decode() for u in uids[:limit]]

    def size(self, uid: str) -> int:
        data = self._uid("FETCH", uid, "(RFC822.SIZE)")
        match = re.search(
            rb"RFC822\.SIZE (\d+)", b" ".join(d for d in data if isinstance(d, bytes))
        )
        return int(match.group(1)) if match else 0

    def fetch(self, uid: str, *, headers_only: bool = False) -> bytes:
        """The message's bytes, without setting \\Seen (so a crash leaves it as it was)."""
        part = "BODY.PEEK[HEADER]" if headers_only else "BODY.PEEK[]"
        data = self._uid("FETCH", uid, f"({part})")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return item[1]
        raise MailboxUnavailable(f"UID {uid} has gone from the server.")

    def mark_processed(self, uid: str) -> None:
        """\\Seen + keyword, then move when configured. Safe to repeat."""
        flags = f"(\\Seen {KEYWORD})" if self.keywords_kept else "(\\Seen)"
        self._uid("STORE", uid, "+FLAGS.SILENT", flags)
        folder = self.server.processed_folder
        if not folder:
            return
        self.conn.create(_quote(folder))  # "already exists" is fine
        capabilities = self._capabilities()
        if "MOVE" in capabilities:
            self._uid("MOVE", uid, _quote(folder))
        else:  # COPY, then delete just this message (UID EXPUNGE needs UIDPLUS)
            self._uid("COPY", uid, _quote(folder))
            self._uid("STORE", uid, "+FLAGS.SILENT", "(\\Deleted)")
            if "UIDPLUS" in capabilities:
                self._uid("EXPUNGE", uid)

    def _capabilities(self) -> set[str]:
        try:
            data = _ok(self.conn.capability(), "CAPABILITY")
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailboxUnavailable(str(exc)[:300]) from None
        return set((data[0] or b"").decode(errors="replace").upper().split())
