"""Build synthetic e-mails (RFC 5322 bytes) as a phone or a mail program would send them."""

from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def make_email(
    sender: str,
    *,
    subject: str = "My IRS notice",
    body: str = "Hello, the IRS sent me this. Can you help?",
    attachments: list[tuple[str, str, bytes]] = (),
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
    to: str = "intake@practice.test",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id or make_msgid(domain="client.example")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def pdf_attachment(data: bytes, name: str = "notice.pdf") -> tuple[str, str, bytes]:
    return (name, "application/pdf", data)
