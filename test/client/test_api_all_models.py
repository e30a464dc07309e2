"""Every model round-trips (constructor, ``to_dict``, JSON, ``from_dict``, equality), and the
replies whose real shape disagrees with the schema decode without failing."""

from __future__ import annotations

import json
from typing import Any

import pytest

import smtp
from smtp.models._base import MODEL, MODEL_LIST, OBJECT, SCALAR_LIST, Model, to_json
from smtp.operations.statistics import DURATIONS, SLICES

_SCALARS: dict[str, Any] = {"str": "text é", "int": 7, "float": 0.5, "bool": True}


def example(cls: type[Model], depth: int = 0) -> Model:
    """An instance of ``cls`` with every field set (nested models down to three levels)."""
    values: dict[str, Any] = {}
    for f in cls._fields:
        if f.kind == MODEL:
            if depth < 3:
                values[f.name] = example(f.model, depth + 1)  # type: ignore[arg-type]
        elif f.kind == MODEL_LIST:
            if depth < 3:
                values[f.name] = [example(f.model, depth + 1), example(f.model, depth + 1)]  # type: ignore[arg-type]
        elif f.kind == SCALAR_LIST:
            values[f.name] = [_SCALARS[f.item_type]]
        elif f.kind == OBJECT:
            values[f.name] = {"key": ["value", 1, None]}
        else:
            values[f.name] = _SCALARS[f.type_name]
    return cls(**values)


NAMES = sorted(smtp.models.__all__)


@pytest.mark.parametrize("name", NAMES)
def test_round_trip(name: str) -> None:
    cls = getattr(smtp, name)
    model = example(cls)
    wire = json.loads(json.dumps(to_json(model)))
    back = cls.from_dict(wire)
    assert back == model and not (back != model)
    assert back.to_dict() == model.to_dict()
    assert set(wire) == {f.key for f in cls._fields if getattr(model, f.name) is not None}
    assert cls() == cls() and cls.from_dict({}) == cls()
    assert repr(model) == model.to_str()
    if cls._fields:
        other = example(cls)
        setattr(other, cls._fields[0].name, None)
        assert other != model


@pytest.mark.parametrize("name", [n for n in NAMES if getattr(smtp, n)._fields])
def test_shape_that_does_not_fit_is_named(name: str) -> None:
    cls = getattr(smtp, name)
    with pytest.raises(smtp.ApiTypeError, match=name):
        cls.from_dict(["not", "an", "object"])


def test_enum_values_are_the_generated_constants() -> None:
    assert smtp.DurationValue.allowable_values == list(DURATIONS)
    assert smtp.SliceValue.allowable_values == list(SLICES)
    assert smtp.DurationValue.LAST_7DAYS == "last_7days" and smtp.SliceValue.RCPT_ISP == "rcpt_isp"
    assert smtp.DurationValue.openapi_types == {} and smtp.DurationValue().to_dict() == {}


# -- what the service sends where its examples disagree with its schema -------------------
def test_report_progress_as_a_percentage_text() -> None:
    reply = {
        "status": "success",
        "data": {
            "periodic": [{"frequency": "daily", "report_id": "p1", "report_time": 10}],
            "ondemand": [
                {"status": "done", "progress": "100%", "report_id": "r1"},
                {"status": "in_progress", "progress": 6, "report_id": "r2"},
                {"status": "pending", "progress": "soon", "report_id": "r3"},
            ],
        },
    }
    reports = smtp.Reports.from_dict(reply)
    assert [r.progress for r in reports.data.ondemand] == [100, 6, "soon"]  # unknown texts are kept as sent
    assert reply["data"]["ondemand"][0]["progress"] == "100%"  # the reply itself is not changed
    assert smtp.ReportsData.from_dict(reply["data"]).ondemand[0].progress == 100
    assert smtp.ReportsDataOndemand.from_dict({"progress": " 42 %"}).progress == 42
    assert smtp.Report.from_dict({"progress": "100%", "url": "u"}).progress == 100


def test_account_creation_time_under_either_key() -> None:
    spaced = smtp.Account.from_dict({"status": "success", "data": {"date created": 6, "usage": 1}})
    snake = smtp.Account.from_dict({"status": "success", "data": {"date_created": 6, "usage": 1}})
    assert spaced == snake and snake.data.date_created == 6
    assert smtp.AccountData.from_dict({"date_created": 9}).date_created == 9
    assert to_json(snake.data) == {"usage": 1, "date created": 6}


def test_api_key_wrapped_or_flat() -> None:
    wrapped = {
        "status": "success",
        "data": {"status": "active", "description": "ci", "key": "48c3", "date_created": "1516882099"},
    }
    key = smtp.APIKey.from_dict(wrapped)
    assert (key.status, key.descrption, key.key, key.date_created) == ("active", "ci", "48c3", "1516882099")
    flat = smtp.APIKey.from_dict({"status": "active", "descrption": "ci", "key": "48c3"})
    assert (flat.descrption, flat.key) == ("ci", "48c3")


def test_channel_as_a_one_item_list() -> None:
    item = {"status": "active", "quota": 20, "label": "l", "usage": 0, "date_created": 1507958155}
    listed = smtp.Channel.from_dict({"status": "success", "data": {"items": [item]}})
    plain = smtp.Channel.from_dict({"status": "success", "data": item})
    assert listed == plain and plain.data.quota == 20
