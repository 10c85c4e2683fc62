"""Signatures over "<unix time>.<body>": what verifies and what does not."""

from __future__ import annotations

from kontaktcenter.forwarding import signing

BODY = b'{"event": "case.created", "case": {"reference": "KC-2026-000123"}}'
OLD_SECRET = "old-secret-of-the-receiver-0123456789"
NEW_SECRET = "new-secret-of-the-receiver-9876543210"
AT = 1_773_129_600  # 2026-03-10 09:00 Stockholm


def test_a_signature_made_with_the_secret_verifies() -> None:
    header = signing.signature_header(BODY, [OLD_SECRET], timestamp=AT)

    assert header.startswith(f"t={AT},v1=")
    assert signing.verify(BODY, header, [OLD_SECRET], now=AT)


def test_a_signature_made_with_another_secret_does_not_verify() -> None:
    header = signing.signature_header(BODY, ["someone-elses-secret-0123456789"], timestamp=AT)

    assert not signing.verify(BODY, header, [OLD_SECRET], now=AT)


def test_a_changed_body_does_not_verify() -> None:
    header = signing.signature_header(BODY, [OLD_SECRET], timestamp=AT)

    assert not signing.verify(BODY.replace(b"123", b"124"), header, [OLD_SECRET], now=AT)


def test_a_changed_time_does_not_verify() -> None:
    signature = signing.sign(BODY, OLD_SECRET, AT)

    assert not signing.verify(BODY, f"t={AT + 1},v1={signature}", [OLD_SECRET], now=AT)


def test_a_signature_within_the_tolerance_verifies_an_older_one_does_not() -> None:
    header = signing.signature_header(BODY, [OLD_SECRET], timestamp=AT)
    tolerance = signing.TOLERANCE_SECONDS

    assert signing.verify(BODY, header, [OLD_SECRET], now=AT + tolerance)
    assert not signing.verify(BODY, header, [OLD_SECRET], now=AT + tolerance + 1)


def test_a_signature_from_too_far_in_the_future_does_not_verify() -> None:
    header = signing.signature_header(BODY, [OLD_SECRET], timestamp=AT)

    assert not signing.verify(BODY, header, [OLD_SECRET], now=AT - signing.TOLERANCE_SECONDS - 1)


def test_while_two_secrets_are_active_either_one_verifies() -> None:
    header = signing.signature_header(BODY, [NEW_SECRET, OLD_SECRET], timestamp=AT)

    assert header.count("v1=") == 2
    assert signing.verify(BODY, header, [OLD_SECRET], now=AT)
    assert signing.verify(BODY, header, [NEW_SECRET], now=AT)
    assert not signing.verify(BODY, header, ["a-third-secret-0123456789"], now=AT)


def test_a_receiver_holding_both_secrets_accepts_a_message_signed_with_one() -> None:
    header = signing.signature_header(BODY, [NEW_SECRET], timestamp=AT)

    assert signing.verify(BODY, header, [OLD_SECRET, NEW_SECRET], now=AT)


def test_headers_without_a_time_or_a_signature_do_not_verify() -> None:
    signature = signing.sign(BODY, OLD_SECRET, AT)

    for header in ["", f"v1={signature}", f"t={AT}", f"t=soon,v1={signature}", "garbage"]:
        assert not signing.verify(BODY, header, [OLD_SECRET], now=AT), header
