"""The MIME messages the sandbox builds from ``POST /v4/messages`` (through the
``smtp_sandbox`` fixture): nesting, attachments, inline images, headers, encodings; and the
prepared MIME of ``POST /v4/messages/mime``, stored as given."""

from __future__ import annotations

import base64
from email.message import EmailMessage
from typing import Any

import pytest
from support.payloads import make_message, make_mime

import smtp
from smtp.sandbox.mime import unfold

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
PDF = b"%PDF-1.4\n" + bytes(range(255, -1, -1))


def part(type_: str, content: str, **fields: Any) -> smtp.V4MessagesBodyParts:
    return smtp.V4MessagesBodyParts(type=type_, content=content, **fields)


def attachment(data: bytes, **fields: Any) -> smtp.V4MessagesBodyAttachments:
    return smtp.V4MessagesBodyAttachments(content=base64.b64encode(data).decode(), **fields)


TEXT = part("text/plain", "Hello Jane")
HTML = part("text/html", '<p>Hello <img src="cid:logo.png"></p>')


def sent(fixture: Any, **fields: Any) -> EmailMessage:
    """Send a message with these fields through the SDK; the stored message, parsed."""
    if "body" not in fields and ("parts" in fields or "attachments" in fields):
        fields["body"] = smtp.V4MessagesBody(
            parts=fields.pop("parts", None), attachments=fields.pop("attachments", None)
        )
    msg_id = fixture.api.v4_messages_post(make_message(channel=fixture.channel, **fields)).data.msg_id
    return fixture.sandbox.message(msg_id).message


def outline(fixture: Any, **fields: Any) -> str:
    from smtp.sandbox.mime import outline as mime_outline

    return mime_outline(sent(fixture, **fields))


@pytest.mark.parametrize(
    "parts, attachments, expected",
    [
        ([TEXT], None, "text/plain"),
        ([HTML], None, "text/html"),
        ([TEXT, HTML], None, "multipart/alternative [text/plain, text/html]"),
        ([HTML, TEXT], None, "multipart/alternative [text/plain, text/html]"),
        (
            [TEXT, HTML, part("text/calendar", "BEGIN:VCALENDAR")],
            None,
            "multipart/mixed [text/plain, text/html, text/calendar]",
        ),
        ([TEXT, part("text/plain", "again")], None, "multipart/mixed [text/plain, text/plain]"),
        (
            [TEXT],
            [attachment(PDF, type="application/pdf", filename="a.pdf")],
            'multipart/mixed [text/plain, application/pdf "a.pdf"]',
        ),
        (
            [TEXT, HTML],
            [attachment(PDF, type="application/pdf", filename="a.pdf")],
            'multipart/mixed [multipart/alternative [text/plain, text/html], application/pdf "a.pdf"]',
        ),
        (
            [TEXT, HTML],
            [attachment(PNG, type="image/png", filename="logo.png", disposition="inline")],
            'multipart/mixed [multipart/related [multipart/alternative [text/plain, text/html], image/png "logo.png"]]',
        ),
        (
            [HTML],
            [
                attachment(PNG, type="image/png", filename="logo.png", disposition="inline"),
                attachment(PDF, type="application/pdf", filename="a.pdf"),
            ],
            'multipart/mixed [multipart/related [text/html, image/png "logo.png"], application/pdf "a.pdf"]',
        ),
        (
            [TEXT],
            [attachment(PNG, type="image/png", filename="logo.png", disposition="inline")],
            'multipart/mixed [text/plain, image/png "logo.png"]',
        ),
        (None, [attachment(PDF, filename="a.bin")], 'multipart/mixed [application/octet-stream "a.bin"]'),
        (None, None, "text/plain"),
    ],
    ids=[
        "text", "html", "alternative", "alternative-any-order", "three-parts-mixed", "two-texts-mixed",
        "text-attachment", "alternative-attachment", "inline-image-related", "html-inline-and-file",
        "inline-without-html", "attachment-only", "no-body",
    ],
)  # fmt: skip
def test_structure(smtp_sandbox, parts, attachments, expected):
    assert outline(smtp_sandbox, parts=parts, attachments=attachments) == expected


def test_alternative_and_related_carry_their_parameters(smtp_sandbox):
    msg = sent(
        smtp_sandbox,
        parts=[TEXT, HTML],
        attachments=[attachment(PNG, type="image/png", filename="logo.png", disposition="inline")],
    )
    related = next(msg.iter_parts())
    assert related.get_content_type() == "multipart/related"
    assert related.get_param("type") == "multipart/alternative"
    assert msg["MIME-Version"] == "1.0"


