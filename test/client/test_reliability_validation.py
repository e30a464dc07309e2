"""Input validation happens before anything is sent, each error names its field, and
``client_side_validation=False`` lets the request through to the server's own checks."""

from __future__ import annotations

import base64

import pytest
from support.payloads import make_message, make_mime
from support.servers import MisbehavingServer, messages_api, read_page

import smtp
from smtp import (
    V4MessagesBody as Body,
    V4MessagesBodyAttachments as Attachment,
    V4MessagesBodyParts as Part,
    V4MessagesOriginator as Originator,
    V4MessagesRecipients as Recipients,
    V4MessagesRecipientsTo as Address,
)
from smtp.validation import addr_spec_problem, base64_problem, header_name_problem

JANE = Address(address="jane@example.com")


def people(n: int) -> list[Address]:
    return [Address(address=f"r{i}@example.com") for i in range(n)]


# each case: the message, and the field the error must name
BAD_MESSAGES = {
    "channel missing": (make_message(channel=None), "channel"),
    "channel empty": (make_message(channel="  "), "channel"),
    "channel with CRLF": (make_message(channel="main\r\nX-Evil: 1"), "channel"),
    "recipients missing": (make_message(recipients=None), "recipients"),
    "no recipient list": (make_message(recipients=Recipients()), "recipients"),
    "only empty lists": (make_message(recipients=Recipients(to=[], cc=[])), "recipients"),
    "bulk_list mixed with to": (
        make_message(recipients=Recipients(to=[JANE], bulk_list=[JANE])),
        "recipients.bulk_list",
    ),
    "over 1000 recipients": (make_message(recipients=Recipients(to=people(600), bcc=people(401))), "recipients"),
    "recipients not a list": (make_message(recipients=Recipients(to=JANE)), "recipients.to"),
    "originator missing": (make_message(originator=None), "originator"),
    "originator with neither": (make_message(originator=Originator()), "originator"),
    "address missing": (make_message(recipients=Recipients(to=[Address(name="Jane")])), "recipients.to[0].address"),
    "address not an addr-spec": (
        make_message(recipients=Recipients(cc=[Address(address="jane at example.com")])),
        "recipients.cc[0].address",
    ),
    "address with two @": (
        make_message(recipients=Recipients(bcc=[Address(address="a@b@example.com")])),
        "recipients.bcc[0].address",
    ),
    "address with CRLF": (
        make_message(recipients=Recipients(to=[Address(address="jane@example.com\r\nBcc: x@evil.com")])),
        "recipients.to[0].address",
    ),
    "from not an addr-spec": (
        make_message(originator=Originator(_from=Address(address="shop@"))),
        "originator.from.address",
    ),
    "display name with LF": (
        make_message(recipients=Recipients(to=[Address(name="Jane\nBcc: x@evil.com", address="jane@example.com")])),
        "recipients.to[0].name",
    ),
    "display name with CR": (
        make_message(originator=Originator(reply_to=Address(name="Shop\r", address="s@example.com"))),
        "originator.reply_to.name",
    ),
    "header value with CRLF": (make_message(custom_headers={"X-Tag": "a\r\nBcc: x@evil.com"}), "custom_headers"),
    "header value list with LF": (make_message(custom_headers={"X-Tag": ["ok", "b\nc"]}), "custom_headers"),
    "header name with space": (make_message(custom_headers={"X Tag": "v"}), "custom_headers"),
    "header name with colon": (make_message(custom_headers={"X-Tag:": "v"}), "custom_headers"),
    "header name with CRLF": (make_message(custom_headers={"X-A\r\nBcc": "v"}), "custom_headers"),
    "header name not ASCII": (make_message(custom_headers={"X-Tág": "v"}), "custom_headers"),
    "header value not a string": (make_message(custom_headers={"X-Tag": 5}), "custom_headers"),
    "subject over 998": (make_message(subject="s" * 999), "subject"),
    "rfc822 part": (
        make_message(body=Body(parts=[Part(type="message/rfc822", content="From: a@b.c\r\n\r\nx")])),
        "body.parts[0].type",
    ),
    "rfc822 attachment": (
        make_message(body=Body(attachments=[Attachment(type="Message/RFC822; x=y", filename="a.eml", content="QUJD")])),
        "body.attachments[0].type",
    ),
    "attachment not base64": (
        make_message(body=Body(attachments=[Attachment(filename="a.bin", content="not base64!")])),
        "body.attachments[0].content",
    ),
    "charset with CRLF": (
        make_message(body=Body(parts=[Part(content="x", charset="utf-8\r\nBcc: x@evil.com")])),
        "body.parts[0].charset",
    ),
    "filename with CRLF": (
        make_message(body=Body(attachments=[Attachment(filename="a\r\n.txt", content="QUJD")])),
        "body.attachments[0].filename",
    ),
    "part of the wrong type": (make_message(body=Body(parts=["hello"])), "body.parts[0]"),
    "subject of the wrong type": (make_message(subject=5), "subject"),
}


@pytest.mark.parametrize("case", sorted(BAD_MESSAGES))
def test_a_bad_message_is_refused_before_sending_naming_the_field(case):
    message, field = BAD_MESSAGES[case]
    with MisbehavingServer() as server, messages_api(server.url) as api:
        with pytest.raises(smtp.ApiValueError) as caught:
            api.v4_messages_post(message)
        assert server.count == 0
    assert field in caught.value.errors, caught.value.errors
    assert field in str(caught.value)


