"""A first wire check: the recording server sees what a send puts on the wire."""

from helpers import make_message


def test_post_reaches_server(api, server):
    reply = api.v4_messages_post(make_message())
    assert reply.data.msg_id == "test-msg-id"
    assert server.last.method == "POST"
    assert server.last.path == "/v4/messages"
    assert server.last.header("X-SMTPCOM-API") == "test-key"
