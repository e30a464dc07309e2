"""Issue 14, item 8, against a real local server: a 2xx reply whose leaves do not fit the
model (a wrong type, a non-finite number, an ``object`` nested past the bound) raises
``UnexpectedResponseError``, naming the field; what does decode prints without recursing."""

from __future__ import annotations

import pytest
from support.payloads import make_message
from support.servers import MisbehavingServer, messages_api, read_page, reply

import smtp
from smtp.models._base import MAX_DEPTH


def deep_json(levels: int) -> bytes:
    return b'{"d":' * (levels - 1) + b'{"leaf":1}' + b"}" * (levels - 1)


def page(item: bytes) -> bytes:
    return b'{"status":"success","data":{"items":[{"msg_id":"m1","channel":"main",' + item + b"}]}}"


def test_a_send_reply_whose_msg_id_is_an_object_raises():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(200, {"status": "success", "data": {"msg_id": {"x": 1}}}))
        with pytest.raises(smtp.UnexpectedResponseError) as caught:
            api.v4_messages_post(make_message())
    assert caught.value.status == 200
    assert "data.msg_id must be a string, got dict" in str(caught.value)


@pytest.mark.parametrize(
    "item, problem",
    [
        (b'"msg_time":1e400', "data.items[0].msg_time must be an integer, got a non-finite number (inf)"),
        (b'"msg_time":NaN', "data.items[0].msg_time must be an integer, got a non-finite number (nan)"),
        (b'"msg_time":"1700000000"', "data.items[0].msg_time must be an integer, got str"),
        (b'"smtp_vars":{"score":-Infinity}', "data.items[0].smtp_vars holds a non-finite number"),
        (b'"smtp_vars":' + deep_json(500), f"data.items[0].smtp_vars is nested more than {MAX_DEPTH:d} levels deep"),
        (b'"smtp_vars":[]', "data.items[0].smtp_vars must be an object (dict), got list"),
        (b'"msg_data":{"subject":["s"]}', "data.items[0].msg_data.subject must be a string, got list"),
    ],
)
def test_a_page_with_a_leaf_that_does_not_fit_raises(item, problem):
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(200, page(item), {"Content-Type": "application/json"}))
        with pytest.raises(smtp.UnexpectedResponseError) as caught:
            read_page(api)
    assert problem in str(caught.value)


def test_a_page_nested_to_the_bound_decodes_and_prints():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(200, page(b'"smtp_vars":' + deep_json(MAX_DEPTH)), {"Content-Type": "application/json"}))
        result = read_page(api)
    assert "leaf" in repr(result)
    assert result.to_dict()["data"]["items"][0]["smtp_vars"]["d"]


def test_client_send_never_returns_the_text_of_an_object_as_the_msg_id():
    with MisbehavingServer() as server, smtp.Client(api_key="k", host=server.url, channel="main") as client:
        server.plan(reply(200, {"status": "success", "data": {"msg_id": {"x": 1}}}))
        with pytest.raises(smtp.UnexpectedResponseError, match="data.msg_id must be a string"):
            client.send(sender="a@example.com", to="b@example.com", subject="s", text="t")