def test_attachments_arrive_byte_for_byte(smtp_sandbox):
    msg = sent(
        smtp_sandbox, parts=[TEXT], attachments=[attachment(PDF, type="application/pdf", filename="report 2026.pdf")]
    )
    (pdf,) = list(msg.iter_attachments())
    assert pdf.get_content() == PDF
    assert pdf.get_filename() == "report 2026.pdf"
    assert pdf.get_content_disposition() == "attachment"
    assert pdf["Content-Transfer-Encoding"] == "base64"


def test_inline_images_get_a_content_id_from_cid_or_filename(smtp_sandbox):
    msg = sent(
        smtp_sandbox,
        parts=[HTML],
        attachments=[
            attachment(PNG, type="image/png", filename="logo.png", disposition="inline"),
            attachment(PNG, type="image/png", filename="x.png", disposition="inline", cid="banner@shop"),
            attachment(PNG, type="image/png", filename="y.png", disposition="inline", cid="<footer>"),
        ],
    )
    related = next(msg.iter_parts())
    html, *images = related.iter_parts()
    assert html.get_content_type() == "text/html"
    assert [image["Content-ID"] for image in images] == ["<logo.png>", "<banner@shop>", "<footer>"]
    assert all(image.get_content_disposition() == "inline" for image in images)
    assert images[0].get_content() == PNG


def test_custom_headers(smtp_sandbox):
    msg = sent(
        smtp_sandbox,
        custom_headers={
            "X-Campaign": "spring",
            "X-Tag": ["a", "b"],
            "List-Unsubscribe": "<mailto:u@example.com>",
            "Subject": "Replaced",
            "X-Note": "Grüße",
        },
    )
    assert msg["X-Campaign"] == "spring"
    assert msg.get_all("X-Tag") == ["a", "b"]
    assert msg["List-Unsubscribe"] == "<mailto:u@example.com>"
    assert msg.get_all("Subject") == ["Replaced"]
    assert msg["X-Note"] == "Grüße"
    (stored,) = smtp_sandbox.messages
    assert stored.subject == "Replaced"


def test_address_headers_and_envelope(smtp_sandbox):
    rcpt = smtp.V4MessagesRecipientsTo
    msg_id = smtp_sandbox.api.v4_messages_post(
        make_message(
            channel=smtp_sandbox.channel,
            recipients=smtp.V4MessagesRecipients(
                to=[
                    rcpt(name="Jane Doe", address="jane@example.com"),
                    rcpt(name="Doe, John", address="john@example.com"),
                ],
                cc=[rcpt(name="Jörg", address="joerg@example.com")],
                bcc=[rcpt(address="secret@example.com")],
            ),
            originator=smtp.V4MessagesOriginator(
                _from=rcpt(name="Shop", address="shop@example.com"), reply_to=rcpt(address="help@example.com")
            ),
        )
    ).data.msg_id
    stored = smtp_sandbox.sandbox.message(msg_id)
    msg = stored.message
    assert stored.mail_from == "shop@example.com"
    assert stored.recipients == ["jane@example.com", "john@example.com", "joerg@example.com", "secret@example.com"]
    assert [a.display_name for a in msg["To"].addresses] == ["Jane Doe", "Doe, John"]
    assert msg["Cc"].addresses[0].display_name == "Jörg"
    assert msg["From"].addresses[0].addr_spec == "shop@example.com"
    assert msg["Reply-To"] == "help@example.com"
    assert msg["Bcc"] is None and b"secret@example.com" not in stored.raw
    assert msg["Date"] and msg["Message-ID"] == f"<{msg_id}@sandbox.smtp.invalid>"


def test_reply_to_only_becomes_the_from_header(smtp_sandbox):
    originator = smtp.V4MessagesOriginator(reply_to=smtp.V4MessagesRecipientsTo(address="help@example.com"))
    msg = sent(smtp_sandbox, originator=originator)
    assert msg["From"] == "help@example.com"
    assert smtp_sandbox.messages[0].mail_from == "help@example.com"


