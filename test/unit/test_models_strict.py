"""Reply decoding is strict about leaves (issue 14, item 8), and the generated functions show
their source in tracebacks (issue 9, item 4)."""

from __future__ import annotations

import json
import traceback
from typing import Any

import pytest

import smtp
from smtp.models._base import MAX_DEPTH, Model, decode_or_raise, field
from smtp.models._plans import source_of


def deep(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"d": value}
    return value


def item(**fields: Any) -> dict[str, Any]:
    return {"status": "success", "data": {"items": [{"msg_id": "m1", "msg_time": 1700000000, **fields}]}}


@pytest.mark.parametrize(
    "reply, where",
    [
        ({"status": "success", "data": {"msg_id": {"x": 1}}}, "data.msg_id must be a string, got dict"),
        ({"status": "success", "data": {"msg_id": ["m"]}}, "data.msg_id must be a string, got list"),
        ({"status": "success", "data": {"msg_id": 12}}, "data.msg_id must be a string, got int"),
        ({"status": 1, "data": {"msg_id": "m"}}, "status must be a string, got int"),
        ({"status": "success", "data": "m"}, "data must be a JSON object, got str"),
    ],
)
def test_a_send_reply_with_a_leaf_of_the_wrong_type_does_not_decode(reply, where):
    with pytest.raises(smtp.ApiTypeError, match=where.replace("[", r"\[")):
        smtp.PostMessageResponse.from_dict(reply)
    with pytest.raises(smtp.UnexpectedResponseError) as caught:
        decode_or_raise(smtp.PostMessageResponse, reply, None)
    assert where in str(caught.value)


def test_non_finite_numbers_do_not_decode():
    for text in ('{"msg_time": 1e400}', '{"msg_time": NaN}', '{"msg_time": -Infinity}', '{"msg_time": 1.5}'):
        data = item(**json.loads(text))
        assert smtp.MessagesResponse.shape_problem(data).startswith("data.items[0].msg_time must be an integer")
        with pytest.raises(smtp.ApiTypeError):
            smtp.MessagesResponse.from_dict(data)
    with pytest.raises(smtp.ApiTypeError, match="non-finite"):
        smtp.MessagesResponse.from_dict(item(smtp_vars={"score": float("inf")}))


def test_object_fields_nest_at_most_max_depth_and_what_decodes_prints():
    fits = smtp.MessagesResponse.from_dict(item(smtp_vars=deep(MAX_DEPTH)))
    assert "bottom" in repr(fits) and fits.to_dict()["data"]["items"][0]["smtp_vars"]
    for levels in (MAX_DEPTH + 1, 500, 5000):
        data = item(smtp_vars=deep(levels))
        assert smtp.MessagesResponse.shape_problems(data) == {
            "data.items[0].smtp_vars": f"is nested more than {MAX_DEPTH:d} levels deep"
        }
        with pytest.raises(smtp.ApiTypeError, match="nested more than"):
            smtp.MessagesResponse.from_dict(data)


def test_validate_holds_request_values_to_the_same_rules():
    message = smtp.InlineObject(channel="main", custom_headers={"X-A": deep(MAX_DEPTH + 1)})
    assert message.validate()["custom_headers"] == f"is nested more than {MAX_DEPTH:d} levels deep"
    assert smtp.V4MessagesRecipientsTo(address=1).validate() == {"address": "must be a string, got int"}


class Report(Model):
    """What the service sends where its examples disagree with its schema."""

    progress: int | None = field("Percent done", also=("str",))
    created: str | None = field("When", key="date created", aliases=("date_created",))


def test_tolerated_spellings_decode_the_same_on_every_path():
    for data in ({"progress": "100%", "date_created": "2024"}, {"progress": 50, "date created": "2024"}):
        fast = Report.from_dict(data)
        plain, problem = Report.decode_plain(data)
        assert problem is None and fast == plain
        assert fast.created == "2024" and fast.validate() == {}
    assert Report.from_dict({"date created": "a", "date_created": "b"}).created == "a"
    assert Report(created="x").to_dict() == {"progress": None, "created": "x"}
    assert smtp.ApiClient().sanitize_for_serialization(Report(created="x")) == {"date created": "x"}
    assert Report.shape_problem({"progress": [1]}) == "progress must be an integer or a string, got list"
    with pytest.raises(TypeError):
        field("x", also=("text",))


def failing_check(value: Any) -> str | None:
    raise RuntimeError("the check itself broke")


class Checked(Model):
    """A model whose check raises, to see the generated function in the traceback."""

    name: str | None = field("A name", check=failing_check)


def test_a_traceback_through_a_generated_function_shows_its_source():
    with pytest.raises(RuntimeError) as caught:
        smtp.models._base.json_body(Checked(name="x"))
    text = "".join(traceback.format_exception(caught.type, caught.value, caught.tb))
    assert 'File "<smtp plan: Checked.write_checked>", line' in text
    assert "if K" in text and "(v): return False" in text  # the line itself, from linecache
    with pytest.raises(smtp.models._kinds.Misfit) as misfit:
        smtp.PostMessageResponse._decode({"data": {"msg_id": 5}})
    text = "".join(traceback.format_exception(misfit.type, misfit.value, misfit.tb))
    assert "<smtp plan: PostMessageResponse.decode>" in text and "raise Misfit" in text
    assert "def plan(d):" in source_of(smtp.PostMessageResponse, "_decode")


def test_a_model_built_by_hand_with_a_deeper_value_still_prints():
    model = smtp.MessagesResponseDataItems(msg_id="m", smtp_vars=deep(5000))
    assert model.validate() == {"smtp_vars": f"is nested more than {MAX_DEPTH:d} levels deep"}
    assert model.to_dict()["msg_id"] == "m"
    assert "msg_id" in repr(model)
    assert "msg_id" in repr(smtp.MessagesResponse(data=smtp.MessagesResponseData(items=[model])))


def _unwrap(data: Any) -> Any:
    """The service sends this model wrapped as ``{"items": [object]}``."""
    if isinstance(data, dict) and set(data) == {"items"} and isinstance(data["items"], list) and data["items"]:
        return data["items"][0]
    return data


class Wrapped(Model):
    """A model whose JSON is normalized before decoding."""

    name: str | None = field("A name")
    _normalize = _unwrap


class Holder(Model):
    """Holds normalized models, alone and in a list, decoded inline by its own plan."""

    one: Wrapped | None = field("one")
    many: list[Wrapped] | None = field("many")


def test_a_normalized_model_decodes_the_same_alone_and_nested_on_every_path():
    data = {"one": {"items": [{"name": "a"}]}, "many": [{"items": [{"name": "b"}]}, {"name": "c"}]}
    fast = Holder.from_dict(data)
    plain, problem = Holder.decode_plain(data)
    assert problem is None and fast == plain
    assert fast.one.name == "a" and [w.name for w in fast.many] == ["b", "c"]
    assert Wrapped.from_dict({"items": [{"name": "x"}]}).name == "x"
    bad = {"one": {"items": [{"name": 5}]}}
    assert Holder.shape_problem(bad) == "one.name must be a string, got int"
    with pytest.raises(smtp.ApiTypeError, match="one.name must be a string"):
        Holder.from_dict(bad)
