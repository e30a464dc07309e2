"""smtp.mail: requests built from plain arguments and from email.message objects.

The first part checks the models that are built; the second sends them to the sandbox and
checks what arrives there (envelope, headers, attachments).
"""

from __future__ import annotations

import base64
import io
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.message import EmailMessage

import pytest

import smtp
from smtp.mail import address, addresses, attachment, build_message, build_mime

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
PDF = b"%PDF-1.4 binary \x00\xff\xfe tail"


def pairs(found):
    return [(a.name, a.address) for a in found]


# --------------------------------------------------------------------------------------
# addresses
# --------------------------------------------------------------------------------------
def test_every_way_of_writing_an_address():
    model = smtp.V4MessagesRecipientsTo(name="Model", address="model@example.com")
    found = addresses(
        [
            "plain@example.com",
            "Jane Doe <jane@example.com>",
            '"Doe, John" <john@example.com>',
            ("Tuple Name", "tuple@example.com"),
            model,
            Address("Héloïse", "heloise", "example.com"),
            "=?utf-8?q?Zo=C3=AB?= <zoe@example.com>",
        ],
        "to",
    )
    assert pairs(found) == [
        (None, "plain@example.com"),
        ("Jane Doe", "jane@example.com"),
        ("Doe, John", "john@example.com"),
        ("Tuple Name", "tuple@example.com"),
        ("Model", "model@example.com"),
        ("Héloïse", "heloise@example.com"),
        ("Zoë", "zoe@example.com"),
    ]
    assert found[4] is model


def test_one_string_may_hold_several_addresses_and_one_value_is_not_a_list():
    assert pairs(addresses("a@example.com, Bee <b@example.com>")) == [(None, "a@example.com"), ("Bee", "b@example.com")]
    assert pairs(addresses(("Jane", "jane@example.com"))) == [("Jane", "jane@example.com")]
    assert addresses(None) is None and addresses([]) is None


def test_a_bad_address_names_the_argument_and_position():
    with pytest.raises(smtp.ApiValueError) as caught:
        addresses(["ok@example.com", "not an address"], "cc")
    assert list(caught.value.errors) == ["cc[1]"]
    assert "not an address" in str(caught.value)
    with pytest.raises(smtp.ApiValueError):
        addresses(42, "to")  # type: ignore[arg-type]


def test_a_tuple_of_two_addresses_is_refused_rather_than_read_as_a_name():
    with pytest.raises(smtp.ApiValueError, match="pass a list"):
        addresses(("a@example.com", "b@example.com"), "to")


def test_address_takes_exactly_one():
    assert address("Shop <shop@example.com>").name == "Shop"
    assert address(None) is None
    with pytest.raises(smtp.ApiValueError, match="one address"):
        address("a@example.com, b@example.com", "sender")


# --------------------------------------------------------------------------------------
# attachments
# --------------------------------------------------------------------------------------
def decoded(att):
    return base64.b64decode(att.content)


def test_attachment_from_a_path_guesses_the_type(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(PDF)
    for source in (path, str(path)):
        att = attachment(source)
        assert (att.filename, att.type, att.disposition, att.cid) == (
            "report.pdf",
            "application/pdf",
            "attachment",
            None,
        )
        assert decoded(att) == PDF


def test_attachment_from_bytes_a_file_object_and_tuples(tmp_path):
    assert (attachment(PDF).filename, attachment(PDF).type) == (None, "application/octet-stream")
    assert decoded(attachment(PDF, filename="x.pdf")) == PDF
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)
    with open(path, "rb") as f:
        att = attachment(f)
    assert (att.filename, att.type, decoded(att)) == ("logo.png", "image/png", PNG)
    att = attachment(io.BytesIO(b"abc"), filename="notes.txt")
    assert (att.filename, att.type, decoded(att)) == ("notes.txt", "text/plain", b"abc")
    assert attachment(("data.csv", b"a,b\n")).type == "text/csv"
    assert attachment(("blob", b"x", "application/x-custom")).type == "application/x-custom"
    assert attachment(("weird.unknownext", b"x")).type == "application/octet-stream"


def test_inline_attachment_gets_a_content_id():
    att = attachment(("logo.png", PNG), inline=True)
    assert (att.disposition, att.cid) == ("inline", "logo.png")
    att = attachment(("logo.png", PNG), cid="brand")
    assert (att.disposition, att.cid) == ("inline", "brand")


def test_a_missing_file_raises_api_value_error_naming_the_attachment(tmp_path):
    with pytest.raises(smtp.ApiValueError, match="attachments: cannot read the file .*missing.pdf"):
        attachment(tmp_path / "missing.pdf")
    with pytest.raises(smtp.ApiValueError):
        attachment(("only-a-name",))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# build_message
