"""Every operation of the eight other API classes on the wire (method, path with escaping, query
with wire names, no body, every auth scheme) against a real recording server, the reply decoded
into the declared model, and bad input refused before anything is sent, naming the parameter."""

from __future__ import annotations

import base64
import importlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from helpers import RecordingServer

import smtp
from smtp.operations import Operation, Param

#: API class -> its operations module
OPS_MODULES = {
    "APIKeysApi": "api_keys",
    "AccountApi": "account",
    "AlertsApi": "alerts",
    "CallbacksApi": "callbacks",
    "ChannelsApi": "channels",
    "DKIMsApi": "dkims",
    "ReportsApi": "reports",
    "StatisticsApi": "statistics",
}

AUTH_SCHEMES = {
    "apiKey": dict(api_key={"apiKey": "key-123"}),
    "apiID": dict(api_key={"apiID": "key-456"}),
    "basicAuth": dict(username="user", password="secret"),
}

#: a path value with reserved characters: it must stay one segment
PATH_VALUE = "a/b c?d#e%f"


def all_operations() -> list[tuple[str, Operation]]:
    found = []
    for class_name, module in OPS_MODULES.items():
        for op in importlib.import_module(f"smtp.operations.{module}").OPERATIONS:
            found.append((class_name, op))
    return found


OPERATIONS = all_operations()
IDS = [op.name for _, op in OPERATIONS]


def sample(p: Param) -> Any:
    """A valid value of a parameter, chosen to show its encoding."""
    if p.location == "path":
        return p.enum[-1] if p.kind == "enum" else PATH_VALUE
    if p.kind == "int":
        return p.minimum + 1 if p.minimum is not None else 7
    if p.kind == "float":
        return float(p.enum[1]) if p.enum else 0.25
    if p.kind == "bool":
        return True
    if p.kind == "time":
        return "1700000000"
    if p.kind == "enum":
        return [p.enum[0], p.enum[-1]] if p.many else p.enum[-1]
    return f"{p.name} value&x=1"


