"""Every part of a Django message, sent by ``smtp.django.EmailBackend`` to a sandbox and
checked in the MIME the sandbox stored."""

from __future__ import annotations

import json
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils.translation import gettext_lazy

from smtp.django.payload import build_request, mime_reasons

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _send(*messages: EmailMessage) -> int:
    with mail.get_connection() as connection:
        return connection.send_messages(list(messages))


def _one(sandbox):
    (stored,) = sandbox.messages
    return stored


def _addresses(message, header: str) -> list[tuple[str, str]]:
    return [(a.display_name, a.addr_spec) for a in message[header].addresses]


def _files(message) -> list:
    return [part for part in message.walk() if part.get_filename() or part.get("Content-ID")]


def test_sender_recipients_and_bcc_stay_out_of_the_headers(django_sandbox):
    message = EmailMessage(
        "Hello",
        "Hi!",
        "Zoë Shop <shop@example.com>",
        ["Jane Doe <jane@example.com>", "joe@example.com"],
        cc=["Ann <ann@example.com>"],
        bcc=["secret@example.com"],
    )
    assert _send(message) == 1
    stored = _one(django_sandbox)
    assert stored.source == "json"
    assert stored.mail_from == "shop@example.com"
    assert stored.recipients == ["jane@example.com", "joe@example.com", "ann@example.com", "secret@example.com"]
    assert _addresses(stored.message, "From") == [("Zoë Shop", "shop@example.com")]
    assert _addresses(stored.message, "To") == [("Jane Doe", "jane@example.com"), ("", "joe@example.com")]
    assert _addresses(stored.message, "Cc") == [("Ann", "ann@example.com")]
    assert "Bcc" not in stored.message
    assert b"secret@example.com" not in stored.raw
    assert message.smtpcom_msg_id == stored.msg_id


def test_subject_text_and_html_with_non_ascii(django_sandbox):
    message = EmailMultiAlternatives("Ünïcode ✓ subject", "Plain – text", to=["jane@example.com"])
    message.attach_alternative("<p>HTML – ✓</p>", "text/html")
    _send(message)
    stored = _one(django_sandbox).message
    assert stored["Subject"] == "Ünïcode ✓ subject"
    assert stored.get_content_type() == "multipart/alternative"
    assert stored.get_body(("plain",)).get_content().strip() == "Plain – text"
    assert stored.get_body(("html",)).get_content().strip() == "<p>HTML – ✓</p>"
    assert _addresses(stored, "From") == [("Shop", "shop@example.com")]  # DEFAULT_FROM_EMAIL


def test_html_only_body(django_sandbox):
    message = EmailMessage("Hi", "<b>bold</b>", to=["jane@example.com"])
    message.content_subtype = "html"
    _send(message)
    stored = _one(django_sandbox).message
    assert stored.get_content_type() == "text/html"
    assert stored.get_content().strip() == "<b>bold</b>"


def test_one_reply_to_travels_as_json(django_sandbox):
    _send(EmailMessage("Hi", "x", to=["jane@example.com"], reply_to=["Help Desk <help@example.com>"]))
    stored = _one(django_sandbox)
    assert stored.source == "json"
    assert _addresses(stored.message, "Reply-To") == [("Help Desk", "help@example.com")]


def test_several_reply_to_use_the_header_through_mime_and_bcc_is_stripped(django_sandbox):
    message = EmailMessage(
        "Hi",
        "x",
        "shop@example.com",
        to=["jane@example.com"],
        bcc=["secret@example.com"],
        reply_to=["a@example.com", "Bé <b@example.com>"],
    )
    assert mime_reasons(message)
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "mime"
    assert stored.recipients == ["jane@example.com", "secret@example.com"]
    assert stored.mail_from == "shop@example.com"
    assert _addresses(stored.message, "Reply-To") == [("", "a@example.com"), ("Bé", "b@example.com")]
    assert "Bcc" not in stored.message and b"secret@example.com" not in stored.raw
    assert message.smtpcom_msg_id == stored.msg_id


