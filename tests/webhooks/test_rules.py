"""Webhook rules without Django: signatures, backoff, and which addresses may be targets."""

import hashlib
import hmac

import pytest

from webhooks.rules import (
    TargetRefused,
    address_allowed,
    backoff_seconds,
    sign,
    target_check,
    verify,
)

SECRET = "whsec_test"
BODY = b'{"id":"e1","type":"case.state_changed"}'


def test_the_signature_is_hmac_sha256_of_the_timestamp_and_the_body():
    header = sign(SECRET, BODY, 1_700_000_000)
    expected = hmac.new(SECRET.encode(), b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"
    assert verify(SECRET, BODY, header, now=1_700_000_100)


@pytest.mark.parametrize(
    ("secret", "body", "now"),
    [
        ("whsec_other", BODY, 1_700_000_000),  # another secret
        (SECRET, BODY + b" ", 1_700_000_000),  # a changed body
        (SECRET, BODY, 1_700_000_301),  # replayed more than 5 minutes later
    ],
)
def test_a_wrong_secret_a_changed_body_or_an_old_timestamp_fails(secret, body, now):
    header = sign(SECRET, BODY, 1_700_000_000)
    assert not verify(secret, body, header, now=now)


def test_a_malformed_header_fails():
    for header in ("", "v1=abc", "t=soon,v1=abc", "t=1700000000"):
        assert not verify(SECRET, BODY, header, now=1_700_000_000)


def test_backoff_doubles_up_to_the_cap():
    waits = [backoff_seconds(n, base=30, cap=1800) for n in range(1, 9)]
    assert waits == [30, 60, 120, 240, 480, 960, 1800, 1800]


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "172.16.4.1",
        "192.168.1.10",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 (an address to refuse, not one we bind)
        "224.0.0.1",
        "fc00::1",
        "fe80::1",
        "::",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "2002:a00:1::",  # 6to4 of 10.0.0.1
        "::ffff:127.0.0.1",
    ],
)
def test_private_and_special_addresses_are_never_targets(address):
    assert not address_allowed(address, allow_loopback=False)
    if "127.0.0.1" not in address:
        assert not address_allowed(address, allow_loopback=True)


def test_loopback_only_when_allowed_and_public_addresses_always():
    assert not address_allowed("127.0.0.1", allow_loopback=False)
    assert not address_allowed("::1", allow_loopback=False)
    assert address_allowed("127.0.0.1", allow_loopback=True)
    assert address_allowed("8.8.8.8", allow_loopback=False)
    assert address_allowed("2606:4700:4700::1111", allow_loopback=False)


def _resolver(table):
    def resolve(host, port):
        return table[host]

    return resolve


def test_every_address_of_a_name_must_be_public_and_the_checked_one_is_used():
    resolve = _resolver(
        {"hooks.example": ["93.184.216.34"], "mixed.example": ["93.184.216.34", "10.1.1.1"]}
    )
    target = target_check(
        "https://hooks.example:8443/in?x=1",
        resolve=resolve,
        allow_loopback=False,
        require_https=True,
    )
    assert (target.host, target.port, target.path, target.address) == (
        "hooks.example",
        8443,
        "/in?x=1",
        "93.184.216.34",
    )
    with pytest.raises(TargetRefused, match="not a public address"):
        target_check(
            "https://mixed.example/", resolve=resolve, allow_loopback=False, require_https=True
        )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hooks.example/", "https://"),
        ("ftp://hooks.example/", "https://"),
        ("https://user:pw@hooks.example/", "no user name or password"),
        ("https:///nohost", "no host"),
        ("https://hooks.example:99999/", "port"),
    ],
)
def test_bad_urls_are_refused_with_a_reason(url, message):
    resolve = _resolver({"hooks.example": ["93.184.216.34"]})
    with pytest.raises(TargetRefused, match=message):
        target_check(url, resolve=resolve, allow_loopback=False, require_https=True)