def wire(p: Param, value: Any) -> list[str]:
    """What the query should carry for a value."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def expected_path(op: Operation, values: dict[str, Any]) -> str:
    path = op.path
    for p in op.params:
        if p.location == "path":
            path = path.replace("{" + p.name + "}", quote(str(values[p.name]), safe=""))
    return path


def call(api: Any, op: Operation, values: dict[str, Any], info: bool = False) -> Any:
    args = [values[p.name] for p in op.params if p.required]
    kwargs = {p.name: values[p.name] for p in op.params if not p.required and p.name in values}
    method = getattr(api, op.name + ("_with_http_info" if info else ""))
    return method(*args, **kwargs)


def check_auth(recorded: Any, scheme: str) -> None:
    if scheme == "apiKey":
        assert recorded.header("X-SMTPCOM-API") == "key-123"
        assert recorded.header("Authorization") is None
    elif scheme == "apiID":
        assert recorded.query.pop("api_key") == ["key-456"]
        assert recorded.header("X-SMTPCOM-API") is None
    else:
        assert recorded.header("Authorization") == "Basic " + base64.b64encode(b"user:secret").decode()
        assert recorded.header("X-SMTPCOM-API") is None
    assert "api_key" not in recorded.query


@pytest.fixture
def recorder() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    handler = srv.httpd.RequestHandlerClass
    if not hasattr(handler, "do_PATCH"):  # the shared recorder predates PATCH
        handler.do_PATCH = handler.do_GET  # type: ignore[attr-defined]
    try:
        yield srv
    finally:
        srv.close()


def client(server: RecordingServer, scheme: str = "apiKey") -> smtp.ApiClient:
    config = smtp.Configuration(host=server.url, **AUTH_SCHEMES[scheme])
    config.retries = smtp.RetryPolicy(total=0)
    return smtp.ApiClient(config)


@pytest.mark.parametrize("scheme", sorted(AUTH_SCHEMES))
@pytest.mark.parametrize(("class_name", "op"), OPERATIONS, ids=IDS)
def test_operation_on_the_wire(recorder: RecordingServer, class_name: str, op: Operation, scheme: str) -> None:
    values = {p.name: sample(p) for p in op.params}
    recorder.reply(200, {"status": "success", "data": {}})
    with client(recorder, scheme) as api_client:
        result = call(getattr(smtp, class_name)(api_client), op, values)
    assert type(result) is getattr(smtp, op.response_type)
    (req,) = recorder.requests
    assert req.method == op.method
    assert req.path == expected_path(op, values)
    check_auth(req, scheme)
    query = {p.wire_name: wire(p, values[p.name]) for p in op.params if p.location == "query"}
    assert req.query == query
    assert req.body == b""
    assert req.header("Content-Type") is None
    assert req.header("Accept") == "application/json"


@pytest.mark.parametrize(("class_name", "op"), OPERATIONS, ids=IDS)
def test_only_required_parameters_and_http_info(recorder: RecordingServer, class_name: str, op: Operation) -> None:
    values = {p.name: sample(p) for p in op.params if p.required}
    with client(recorder) as api_client:
        data, status, headers = call(getattr(smtp, class_name)(api_client), op, values, info=True)
    assert status == 200 and type(data) is getattr(smtp, op.response_type)
    (req,) = recorder.requests
    assert req.path == expected_path(op, values)
    assert set(req.query) == {p.wire_name for p in op.params if p.required and p.location == "query"}


def test_path_parameter_stays_one_segment(recorder: RecordingServer) -> None:
    with client(recorder) as api_client:
        smtp.ChannelsApi(api_client).get_sender("a/b")
        smtp.DKIMsApi(api_client).v4_domains_domain_name_dkim_keys_get("ex ample.com/..")
    assert [r.path for r in recorder.requests] == [
        "/v4/channels/a%2Fb",
        "/v4/domains/ex%20ample.com%2F../dkim_keys",
    ]


def test_booleans_and_wire_names(recorder: RecordingServer) -> None:
    with client(recorder) as api_client:
        smtp.DKIMsApi(api_client).v4_domains_domain_name_patch("example.com", False)
        smtp.DKIMsApi(api_client).v4_domains_domain_name_patch("example.com", True)
        smtp.AccountApi(api_client).v4_account_contact_patch(address_street="1 Main St", address_country="US")
        smtp.AlertsApi(api_client).v4_alerts_alert_id_patch("al-1", threshold=1)
    first, second, contact, alert = recorder.requests
    assert first.query == {"enabled": ["False"]} and second.query == {"enabled": ["True"]}
    assert contact.method == "PATCH" and contact.path == "/v4/account/contact"
    assert contact.query == {"address.street": ["1 Main St"], "address.country": ["US"]}
    assert alert.query == {"threshold": ["1"]}


def test_delete_and_patch_methods(recorder: RecordingServer) -> None:
    with client(recorder) as api_client:
        smtp.CallbacksApi(api_client).v4_callbacks_delete()
        smtp.ChannelsApi(api_client).v4_channels_name_patch("main", quota=100)
    assert [(r.method, r.path, r.query) for r in recorder.requests] == [
        ("DELETE", "/v4/callbacks/", {}),
        ("PATCH", "/v4/channels/main", {"quota": ["100"]}),
    ]


# -- bad input: refused before sending, naming the parameter ------------------------------
BAD_CALLS = [
    # (class, method, args, kwargs, the parameter named)
    ("ChannelsApi", "get_sender", (), {}, "name"),
    ("ChannelsApi", "v4_channels_post", ("main", "user", "pw"), {}, "quota"),
    ("ChannelsApi", "v4_channels_post", ("main", "user", "pw", 0), {}, "quota"),
    ("ChannelsApi", "v4_channels_name_patch", ("main",), {"quota": "10"}, "quota"),
    ("AlertsApi", "v4_alerts_post", ("weekly_quota",), {}, "type"),
    ("AlertsApi", "v4_alerts_post", ("monthly_quota",), {"threshold": 0.6}, "threshold"),
    ("AlertsApi", "v4_alerts_alert_id_patch", ("a-1",), {"threshold": "0.5"}, "threshold"),
    ("CallbacksApi", "v4_callbacks_event_post", ("sent", "main", "http", "https://x"), {}, "event"),
    ("CallbacksApi", "v4_callbacks_event_post", ("delivered", "main", "smtp", "https://x"), {}, "medium"),
    ("CallbacksApi", "v4_callbacks_event_get", ("delivered",), {}, "channel"),
    ("CallbacksApi", "v4_callbacks_log_get", ("main",), {"limit": 0}, "limit"),
    ("DKIMsApi", "v4_domains_domain_name_patch", ("example.com", "yes"), {}, "enabled"),
    ("DKIMsApi", "v4_domains_domain_name_dkim_keys_post", ("example.com", "s1"), {}, "private_key"),
    ("ReportsApi", "v4_reports_periodic_post", ("hourly", 5), {}, "frequency"),
    ("ReportsApi", "v4_reports_periodic_post", ("daily", 24), {}, "report_time"),
    ("ReportsApi", "v4_reports_periodic_report_id_patch", ("r-1", "daily", -1), {}, "report_time"),
    ("ReportsApi", "v4_reports_ondemand_post", (1700000000,), {"events": ["delivered", "bounced"]}, "events"),
    ("ReportsApi", "v4_reports_ondemand_post", (1700000000,), {"columns": "colour"}, "columns"),
    ("ReportsApi", "v4_reports_ondemand_post", (1700000000,), {"type": "xlsx"}, "type"),
    ("ReportsApi", "v4_reports_periodic_post", ("daily", 5), {"notify_method": "email"}, "notify_method"),
    ("StatisticsApi", "v4_stats_duration_slice_slice_specifier_group_by_get",
     ("1700000000", "last_decade", "channel", "main", "domain", 10, 0), {}, "duration"),
    ("StatisticsApi", "v4_stats_duration_slice_slice_specifier_group_by_get",
     ("1700000000", "last_day", "planet", "main", "domain", 10, 0), {}, "slice"),
    ("StatisticsApi", "v4_stats_duration_slice_slice_specifier_group_by_get",
     ("1700000000", "last_day", "channel", "main", "isp", 10, 0), {}, "group_by"),
    ("StatisticsApi", "v4_stats_duration_slice_slice_specifier_group_by_get",
     ("1700000000", "last_day", "channel", "main", "domain", 1001, 0), {}, "limit"),
    ("StatisticsApi", "v4_stats_duration_slice_slice_specifier_group_by_get",
     ("1700000000", "last_day", "channel", "main", "domain", 10, -1), {}, "offset"),
    ("StatisticsApi", "v4_stats_duration_slice_slice_specifier_group_by_get",
     ("1700000000", "last_day", "channel", "main", "domain", 10, 0), {"event": "bounced"}, "event"),
    ("APIKeysApi", "v4_api_keys_post", (), {"description": "d"}, "name"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("class_name", "method", "args", "kwargs", "named"),
    BAD_CALLS,
    ids=[f"{c[1]}-{c[4]}-{i}" for i, c in enumerate(BAD_CALLS)],
)
def test_bad_input_is_refused_before_sending(
    recorder: RecordingServer, class_name: str, method: str, args: tuple, kwargs: dict, named: str
) -> None:
    with client(recorder) as api_client:
        api = getattr(smtp, class_name)(api_client)
        with pytest.raises((smtp.ApiValueError, smtp.ApiTypeError)) as caught:
            getattr(api, method)(*args, **kwargs)
    assert f"`{named}`" in str(caught.value) or f"{named} " in str(caught.value), str(caught.value)
    assert isinstance(caught.value, smtp.ApiException)
    assert recorder.requests == []


def test_unknown_keyword_is_an_api_type_error(recorder: RecordingServer) -> None:
    with client(recorder) as api_client:
        with pytest.raises(smtp.ApiTypeError, match="colour"):
            smtp.ChannelsApi(api_client).v4_channels_get(colour="red")
    assert recorder.requests == []


def test_a_reply_that_does_not_fit_is_unexpected_response_error(recorder: RecordingServer) -> None:
    recorder.reply(200, {"status": "success", "data": {"items": {"not": "a list"}}})
    with client(recorder) as api_client:
        with pytest.raises(smtp.UnexpectedResponseError):
            smtp.ChannelsApi(api_client).v4_channels_get()
