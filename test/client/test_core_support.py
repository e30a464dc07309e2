"""What the client core does for any declared operation, shown on the wire with a made-up one:
path parameters escaped whole, query parameters by wire name, booleans, numbers and single
enums, every method, checks through ``Param.problem`` before sending, one send path for
``call_operation`` and ``call_api``, and a success status that says ``fail``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.servers import RecordingServer

import smtp
from smtp.operations import Operation, Param


def thing(method: str = "GET") -> Operation:
    return Operation(
        name=f"thing_{method.lower()}",
        method=method,
        path="/v4/things/{thing_name}/parts",
        params=(
            Param("thing_name", "str", "The thing", required=True, location="path"),
            Param("street", "str", "A street", wire_name="address.street"),
            Param("active", "bool", "A flag"),
            Param("ratio", "float", "A number"),
            Param("color", "enum", "One color", enum=("red", "blue"), many=False),
            Param("shades", "enum", "Some shades", enum=("light", "dark")),
            Param("count", "int", "How many", minimum=1, maximum=5),
        ),
        response_type="PostMessageResponse",
        summary="A made-up operation",
        api="ThingsApi",
    )


@pytest.fixture
def client(config: smtp.Configuration) -> Iterator[smtp.ApiClient]:
    with smtp.ApiClient(config) as api_client:
        yield api_client


def call(client: smtp.ApiClient, *args: Any, method: str = "GET", **kwargs: Any) -> Any:
    kwargs["_return_http_data_only"] = True
    return client.call_operation(thing(method), args, kwargs)


@pytest.mark.parametrize(
    "name, escaped",
    [
        ("plain", "plain"),
        ("a/b", "a%2Fb"),
        ("sp ace?#&=+;", "sp%20ace%3F%23%26%3D%2B%3B"),
        ("100%", "100%25"),
        ("café", "caf%C3%A9"),
    ],
)
def test_a_path_parameter_is_one_segment_with_every_reserved_character_escaped(client, server, name, escaped):
    call(client, name)
    assert server.last.path == f"/v4/things/{escaped}/parts"
    assert server.last.query == {}


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE"])
def test_each_method_goes_out_as_declared(client, server, method):
    reply = call(client, "t1", method=method, count=2)
    assert isinstance(reply, smtp.PostMessageResponse)
    assert (server.last.method, server.last.path, server.last.query) == (
        method,
        "/v4/things/t1/parts",
        {"count": ["2"]},
    )
    assert server.last.header("X-SMTPCOM-API") == "test-key"


def test_query_parameters_use_their_wire_names_and_python_spellings(client, server):
    call(client, "t", street="Main St 1", active=True, ratio=0.25, color="red", shades=["light", "dark"])
    assert server.last.query == {
        "address.street": ["Main St 1"],
        "active": ["True"],
        "ratio": ["0.25"],
        "color": ["red"],
        "shades": ["light", "dark"],
    }
    call(client, "t", active=False)
    assert server.last.query == {"active": ["False"]}


@pytest.mark.parametrize(
    "changes, error, message",
    [
        (dict(count=0), smtp.ApiValueError, "Invalid value for parameter `count` (0), must be between 1 and 5"),
        (dict(count=6), smtp.ApiValueError, "Invalid value for parameter `count` (6), must be between 1 and 5"),
        (dict(count="2"), smtp.ApiTypeError, "`count`"),
        (dict(active="yes"), smtp.ApiTypeError, "`active`"),
        (dict(active=1), smtp.ApiTypeError, "`active`"),
        (dict(ratio="0.5"), smtp.ApiTypeError, "`ratio`"),
        (dict(ratio=float("nan")), smtp.ApiValueError, "`ratio`"),
        (dict(color="green"), smtp.ApiValueError, "`color`"),
        (dict(color=["red"]), smtp.ApiTypeError, "`color`"),
        (dict(shades=["light", "pale"]), smtp.ApiValueError, "`shades`"),
        (dict(street=5), smtp.ApiTypeError, "`street`"),
        (dict(thing_name=""), smtp.ApiValueError, "`thing_name`"),
        (dict(thing_name=None), smtp.ApiValueError, "Missing the required parameter `thing_name`"),
    ],
)
def test_bad_arguments_are_refused_before_sending_naming_the_parameter(client, server, changes, error, message):
    kwargs: dict[str, Any] = {"thing_name": "t", **changes}
    with pytest.raises(error) as info:
        call(client, **kwargs)
    assert message in str(info.value)
    assert isinstance(info.value, smtp.ApiException)
    if isinstance(info.value, smtp.ApiValueError):
        assert list(info.value.errors) == [next(iter(changes))]
    assert server.requests == []


def test_the_check_is_the_one_the_declaration_carries(client, server):
    param = thing().params[-1]
    assert param.problem(0) == "must be between 1 and 5"
    with pytest.raises(smtp.ApiValueError) as info:
        call(client, "t", count=0)
    assert info.value.errors == {"count": param.problem(0)}


def test_without_client_side_validation_values_go_out_as_given(config, server):
    config.client_side_validation = False
    with smtp.ApiClient(config) as client:
        call(client, "a/b", count=0, color="green")
    assert server.last.path == "/v4/things/a%2Fb/parts"
    assert server.last.query == {"count": ["0"], "color": ["green"]}


def test_a_success_whose_status_says_fail_is_an_unexpected_response(client, server, api):
    server.reply(200, {"status": "fail", "data": {"error": "nope"}})
    with pytest.raises(smtp.UnexpectedResponseError) as info:
        call(client, "t")
    assert info.value.status == 200
    assert "fail" in str(info.value)
    server.reply(200, {"status": "fail", "data": {"items": []}})
    with pytest.raises(smtp.UnexpectedResponseError):
        api.v4_messages_get(1700000000, 10, 0, "main")


def test_call_operation_and_call_api_build_headers_cookie_and_auth_alike(config, server):
    with smtp.ApiClient(config, header_name="X-Extra", header_value="1", cookie="session=abc") as client:
        call(client, "t")
        client.call_api(
            "/v4/things/{thing_name}/parts",
            "GET",
            path_params={"thing_name": "a/b"},
            query_params=[("shades", ["light", "dark"])],
            collection_formats={"shades": "multi"},
            response_type="PostMessageResponse",
            auth_settings=["apiKey"],
            _return_http_data_only=True,
        )
    first, second = server.requests
    assert second.path == "/v4/things/a%2Fb/parts"
    assert second.query == {"shades": ["light", "dark"]}
    for seen in (first, second):
        assert seen.header("X-Extra") == "1"
        assert seen.header("Cookie") == "session=abc"
        assert seen.header("X-SMTPCOM-API") == "test-key"
        assert (seen.header("User-Agent") or "").startswith(f"smtp-python/{smtp.__version__}")


def test_the_generated_helpers_still_answer(config):
    client = smtp.ApiClient(config)
    assert client.select_header_accept(["text/plain", "application/json"]) == "application/json"
    assert client.select_header_content_type([]) == "application/json"
    assert client.parameters_to_tuples({"a": [1, 2]}, {"a": "csv"}) == [("a", "1,2")]
    assert client.NATIVE_TYPES_MAPPING["long"] is int and str in client.PRIMITIVE_TYPES
    client.close()


def test_the_server_fixture_is_the_recording_server(server):
    assert isinstance(server, RecordingServer)


def test_the_generated_verb_helpers_of_the_transport_still_send() -> None:
    """Drop-in code may call ``rest_client.GET/HEAD/POST`` as the generated SDK let it."""
    with RecordingServer() as server:
        config = smtp.Configuration(host=server.url, api_key={"apiKey": "k"})
        with smtp.ApiClient(config) as client:
            rest = client.rest_client
            assert rest.GET(server.url + "/v4/messages", query_params=[("limit", 1)]).status == 200
            assert rest.HEAD(server.url + "/v4/messages").status == 200
            sent = rest.POST(server.url + "/v4/messages", headers={"Content-Type": "application/json"}, body={"a": 1})
            assert sent.status == 200
        assert [(r.method, r.path) for r in server.requests] == [
            ("GET", "/v4/messages"),
            ("HEAD", "/v4/messages"),
            ("POST", "/v4/messages"),
        ]
        assert server.requests[0].query == {"limit": ["1"]} and server.requests[2].json == {"a": 1}
