"""Every model: generated-style surface, JSON -> model -> JSON round trips, equality and repr."""

from __future__ import annotations

import importlib
import re

import pytest

import smtp
import smtp.models
from smtp.api_client import ApiClient
from smtp.models._base import MODEL, MODEL_LIST, OBJECT, SCALAR_LIST, Model

DESIGN_MODELS = """InlineObject InlineObject1 MessagesResponse MessagesResponseData MessagesResponseDataItems
MessagesResponseDataMsgData MessagesResponseDataDetails MessagesResponseDataDetailsDelivery MessagesResponseDataOpens
MessagesResponseDataOpensItems MessagesResponseDataClicks MessagesResponseDataClicksItems MessagesResponseDataAbuse
MessagesResponseDataAbuseComplaints MessagesResponseDataUnsubs MessagesResponseDataUnsubsItems MimeResponse
PostMessageResponse PostMessageResponseData V4MessagesBody V4MessagesBodyParts V4MessagesBodyAttachments
V4MessagesRecipients V4MessagesMimeRecipients V4MessagesRecipientsTo V4MessagesOriginator BadRequestSchema
BadRequestSchemaData InvalidKey InvalidKeyData InvalidKeyDataErrors""".split()

MODELS = [getattr(smtp.models, name) for name in DESIGN_MODELS]


def sample_json(cls, depth=0):
    """A JSON object filling every field of ``cls`` with a distinct value."""
    out = {}
    for f in cls._fields:
        if f.kind == MODEL:
            out[f.key] = sample_json(f.model, depth + 1)
        elif f.kind == MODEL_LIST:
            out[f.key] = [sample_json(f.model, depth + 1), sample_json(f.model, depth + 1)]
        elif f.kind == SCALAR_LIST:
            out[f.key] = ["a", "b"]
        elif f.kind == OBJECT:
            out[f.key] = {f"k{depth:d}": ["v", 1]}
        elif f.type_name == "int":
            out[f.key] = 7 + depth
        else:
            out[f.key] = f"{f.name}-{depth:d}"
    return out


def test_all_design_models_are_exported():
    assert set(DESIGN_MODELS) <= set(smtp.models.__all__)  # the other 50: test/client/test_api_all_surface.py
    for name in DESIGN_MODELS:
        assert getattr(smtp, name) is getattr(smtp.models, name)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_generated_module_path(cls):
    module_name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", cls.__name__).lower()
    module = importlib.import_module("smtp.models." + module_name)
    assert getattr(module, cls.__name__) is cls


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_round_trip(cls):
    data = sample_json(cls)
    model = cls.from_dict(data)
    assert ApiClient().sanitize_for_serialization(model) == data
    again = cls.from_dict(ApiClient().sanitize_for_serialization(model))
    assert again == model
    assert not (again != model)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_generated_surface(cls):
    assert set(cls.openapi_types) == set(cls.attribute_map)
    assert list(cls.openapi_types) == [f.name for f in cls._fields]
    empty = cls()
    for attr in cls.openapi_types:
        assert getattr(empty, attr) is None
    assert empty.to_dict() == {attr: None for attr in cls.openapi_types}
    assert empty == cls()
    assert repr(empty) == empty.to_str()
    assert cls.__doc__ and cls.__doc__.strip()


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_to_dict_uses_attribute_names_and_keeps_none(cls):
    model = cls.from_dict(sample_json(cls))
    as_dict = model.to_dict()
    assert set(as_dict) == set(cls.openapi_types)
    first = cls._fields[0]
    setattr(model, first.name, None)
    assert model.to_dict()[first.name] is None


def test_from_is_underscore_from():
    assert smtp.V4MessagesOriginator.attribute_map["_from"] == "from"
    assert smtp.MessagesResponseDataMsgData.attribute_map["_from"] == "from"
    originator = smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="a@example.com"))
    assert ApiClient().sanitize_for_serialization(originator) == {"from": {"address": "a@example.com"}}
    assert originator.to_dict() == {"_from": {"name": None, "address": "a@example.com"}, "reply_to": None}


