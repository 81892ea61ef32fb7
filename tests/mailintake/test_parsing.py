"""What an e-mail holds, as plain data: sender, key, attachments, machine mail, DMARC.

Plain Python: runs with `pytest -p no:django`.
"""

from email.message import EmailMessage

from mailintake.parsing import authentication_passes, group_for_notices, parse_message
from tests.mailintake.mail import make_email

PDF = b"%PDF-1.4\n" + b"x" * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"y" * 20_000


def test_sender_key_subject_and_attachments():
    raw = make_email(
        "Jordan Example <Jordan@Client.Example>",
        message_id="<abc123@client.example>",
        attachments=[("cp14.pdf", "application/pdf", PDF)],
    )
    parsed = parse_message(raw)
    assert parsed.sender == "jordan@client.example" and parsed.sender_name == "Jordan Example"
    assert parsed.key == parsed.message_id == "abc123@client.example"
    assert [(a.name, a.data) for a in parsed.attachments] == [("cp14.pdf", PDF)]
    assert "the IRS sent me this" in parsed.body_excerpt
    assert not parsed.automated


def test_a_message_without_message_id_is_keyed_by_its_bytes():
    msg = EmailMessage()
    msg["From"] = "a@b.example"
    msg.set_content("hi")
    raw = msg.as_bytes()
    parsed = parse_message(raw)
    assert parsed.key.startswith("sha256:") and parsed.key == parse_message(raw).key


def test_two_senders_or_none_match_nobody():
    raw = make_email("a@b.example, c@d.example")
    assert parse_message(raw).sender == ""


def test_machine_mail_is_never_answered():
    for headers in (
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"List-Id": "<news.example>"},
    ):
        assert parse_message(make_email("a@b.example", headers=headers)).automated
    assert parse_message(make_email("MAILER-DAEMON@b.example")).automated
    assert not parse_message(make_email("a@b.example", headers={"Auto-Submitted": "no"})).automated


def test_a_forwarded_message_gives_up_its_attachment():
    from email import message_from_bytes, policy

    inner = message_from_bytes(
        make_email("irs-fan@b.example", attachments=[("cp14.pdf", "application/pdf", PDF)]),
        policy=policy.default,
    )
    outer = EmailMessage()
    outer["From"] = "jordan@client.example"
    outer["Message-ID"] = "<fwd@client.example>"
    outer.set_content("Fwd: see attached")
    outer.add_attachment(inner)
    parsed = parse_message(outer.as_bytes())
    assert [a.name for a in parsed.attachments] == ["cp14.pdf"]


def test_a_small_inline_logo_is_not_an_attachment_but_a_photo_is():
    msg = EmailMessage()
    msg["From"] = "jordan@client.example"
    msg.set_content("plain")
    msg.add_alternative('<p>Hi</p><img src="cid:logo@x">', subtype="html")
    html = msg.get_payload()[1]
    html.add_related(b"\x89PNG\r\n\x1a\n" + b"z" * 500, "image", "png", cid="<logo@x>")
    msg.add_attachment(PNG, maintype="image", subtype="png", filename="page1.png")
    names = [a.name for a in parse_message(msg.as_bytes()).attachments]
    assert names == ["page1.png"]


def test_dmarc_pass_counts_only_from_our_own_server():
    ours = (
        "mx.practice.example; spf=pass smtp.mailfrom=client.example; "
        "dmarc=pass header.from=client.example"
    )
    theirs = "evil.example; dmarc=pass header.from=client.example"
    failed = "mx.practice.example; dmarc=fail header.from=client.example"
    sender = "jordan@client.example"
    assert authentication_passes((ours,), authserv_id="mx.practice.example", sender=sender)
    assert not authentication_passes((theirs,), authserv_id="mx.practice.example", sender=sender)
    assert not authentication_passes((failed,), authserv_id="mx.practice.example", sender=sender)
    other_domain = "mx.practice.example; dmarc=pass header.from=elsewhere.example"
    assert not authentication_passes(
        (other_domain,), authserv_id="mx.practice.example", sender=sender
    )


def test_photos_make_one_notice_and_each_pdf_its_own():
    raw = make_email(
        "a@b.example",
        attachments=[
            ("p1.jpg", "image/jpeg", b"1"),
            ("a.pdf", "application/pdf", b"2"),
            ("p2.jpg", "image/jpeg", b"3"),
            ("b.pdf", "application/pdf", b"4"),
        ],
    )
    groups = group_for_notices(list(parse_message(raw).attachments))
    assert [[a.name for a in g] for g in groups] == [["p1.jpg", "p2.jpg"], ["a.pdf"], ["b.pdf"]]