def test_attachments_as_tuples_and_files(django_sandbox, tmp_path):
    report = tmp_path / "rapport été.pdf"
    report.write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    notes = tmp_path / "notes.txt"
    notes.write_text("naïve notes\n", encoding="utf-8")
    message = EmailMessage("Files", "See attached.", to=["jane@example.com"])
    message.attach("data.bin", PNG, "application/octet-stream")
    message.attach("résumé.txt", "Text attachment – ✓", "text/plain")
    message.attach_file(str(report))
    message.attach_file(str(notes))
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "json"
    files = {part.get_filename(): part for part in _files(stored.message)}
    assert set(files) == {"data.bin", "résumé.txt", "rapport été.pdf", "notes.txt"}
    assert files["data.bin"].get_payload(decode=True) == PNG
    assert files["data.bin"].get_content_type() == "application/octet-stream"
    assert files["résumé.txt"].get_content().strip() == "Text attachment – ✓"
    assert files["rapport été.pdf"].get_content_type() == "application/pdf"
    assert files["rapport été.pdf"].get_payload(decode=True) == report.read_bytes()
    assert files["notes.txt"].get_payload(decode=True) == b"na\xc3\xafve notes\n"
    assert all(part.get_content_disposition() == "attachment" for part in files.values())


def test_mimebase_attachment(django_sandbox):
    message = EmailMessage("Hi", "x", to=["jane@example.com"])
    part = MIMEApplication(b"\x00\x01binary\xff", "octet-stream")
    part.add_header("Content-Disposition", "attachment", filename="blob.dat")
    message.attach(part)
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "json"
    (found,) = _files(stored.message)
    assert found.get_filename() == "blob.dat"
    assert found.get_payload(decode=True) == b"\x00\x01binary\xff"


def test_inline_image_with_content_id_is_shown_by_the_html(django_sandbox):
    message = EmailMultiAlternatives("Logo", "Our logo", to=["jane@example.com"])
    message.attach_alternative('<p><img src="cid:logo@shop"></p>', "text/html")
    image = MIMEImage(PNG, "png")
    image.add_header("Content-ID", "<logo@shop>")
    image.add_header("Content-Disposition", "inline", filename="logo.png")
    message.attach(image)
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "json"
    related = next(p for p in stored.message.walk() if p.get_content_type() == "multipart/related")
    html, picture = related.get_payload()
    assert html.get_content_type() == "multipart/alternative"
    assert picture["Content-ID"] == "<logo@shop>"
    assert picture.get_content_disposition() == "inline"
    assert picture.get_payload(decode=True) == PNG


def test_extra_headers(django_sandbox):
    message = EmailMessage(
        "Hi", "x", to=["jane@example.com"], headers={"X-Order": "1042", "List-Unsubscribe": "<mailto:u@example.com>"}
    )
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "json"
    assert stored.message["X-Order"] == "1042"
    assert stored.message["List-Unsubscribe"] == "<mailto:u@example.com>"


def test_an_address_header_in_extra_headers_is_kept_through_mime(django_sandbox):
    message = EmailMessage(
        "Hi", "x", "shop@example.com", to=["jane@example.com"], headers={"To": "Everyone <list@x.example>"}
    )
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "mime"
    assert stored.recipients == ["jane@example.com"]  # the envelope is the message's, as Django sends it
    assert _addresses(stored.message, "To") == [("Everyone", "list@x.example")]


def test_message_encoding(django_sandbox):
    message = EmailMultiAlternatives("Café", "Crème brûlée", to=["jane@example.com"])
    message.attach_alternative("<p>Crème brûlée</p>", "text/html")
    message.encoding = "iso-8859-1"
    _send(message)
    stored = _one(django_sandbox).message
    plain, html = stored.get_body(("plain",)), stored.get_body(("html",))
    assert plain.get_content_charset() == "iso-8859-1"
    assert plain.get_payload(decode=True).strip() == "Crème brûlée".encode("iso-8859-1")
    assert html.get_content_charset() == "iso-8859-1"
    assert stored["Subject"] == "Café"


def test_lazy_translated_strings(django_sandbox):
    message = EmailMultiAlternatives(
        gettext_lazy("Lazy subject"),
        gettext_lazy("Lazy body"),
        to=[gettext_lazy("jane@example.com")],
        headers={"X-Lazy": gettext_lazy("yes")},
    )
    message.attach_alternative(gettext_lazy("<p>Lazy</p>"), "text/html")
    _send(message)
    stored = _one(django_sandbox).message
    assert stored["Subject"] == "Lazy subject"
    assert stored["X-Lazy"] == "yes"
    assert stored.get_body(("html",)).get_content().strip() == "<p>Lazy</p>"