def test_openapi_types_spelled_as_generated():
    assert smtp.InlineObject.openapi_types == {
        "channel": "str",
        "recipients": "V4MessagesRecipients",
        "originator": "V4MessagesOriginator",
        "custom_headers": "object",
        "subject": "str",
        "body": "V4MessagesBody",
    }
    assert smtp.MessagesResponseData.openapi_types == {"items": "list[MessagesResponseDataItems]"}
    assert smtp.MessagesResponseDataItems.openapi_types["msg_time"] == "int"


def test_equality_is_by_value_and_class():
    a = smtp.V4MessagesRecipientsTo(name="A", address="a@example.com")
    assert a == smtp.V4MessagesRecipientsTo(name="A", address="a@example.com")
    assert a != smtp.V4MessagesRecipientsTo(name="B", address="a@example.com")
    assert a != {"name": "A", "address": "a@example.com"}
    assert smtp.V4MessagesRecipients() != smtp.V4MessagesMimeRecipients()
    assert smtp.PostMessageResponse() != smtp.MimeResponse()


def test_positional_and_keyword_constructor():
    a = smtp.V4MessagesRecipientsTo("Jane", "jane@example.com")
    assert (a.name, a.address) == ("Jane", "jane@example.com")
    b = smtp.V4MessagesRecipientsTo(address="jane@example.com", local_vars_configuration=smtp.Configuration())
    assert b.name is None


def test_unknown_constructor_argument_is_an_api_type_error():
    with pytest.raises(smtp.ApiTypeError, match="adress"):
        smtp.V4MessagesRecipientsTo(adress="typo@example.com")
    with pytest.raises(TypeError):
        smtp.V4MessagesRecipientsTo("a", "b", "c")


def test_attributes_are_fixed():
    model = smtp.V4MessagesRecipientsTo()
    model.address = "x@example.com"
    with pytest.raises(AttributeError):
        model.adress = "typo@example.com"  # type: ignore[attr-defined]


def test_repr_is_pretty_printed_dict():
    model = smtp.PostMessageResponse(status="success", data=smtp.PostMessageResponseData(msg_id="m1"))
    assert repr(model) == "{'data': {'msg_id': 'm1'}, 'status': 'success'}"


def test_unknown_keys_in_reply_are_ignored():
    model = smtp.PostMessageResponse.from_dict({"status": "success", "data": {"msg_id": "m", "extra": 1}, "new": []})
    assert model.data.msg_id == "m"


def test_wrong_shape_names_the_path():
    with pytest.raises(smtp.ApiTypeError, match=r"data\.items\[1\]"):
        smtp.MessagesResponse.from_dict({"data": {"items": [{}, "oops"]}})


def test_models_are_unhashable_like_generated():
    with pytest.raises(TypeError):
        hash(smtp.V4MessagesRecipientsTo())


def test_every_model_derives_from_the_one_base():
    for cls in MODELS:
        assert issubclass(cls, Model)
        assert "__init__" not in vars(cls) and "to_dict" not in vars(cls)


def test_shape_problems_names_every_malformed_field():
    data = {"recipients": {"to": "jane@example.com", "cc": [{"address": "a@example.com"}, 5]}, "originator": []}
    assert smtp.InlineObject.shape_problems(data) == {
        "recipients.to": "must be a JSON array, got str",
        "recipients.cc[1]": "must be a JSON object, got int",
        "originator": "must be a JSON object, got list",
    }
    assert smtp.InlineObject.shape_problems([]) == {"": "must be a JSON object, got list"}
    assert smtp.InlineObject.shape_problem(data) == "recipients.to must be a JSON array, got str"
    assert smtp.InlineObject.shape_problem({"channel": "main"}) is None