def test_bulk_list_recipients_are_undisclosed(smtp_sandbox):
    rcpt = smtp.V4MessagesRecipientsTo
    msg = sent(
        smtp_sandbox,
        recipients=smtp.V4MessagesRecipients(bulk_list=[rcpt(address="a@example.com"), rcpt(address="b@example.com")]),
    )
    assert msg["To"] == "undisclosed-recipients:;"
    assert smtp_sandbox.messages[0].recipients == ["a@example.com", "b@example.com"]


def test_non_ascii_addresses_use_smtputf8(smtp_sandbox):
    msg = sent(
        smtp_sandbox,
        recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(name="Jörg", address="jörg@exämple.com")]),
    )
    assert msg["To"].addresses[0].addr_spec == "jörg@exämple.com"
    assert "jörg@exämple.com".encode() in smtp_sandbox.messages[0].raw


def test_non_ascii_subject_is_rfc_2047_encoded(smtp_sandbox):
    subject = "Grüße aus Köln – 10 % Rabatt auf alles, was Sie im Frühling bestellen, nur diese Woche"
    msg = sent(smtp_sandbox, subject=subject)
    raw = smtp_sandbox.messages[0].raw
    assert b"=?utf-8?" in raw
    assert all(len(line) <= 78 for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"))
    assert raw.split(b"\r\n\r\n", 1)[0].isascii()
    assert msg["Subject"] == subject


def test_a_multiline_subject_is_unfolded_and_cannot_inject_headers(smtp_sandbox):
    msg = sent(smtp_sandbox, subject="Hello\r\nBcc: evil@example.net\n\tand more\rend")
    assert msg["Subject"] == "Hello Bcc: evil@example.net and more end"
    assert msg["Bcc"] is None
    raw = smtp_sandbox.messages[0].raw
    assert not any(line.lower().startswith(b"bcc:") for line in raw.split(b"\r\n"))
    assert unfold("  a \n\n b ") == "a b"


@pytest.mark.parametrize("encoding", ["7bit", "8bit", "binary", "quoted-printable", "base64", None])
def test_parts_use_the_requested_transfer_encoding(smtp_sandbox, encoding):
    content = "Hello Jane" if encoding == "7bit" else "Grüße, Jane – €5"
    msg = sent(smtp_sandbox, parts=[part("text/plain", content, encoding=encoding)])
    assert msg["Content-Transfer-Encoding"] == {None: "base64", "binary": "8bit"}.get(encoding, encoding)
    assert msg.get_content().rstrip("\r\n") == content


def test_charsets(smtp_sandbox):
    msg = sent(smtp_sandbox, parts=[part("text/plain", "Grüße", charset="iso-8859-1", encoding="quoted-printable")])
    assert msg.get_content_charset() == "iso-8859-1"
    assert b"Gr=FC=DFe" in smtp_sandbox.messages[0].raw
    assert msg.get_content().rstrip() == "Grüße"


def test_part_type_parameters_are_kept(smtp_sandbox):
    msg = sent(smtp_sandbox, parts=[part("text/plain; format=flowed", "Hi")])
    assert msg.get_param("format") == "flowed"
    assert msg.get_content_charset() == "utf-8"


def test_a_non_text_part_is_encoded_from_its_text(smtp_sandbox):
    msg = sent(smtp_sandbox, parts=[part("application/json", '{"a": "ü"}')])
    assert msg.get_content_type() == "application/json"
    assert msg.get_content() == '{"a": "ü"}'.encode()


def test_a_message_just_under_10_mb_is_accepted(smtp_sandbox):
    data = b"\0" * 7_500_000
    msg = sent(smtp_sandbox, parts=[TEXT], attachments=[attachment(data, filename="big.bin")])
    assert len(smtp_sandbox.messages[0].raw) > 9_000_000
    assert list(msg.iter_attachments())[0].get_content() == data


def test_prepared_mime_is_stored_exactly_as_given(smtp_sandbox):
    mime = (
        "From: Shop <shop@example.com>\nTo: jane@example.com\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n\n"
        "Body with ü and a bare LF line ending\n"
    )
    reply = smtp_sandbox.api.v4_messages_mime_post(make_mime(mime=mime, channel=smtp_sandbox.channel))
    stored = smtp_sandbox.sandbox.message(reply.data.msg_id)
    assert stored.raw == mime.encode("utf-8")
    assert stored.source == "mime"
    assert stored.subject == "Grüße"
    assert stored.recipients == ["jane@example.com"]
    assert stored.mail_from == "shop@example.com"
    assert stored.message["To"] == "jane@example.com"