@pytest.mark.parametrize(
    "case",
    ["channel missing", "over 1000 recipients", "header value with CRLF", "rfc822 part", "address not an addr-spec"],
)
def test_without_client_side_validation_the_server_gets_to_decide(case):
    message, _ = BAD_MESSAGES[case]
    with MisbehavingServer() as server, messages_api(server.url, client_side_validation=False) as api:
        api.v4_messages_post(message)
        assert server.count == 1
    sent = server.last.json
    assert sent == smtp.ApiClient().sanitize_for_serialization(message)


def test_a_body_over_10_mb_is_refused_before_sending_unless_validation_is_off():
    big = base64.b64encode(b"\0" * (8 * 1024 * 1024)).decode()  # about 10.7 MB once encoded
    message = make_message(body=Body(attachments=[Attachment(filename="big.bin", content=big)]))
    with MisbehavingServer() as server:
        with messages_api(server.url) as api, pytest.raises(smtp.ApiValueError) as caught:
            api.v4_messages_post(message)
        assert server.count == 0
        assert "inline_object" in caught.value.errors and "10 MB" in str(caught.value)
        with messages_api(server.url, client_side_validation=False) as api:
            api.v4_messages_post(message)
        assert server.count == 1


def test_the_mime_send_checks_its_envelope_too():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        for message, field in [
            (make_mime(mime=None), "mime"),
            (make_mime(channel=""), "channel"),
            (make_mime(recipients=smtp.V4MessagesMimeRecipients()), "recipients"),
            (make_mime(originator=Originator()), "originator"),
        ]:
            with pytest.raises(smtp.ApiValueError) as caught:
                api.v4_messages_mime_post(message)
            assert field in caught.value.errors
        with pytest.raises(smtp.ApiValueError):
            api.v4_messages_mime_post(None)
        assert server.count == 0


WRONG_ARGUMENTS = {
    "limit as text": ((1700000000, "abc", 0, "main"), {}, smtp.ApiTypeError),
    "limit as float": ((1700000000, 5.0, 0, "main"), {}, smtp.ApiTypeError),
    "limit as bool": ((1700000000, True, 0, "main"), {}, smtp.ApiTypeError),
    "limit too big": ((1700000000, 1001, 0, "main"), {}, smtp.ApiValueError),
    "limit zero": ((1700000000, 0, 0, "main"), {}, smtp.ApiValueError),
    "offset negative": ((1700000000, 10, -1, "main"), {}, smtp.ApiValueError),
    "channel not a string": ((1700000000, 10, 0, 42), {}, smtp.ApiTypeError),
    "channel empty": ((1700000000, 10, 0, ""), {}, smtp.ApiValueError),
    "start missing": ((None, 10, 0, "main"), {}, smtp.ApiValueError),
    "start a list": (([1], 10, 0, "main"), {}, smtp.ApiTypeError),
    "start not a date": (("yesterday", 10, 0, "main"), {}, smtp.ApiValueError),
    "event unknown": ((1700000000, 10, 0, "main"), {"event": "opened"}, smtp.ApiValueError),
    "event a number": ((1700000000, 10, 0, "main"), {"event": 3}, smtp.ApiTypeError),
    "unknown keyword": ((1700000000, 10, 0, "main"), {"colour": "red"}, smtp.ApiTypeError),
}


@pytest.mark.parametrize("case", sorted(WRONG_ARGUMENTS))
def test_wrong_parameters_are_sdk_errors_never_bare_type_errors(case):
    args, kwargs, error = WRONG_ARGUMENTS[case]
    with MisbehavingServer() as server, messages_api(server.url) as api:
        with pytest.raises(error) as caught:
            api.v4_messages_get(*args, **kwargs)
        assert server.count == 0
    assert isinstance(caught.value, smtp.ApiException)


def test_a_send_given_something_other_than_its_model_is_an_api_type_error():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        for wrong in ({"channel": "main"}, "message", make_mime()):
            with pytest.raises(smtp.ApiTypeError):
                api.v4_messages_post(wrong)
        assert server.count == 0


def test_without_client_side_validation_a_bad_parameter_reaches_the_server():
    with MisbehavingServer() as server, messages_api(server.url, client_side_validation=False) as api:
        read_page(api)  # sanity
        api.v4_messages_get(1700000000, "abc", -1, "main", event="opened")
        assert server.count == 2
    assert server.last.query["limit"] == ["abc"] and server.last.query["event"] == ["opened"]


def test_valid_inputs_pass_the_checks():
    assert (
        make_message(custom_headers={"X-Tag": ["a", "b"], "List-Unsubscribe": "<mailto:u@example.com>"}).validate()
        == {}
    )
    assert make_message(recipients=Recipients(bulk_list=people(1000))).validate() == {}
    for address in [
        "jane@example.com",
        '"jane doe"@example.com',
        "j.d+tag@sub.example.co",
        "user@[192.0.2.1]",
        "josé@exämple.com",
    ]:
        assert addr_spec_problem(address) is None, address
    assert header_name_problem("X-Custom_Header.1") is None
    assert base64_problem("QUJD\r\nREVG\r\n") is None and base64_problem("QQ==\n") is None


def test_checking_a_long_run_of_whitespace_takes_linear_time():
    # with the old pattern this input took minutes (quadratic backtracking)
    assert base64_problem("QUJD" + " " * 300_000 + "!") is not None
    assert addr_spec_problem("a" * 300_000 + "@") is not None