# --------------------------------------------------------------------------------------
def test_build_message_is_an_ordinary_valid_inline_object():
    msg = build_message(
        "main",
        "Shop <shop@example.com>",
        ["Jane <jane@example.com>"],
        "Your order",
        text="Plain",
        html="<p>HTML <img src='cid:logo'></p>",
        cc="cc@example.com",
        bcc=[("Hidden", "hidden@example.com")],
        reply_to="help@example.com",
        headers=[("X-Tag", "a"), ("X-Tag", "b"), ("X-One", "1")],
        attachments=[("invoice.pdf", PDF)],
        inline={"logo": ("logo.png", PNG)},
    )
    assert isinstance(msg, smtp.InlineObject)
    assert msg.validate() == {}
    assert [p.type for p in msg.body.parts] == ["text/plain", "text/html"]
    assert msg.custom_headers == {"X-Tag": ["a", "b"], "X-One": "1"}
    assert msg.originator.reply_to.address == "help@example.com"
    assert [(a.filename, a.disposition, a.cid) for a in msg.body.attachments] == [
        ("invoice.pdf", "attachment", None),
        ("logo.png", "inline", "logo"),
    ]


def test_build_message_accepts_one_attachment_and_from_as_another_name():
    msg = build_message("main", to="a@example.com", from_="b@example.com", attachments=("a.txt", b"x"))
    assert msg.originator._from.address == "b@example.com"
    assert len(msg.body.attachments) == 1 and msg.body.parts is None
    with pytest.raises(smtp.ApiValueError, match="not both"):
        build_message("main", "a@example.com", "b@example.com", from_="c@example.com")


def test_core_validation_still_applies_when_sending(api, server):
    with pytest.raises(smtp.ApiValueError, match="bulk_list"):
        api.v4_messages_post(build_message("main", "a@example.com", "b@example.com", bulk_list=["c@example.com"]))
    assert server.requests == []


# --------------------------------------------------------------------------------------
# build_mime
# --------------------------------------------------------------------------------------
def international_message() -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Zoë Café <zoe@example.com>"
    msg["To"] = 'Jürgen Groß <juergen@example.com>, "Doe, Jane" <jane@example.com>'
    msg["Cc"] = "Ødegaard <ode@example.com>"
    msg["Bcc"] = "Secret Ünder <secret@example.com>, jane@example.com"
    msg["Reply-To"] = "Support <help@example.com>"
    msg["Subject"] = "Grüße aus Köln"
    msg.set_content("Hallo, schöne Grüße!")
    return msg


def test_build_mime_takes_the_envelope_from_the_headers_and_drops_bcc():
    msg = international_message()
    before = bytes(msg)
    req = build_mime(msg, "main")
    assert bytes(msg) == before, "the caller's message is not modified"
    assert req.validate() == {}
    assert pairs(req.recipients.to) == [("Jürgen Groß", "juergen@example.com"), ("Doe, Jane", "jane@example.com")]
    assert pairs(req.recipients.cc) == [("Ødegaard", "ode@example.com")]
    assert pairs(req.recipients.bcc) == [("Secret Ünder", "secret@example.com")]  # jane is already in To
    assert (req.originator._from.name, req.originator._from.address) == ("Zoë Café", "zoe@example.com")
    assert req.originator.reply_to.address == "help@example.com"
    sent = message_from_bytes(req.mime.encode("utf-8"), policy=policy.default)
    assert sent["Bcc"] is None
    assert "secret@example.com" not in req.mime
    assert str(sent["Subject"]) == "Grüße aus Köln"
    assert sent.get_content().strip() == "Hallo, schöne Grüße!"
    head = req.mime.split("\r\n\r\n", 1)[0]
    assert head.isascii(), "non-ASCII headers are RFC 2047-encoded"


def test_build_mime_from_bytes_str_and_compat32_messages_keeps_every_other_byte():
    raw = (
        b"From: =?utf-8?q?Zo=C3=AB?= <zoe@example.com>\r\n"
        b"To: =?utf-8?q?J=C3=BCrgen?= <juergen@example.com>\r\n"
        b"Bcc: hidden@example.com,\r\n"
        b"  other@example.com\r\n"
        b"Subject: hi\r\n"
        b"\r\n"
        b"Bcc: this line is body text\r\n"
    )
    for source in (raw, raw.decode("ascii"), message_from_bytes(raw)):
        req = build_mime(source, "main")
        assert pairs(req.recipients.to) == [("Jürgen", "juergen@example.com")]
        assert [a.address for a in req.recipients.bcc] == ["hidden@example.com", "other@example.com"]
        assert req.originator._from.name == "Zoë"
        assert "hidden@example.com" not in req.mime and "other@example.com" not in req.mime
        assert req.mime.endswith("Subject: hi\r\n\r\nBcc: this line is body text\r\n")


def test_explicit_envelope_wins_over_the_headers():
    req = build_mime(international_message(), "main", sender="bounce@example.com", to=["only@example.com"])
    assert pairs(req.recipients.to) == [(None, "only@example.com")]
    assert req.recipients.cc is None and req.recipients.bcc is None
    assert req.originator._from.address == "bounce@example.com" and req.originator.reply_to is None


