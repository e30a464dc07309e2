"""The fast paths give the same answers as the plain ones: the body writer the bytes of
``json.dumps``, the compiled check the verdict of ``validate()``, the inline decoder the models
of ``from_dict``; and reading a large reply leaves the garbage collector as it found it.
(Speed itself is measured by ``benchmarks/``, never here.)"""

from __future__ import annotations

import base64
import gc
import json

import pytest
from support.payloads import MODELS, make_message, make_mime, sample_json

import smtp
from smtp.models._base import LARGE_TEXT, _read_hint, json_body, to_json


def plain_body(model: smtp.models._base.Model) -> bytes:
    return json.dumps(to_json(model), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_body_writer_matches_json_dumps_for_every_model(cls):
    full = cls.from_dict(sample_json(cls))
    for model in (full, cls()):
        assert json_body(model, check=False) == plain_body(model)
        checked = json_body(model)
        assert (checked is not None) == (model.validate() == {})
        if checked is not None:
            assert checked == plain_body(model)


def test_body_writer_escapes_like_json():
    text = 'quote " backslash \\ tab \t nul \x00 bell \x07 line\u2028sep é 日本 😀 \ud800'
    message = make_message(subject="s" * 10, custom_headers={"X-A": "1", "X-List": ["a", "b"]})
    message.body.parts[0].content = text.replace("\ud800", "")
    assert json_body(message) == plain_body(message)
    message.body.parts[0].content = text  # a lone surrogate cannot be UTF-8, either way
    with pytest.raises(UnicodeEncodeError):
        plain_body(message)
    with pytest.raises(UnicodeEncodeError):
        json_body(message)


def test_large_texts_are_written_slice_by_slice_into_the_same_bytes():
    mime = make_mime()
    mime.mime = ('Line with "quotes" and é\r\n' * (LARGE_TEXT // 10))[: 3 * LARGE_TEXT + 17]
    assert len(mime.mime) > LARGE_TEXT
    assert json_body(mime) == plain_body(mime)
    message = make_message()
    message.body.attachments = [
        smtp.V4MessagesBodyAttachments(filename="a.bin", content=base64.b64encode(b"\x01" * 300000).decode())
    ]
    message.body.parts[0].content = "x\n" * LARGE_TEXT
    assert json_body(message) == plain_body(message) == json_body(message, check=False)


def test_values_of_unusual_types_take_the_general_path():
    message = make_message()
    message.recipients.to = tuple(message.recipients.to)  # a tuple where a list is declared
    assert json_body(message) is None
    assert message.validate() == {}
    assert json_body(message, check=False) == plain_body(message)
    message.originator = {"from": {"address": "shop@example.com"}}  # a dict where a model is declared
    assert json_body(message, check=False) == plain_body(message)


def test_a_check_that_passed_once_still_catches_a_different_value():
    good = make_message(custom_headers={"X-Tag": "ok"})
    assert good.validate() == {}
    assert good.validate() == {}  # the second time from the remembered results
    good.recipients.to[0].address = "not an address"
    assert "recipients.to[0].address" in good.validate()
    headers = {"X-Tag": "ok"}
    again = make_message(custom_headers=headers)
    assert again.validate() == {}
    headers["X-Tag"] = "two\r\nlines"  # the same dict, changed after it passed
    assert "custom_headers" in again.validate()


def test_send_rejects_what_validate_rejects_and_sends_the_plain_bytes(api, server):
    with pytest.raises(smtp.ApiValueError) as caught:
        api.v4_messages_post(make_message(channel=" "))
    assert "channel" in caught.value.errors
    message = make_message()
    message.body.attachments = [
        smtp.V4MessagesBodyAttachments(filename="big.bin", content=base64.b64encode(b"\xff" * 200000).decode())
    ]
    api.v4_messages_post(message)
    assert server.last.body == plain_body(message)


def test_decoder_fills_missing_keys_with_none_and_builds_nested_lists():
    page = sample_json(smtp.MessagesResponse)
    item = page["data"]["items"][0]
    del item["opens"], item["msg_data"]["from"]
    item["clicks"]["items"] = []
    decoded = smtp.MessagesResponse.from_dict(page)
    first = decoded.data.items[0]
    assert first.opens is None and first.msg_data._from is None and first.clicks.items == []
    assert decoded.data.items[1].opens.items[1].ua == page["data"]["items"][1]["opens"]["items"][1]["ua"]
    assert to_json(decoded)["data"]["items"][1] == page["data"]["items"][1]


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_a_large_reply_leaves_the_collector_as_it_was(api, server, enabled):
    page = {"status": "success", "data": {"items": [sample_json(smtp.MessagesResponseDataItems) for _ in range(300)]}}
    server.reply(200, page)
    server.reply(200, raw=b'{"status": "success", "data": ' + b" " * 70000)  # large and cut off
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert len(api.v4_messages_get(0, 300, 0, "main").data.items) == 300
        assert gc.isenabled() is enabled
        with pytest.raises(smtp.UnexpectedResponseError):
            api.v4_messages_get(0, 300, 0, "main")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_postponed_annotations_are_read_like_evaluated_ones():
    names = {"Model": smtp.models._base.Model, "V4MessagesRecipientsTo": smtp.V4MessagesRecipientsTo}
    to = smtp.V4MessagesRecipientsTo
    assert _read_hint("Optional[str]", names) == (False, str)
    assert _read_hint("Optional[List[V4MessagesRecipientsTo]]", names) == (True, to)
    assert _read_hint("list[V4MessagesRecipientsTo] | None", names) == (True, to)
    assert _read_hint("Optional[Dict[str, Union[str, List[str]]]]", names) == (False, object)
    assert _read_hint("Optional[int]", names) == (False, int)
    with pytest.raises(TypeError):
        _read_hint("Optional[Missing]", names)