def test_a_custom_mime_structure_is_sent_whole(django_sandbox):
    message = EmailMessage("Nested", "Outer body", to=["jane@example.com"])
    nested = MIMEMultipart("mixed")
    nested.attach(MIMEText("inner text", "plain"))
    inner = MIMEApplication(PNG, "octet-stream")
    inner.add_header("Content-Disposition", "attachment", filename="inner.bin")
    nested.attach(inner)
    message.attach(nested)
    assert mime_reasons(message)
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "mime"
    types = [part.get_content_type() for part in stored.message.walk()]
    assert types.count("multipart/mixed") == 2
    assert any(p.get_filename() == "inner.bin" and p.get_payload(decode=True) == PNG for p in stored.message.walk())
    assert any(p.get_content_type() == "text/plain" and "inner text" in p.get_content() for p in stored.message.walk())


def test_a_non_html_alternative_is_sent_through_mime(django_sandbox):
    message = EmailMultiAlternatives("Meeting", "See the invitation", to=["jane@example.com"])
    message.attach_alternative("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "mime"
    assert stored.message.get_content_type() == "multipart/alternative"
    calendar = stored.message.get_body(("calendar",)) or next(
        p for p in stored.message.walk() if p.get_content_type() == "text/calendar"
    )
    assert "BEGIN:VCALENDAR" in calendar.get_content()


def test_metadata_becomes_unique_args(django_sandbox):
    message = EmailMessage("Hi", "x", to=["jane@example.com"])
    message.metadata = {"user_id": "123", "order": 42}
    _send(message)
    stored = _one(django_sandbox)
    assert json.loads(stored.message["X-SMTPAPI"]) == {"unique_args": {"user_id": "123", "order": 42}}
    page = django_sandbox.api.v4_messages_get(start=0, limit=10, offset=0, channel="sandbox")
    assert page.data.items[0].smtp_vars == {"user_id": "123", "order": 42}


def test_metadata_merges_into_an_x_smtpapi_header_also_through_mime(django_sandbox):
    header = json.dumps({"unique_args": {"campaign": "spring"}, "category": "promo"})
    message = EmailMessage("Hi", "x", to=["jane@example.com"], reply_to=["a@example.com", "b@example.com"])
    message.extra_headers["X-SMTPAPI"] = header
    message.metadata = {"user_id": "7"}
    _send(message)
    stored = _one(django_sandbox)
    assert stored.source == "mime"
    assert stored.message.get_all("X-SMTPAPI") is not None and len(stored.message.get_all("X-SMTPAPI")) == 1
    assert json.loads(stored.message["X-SMTPAPI"]) == {
        "unique_args": {"campaign": "spring", "user_id": "7"},
        "category": "promo",
    }


def test_message_channel_overrides_the_setting(django_sandbox):
    first, second = EmailMessage("1", "x", to=["a@example.com"]), EmailMessage("2", "x", to=["b@example.com"])
    second.channel = "transactional"
    assert _send(first, second) == 2
    assert [m.channel for m in django_sandbox.messages] == ["sandbox", "transactional"]
    assert [first.smtpcom_msg_id, second.smtpcom_msg_id] == [m.msg_id for m in django_sandbox.messages]


def test_a_message_without_recipients_is_skipped(django_sandbox):
    message = EmailMessage("Hi", "x")
    assert _send(message) == 0
    assert message.smtpcom_msg_id is None
    assert django_sandbox.messages == []


def test_the_json_request_carries_what_the_message_holds():
    message = EmailMultiAlternatives(
        "S", "t", "Shop <shop@example.com>", ["jane@example.com"], cc=["c@example.com"], reply_to=["r@example.com"]
    )
    message.attach_alternative("<p>h</p>", "text/html")
    request = build_request(message, "main")
    assert request.channel == "main"
    assert (request.originator._from.name, request.originator._from.address) == ("Shop", "shop@example.com")
    assert [p.type for p in request.body.parts] == ["text/plain", "text/html"]
    assert request.originator.reply_to.address == "r@example.com"
    assert [r.address for r in request.recipients.cc] == ["c@example.com"]


@pytest.mark.parametrize("kind", ["message/rfc822", "multipart/mixed"])
def test_attachment_types_the_json_api_cannot_hold_are_reasons_for_mime(kind):
    message = EmailMessage("S", "t", to=["jane@example.com"])
    message.attachments.append(("x.eml", "Subject: x\n\nbody", kind))
    assert mime_reasons(message)


def test_text_the_encoding_cannot_hold_is_an_api_value_error(django_sandbox):
    import smtp

    message = EmailMessage("Hi", "x", to=["jane@example.com"])
    message.encoding = "ascii"
    message.attach("note.txt", "naïve", "text/plain")
    with pytest.raises(smtp.ApiValueError, match="cannot be encoded"):
        _send(message)
    assert django_sandbox.messages == []