def test_build_mime_says_what_is_missing():
    with pytest.raises(smtp.ApiValueError, match="no To, Cc or Bcc"):
        build_mime(b"From: a@example.com\r\n\r\nbody", "main")
    with pytest.raises(smtp.ApiValueError, match="no From"):
        build_mime(b"To: a@example.com\r\n\r\nbody", "main")
    with pytest.raises(smtp.ApiValueError, match="not UTF-8"):
        build_mime(b"From: a@example.com\r\nTo: b@example.com\r\n\r\ncaf\xe9", "main")
    with pytest.raises(smtp.ApiValueError):
        build_mime(12, "main")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# what arrives at the sandbox
# --------------------------------------------------------------------------------------
def only_message(sandbox):
    stored = sandbox.messages
    assert len(stored) == 1
    return stored[0]


def test_each_way_of_giving_recipients_arrives(smtp_sandbox):
    msg = build_message(
        smtp_sandbox.channel,
        ("Shop", "shop@example.com"),
        ["plain@example.com", "Jane Doe <jane@example.com>", ("Tuple", "tuple@example.com")],
        "Recipients",
        text="hi",
        cc=smtp.V4MessagesRecipientsTo(name="Model", address="model@example.com"),
        bcc=Address("Hidden", "hidden", "example.com"),
    )
    smtp_sandbox.api.v4_messages_post(msg)
    stored = only_message(smtp_sandbox)
    assert sorted(stored.recipients) == sorted(
        ["plain@example.com", "jane@example.com", "tuple@example.com", "model@example.com", "hidden@example.com"]
    )
    assert stored.mail_from == "shop@example.com"
    to = stored.message["To"]
    assert [a.addr_spec for a in to.addresses] == ["plain@example.com", "jane@example.com", "tuple@example.com"]
    assert [a.display_name for a in to.addresses][1:] == ["Jane Doe", "Tuple"]
    assert stored.message["Cc"].addresses[0].display_name == "Model"
    assert stored.message["Bcc"] is None
    assert str(stored.message["From"]) == "Shop <shop@example.com>"


def test_each_way_of_giving_attachments_arrives(smtp_sandbox, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(PDF)
    notes = tmp_path / "notes.txt"
    notes.write_bytes("zwölf\n".encode())
    with open(notes, "rb") as f:
        msg = build_message(
            smtp_sandbox.channel,
            "shop@example.com",
            "jane@example.com",
            "Files",
            text="see attached",
            html='<p><img src="cid:logo"></p>',
            attachments=[
                path,
                str(path),
                f,
                ("data.csv", b"a,b\n1,2\n"),
                ("blob.bin", b"\x00\x01", "application/x-custom"),
                b"raw bytes",
            ],
            inline={"logo": ("logo.png", PNG)},
        )
    smtp_sandbox.api.v4_messages_post(msg)
    stored = only_message(smtp_sandbox).message
    files = [(p.get_filename(), p.get_content_type(), p.get_payload(decode=True)) for p in stored.iter_attachments()]
    assert ("report.pdf", "application/pdf", PDF) in files
    assert files.count(("report.pdf", "application/pdf", PDF)) == 2
    assert ("notes.txt", "text/plain", "zwölf\n".encode()) in files
    assert ("data.csv", "text/csv", b"a,b\n1,2\n") in files
    assert ("blob.bin", "application/x-custom", b"\x00\x01") in files
    assert any(payload == b"raw bytes" for _, _, payload in files)
    images = [p for p in stored.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1
    assert images[0]["Content-ID"].strip("<>") == "logo"
    assert images[0].get_payload(decode=True) == PNG
    bodies = {
        p.get_content_type(): p.get_content()
        for p in stored.walk()
        if p.get_content_maintype() == "text" and not p.get_filename()
    }
    assert bodies["text/plain"].strip() == "see attached"
    assert "cid:logo" in bodies["text/html"]


def test_email_message_with_bcc_and_international_names_arrives_with_the_right_envelope(smtp_sandbox):
    smtp_sandbox.api.v4_messages_mime_post(build_mime(international_message(), smtp_sandbox.channel))
    stored = only_message(smtp_sandbox)
    assert sorted(stored.recipients) == sorted(
        ["juergen@example.com", "jane@example.com", "ode@example.com", "secret@example.com"]
    )
    assert stored.mail_from == "zoe@example.com"
    assert stored.message["Bcc"] is None
    assert b"secret@example.com" not in stored.raw
    assert [a.display_name for a in stored.message["To"].addresses] == ["Jürgen Groß", "Doe, Jane"]
    assert stored.message["From"].addresses[0].display_name == "Zoë Café"
    assert str(stored.message["Subject"]) == "Grüße aus Köln"
