"""What an incoming e-mail holds, as plain data (no Django, no network).

The poller hands the raw RFC 5322 bytes it fetched; this module finds the sender, a stable
key for the message (its Message-ID, or a hash of the bytes when it has none), the files
attached to it (walking into forwarded messages), whether it was sent by a machine (no
reply then, RFC 3834), and what the receiving server said about the sender's domain
(Authentication-Results, RFC 8601).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

__all__ = [
    "Attachment",
    "ParsedMessage",
    "authentication_passes",
    "group_for_notices",
    "parse_message",
]

#: An image smaller than this, shown inline in the HTML body, is a logo or a tracking pixel.
INLINE_IMAGE_MIN_BYTES = 10 * 1024
BODY_EXCERPT_CHARS = 2000

_IMAGE_TYPES = ("image/jpeg", "image/png", "image/heic", "image/heif")


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def looks_like_image(self) -> bool:
        return self.content_type in _IMAGE_TYPES or self.name.lower().endswith(
            (".jpg", ".jpeg", ".png", ".heic", ".heif")
        )


@dataclass(frozen=True)
class ParsedMessage:
    key: str  # Message-ID without brackets, or "sha256:<hex>" of the raw bytes
    message_id: str
    sender: str  # lower-case address from From:, "" when there is not exactly one
    sender_name: str
    subject: str
    attachments: tuple[Attachment, ...]
    body_excerpt: str
    automated: bool  # auto-submitted, bulk, list or bounce: never reply
    authentication_results: tuple[str, ...] = field(default=())
    references: str = ""


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name, "")
    except (ValueError, TypeError, IndexError):  # a header too broken to parse
        return ""
    return " ".join(str(value).split())


def _sender(msg: EmailMessage) -> tuple[str, str]:
    raw = msg.get_all("From", [])
    try:
        found = getaddresses([str(v) for v in raw])
    except (ValueError, TypeError):
        return "", ""
    found = [(name, addr) for name, addr in found if addr]
    if len(found) != 1:
        return "", ""
    name, addr = found[0]
    addr = addr.strip().lower()
    try:
        Address(addr_spec=addr)
    except (ValueError, IndexError):
        return "", ""
    if "@" not in addr:
        return "", ""
    return addr, name.strip()


def _is_automated(msg: EmailMessage, sender: str) -> bool:
    auto = _header(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return True
    if _header(msg, "Precedence").lower() in ("bulk", "list", "junk"):
        return True
    if msg.get("List-Id") or msg.get("List-Unsubscribe"):
        return True
    local = sender.split("@", 1)[0]
    if local in ("mailer-daemon", "postmaster") or local.startswith(("noreply", "no-reply")):
        return True
    return msg.get_content_type() == "multipart/report"  # a bounce (RFC 6522)


def _cid_references(msg: EmailMessage) -> set[str]:
    refs: set[str] = set()
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            try:
                html = part.get_content()
            except (LookupError, ValueError):
                continue
            refs.update(m.lower() for m in re.findall(r"cid:([^\"'\s>)]+)", html, re.IGNORECASE))
    return refs


def _attachments(msg: EmailMessage) -> tuple[Attachment, ...]:
    cids = _cid_references(msg)
    found: list[Attachment] = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() in ("multipart", "message"):
            continue
        ctype = part.get_content_type()
        name = part.get_filename() or ""
        disposition = part.get_content_disposition()
        if ctype.startswith("text/") and disposition != "attachment":
            continue  # the body itself
        try:
            data = part.get_payload(decode=True) or b""
        except (ValueError, TypeError):
            data = b""
        if not data:
            continue
        cid = (part.get("Content-ID") or "").strip("<> ").lower()
        if (
            cid
            and cid in cids
            and ctype.startswith("image/")
            and len(data) < INLINE_IMAGE_MIN_BYTES
        ):
            continue  # a logo in a signature
        found.append(
            Attachment(name=_safe_name(name, ctype, len(found) + 1), content_type=ctype, data=data)
        )
    return tuple(found)


def _safe_name(name: str, ctype: str, position: int) -> str:
    name = re.sub(r"[\x00-\x1f/\\]", "_", name).strip()[:200]
    if name:
        return name
    ext = {
        "application/pdf": ".pdf",
        "image/jpeg": ".jpg",
        "image/png": ".png",
        "image/heic": ".heic",
    }.get(ctype, "")
    return f"attachment-{position}{ext}"


def _body_excerpt(msg: EmailMessage) -> str:
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
    except (LookupError, ValueError, KeyError):
        text = ""
    if part is not None and part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())[:BODY_EXCERPT_CHARS]


def parse_message(raw: bytes) -> ParsedMessage:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    message_id = _header(msg, "Message-ID").strip("<> ")[:900]
    sender, sender_name = _sender(msg)
    key = message_id or "sha256:" + hashlib.sha256(raw).hexdigest()
    return ParsedMessage(
        key=key,
        message_id=message_id,
        sender=sender,
        sender_name=sender_name[:200],
        subject=_header(msg, "Subject")[:300],
        attachments=_attachments(msg),
        body_excerpt=_body_excerpt(msg),
        automated=_is_automated(msg, sender),
        authentication_results=tuple(
            " ".join(str(v).split()) for v in msg.get_all("Authentication-Results", [])
        ),
        references=_header(msg, "References")[:2000],
    )


def authentication_passes(results: tuple[str, ...], *, authserv_id: str, sender: str) -> bool:
    """True when the header our own server added (``authserv_id``) says DMARC passed for
    the sender's domain. Headers from other servers are ignored: anyone can write one."""
    domain = sender.rsplit("@", 1)[-1].lower()
    for header in results:
        head, _, rest = header.partition(";")
        if head.strip().split()[0:1] != [authserv_id]:
            continue
        for clause in rest.split(";"):
            words = clause.strip().lower()
            if re.match(r"dmarc\s*=\s*pass\b", words) and (
                f"header.from={domain}" in words.replace(" ", "") or "header.from" not in words
            ):
                return True
    return False


def group_for_notices(attachments: list[Attachment]) -> list[list[Attachment]]:
    """Which attachments make one notice: the photos of a message are the pages of one
    notice (in the order attached); each PDF is a notice of its own."""
    images = [a for a in attachments if a.looks_like_image]
    others = [[a] for a in attachments if not a.looks_like_image]
    return ([images] if images else []) + others
