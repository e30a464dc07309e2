"""The generated SDK's surface, as existing code uses it: every API class and method with its
parameters in order (required ones positional), its HTTP request and its result; every model with
its fields, JSON keys and types, importable from ``smtp``, ``smtp.models`` and its own module.
The tables are facts of the generated package (see the reference ``generated-surface.md``)."""

from __future__ import annotations

import importlib
import inspect

import pytest

import smtp
from smtp.api import API_CLASSES

#: (class, method, HTTP request, parameters in order with * for required, result)
METHODS = [
    ("APIKeysApi", "get_api_key", "GET /v4/api_keys/{api_key}", "api_key*", "APIKey"),
    ("APIKeysApi", "v4_api_keys_api_key_delete", "DELETE /v4/api_keys/{api_key}", "api_key*", "StatusResponse"),
    ("APIKeysApi", "v4_api_keys_api_key_patch", "PATCH /v4/api_keys/{api_key}", "api_key* name description", "APIKey"),
    ("APIKeysApi", "v4_api_keys_get", "GET /v4/api_keys/", "", "GetApiKeys"),
    ("APIKeysApi", "v4_api_keys_post", "POST /v4/api_keys/", "name* description", "APIKey"),
    (
        "AccountApi",
        "v4_account_contact_patch",
        "PATCH /v4/account/contact",
        "first_name last_name email company_name phone website "
        "address_street address_city address_state address_country",
        "UpdateAccountResponse",
    ),
    ("AccountApi", "v4_account_get", "GET /v4/account/", "", "Account"),
    ("AlertsApi", "v4_alerts_alert_id_delete", "DELETE /v4/alerts/{alert_id}", "alert_id*", "StatusResponse"),
    ("AlertsApi", "v4_alerts_alert_id_get", "GET /v4/alerts/{alert_id}", "alert_id*", "GetAlertDetails"),
    ("AlertsApi", "v4_alerts_alert_id_patch", "PATCH /v4/alerts/{alert_id}", "alert_id* threshold", "StatusResponse"),
    ("AlertsApi", "v4_alerts_get", "GET /v4/alerts/", "", "GetAlertResponse"),
    ("AlertsApi", "v4_alerts_post", "POST /v4/alerts/", "type* threshold", "StatusResponse"),
    ("CallbacksApi", "v4_callbacks_delete", "DELETE /v4/callbacks/", "", "StatusResponse"),
    ("CallbacksApi", "v4_callbacks_event_delete", "DELETE /v4/callbacks/{event}", "event* channel*", "StatusResponse"),
    ("CallbacksApi", "v4_callbacks_event_get", "GET /v4/callbacks/{event}", "event* channel*", "GetCallbackDetails"),
    (
        "CallbacksApi",
        "v4_callbacks_event_patch",
        "PATCH /v4/callbacks/{event}",
        "event* channel* medium address aws_data",
        "StatusResponse",
    ),
    (
        "CallbacksApi",
        "v4_callbacks_event_post",
        "POST /v4/callbacks/{event}",
        "event* channel* medium* address* aws_data",
        "CreateCallbackResponse",
    ),
    ("CallbacksApi", "v4_callbacks_get", "GET /v4/callbacks/", "", "GetCallbackResponse"),
    ("CallbacksApi", "v4_callbacks_log_get", "GET /v4/callbacks/log", "channel* limit", "GetCallbackLogs"),
    ("ChannelsApi", "get_sender", "GET /v4/channels/{name}", "name*", "Channel"),
    ("ChannelsApi", "v4_channels_get", "GET /v4/channels/", "", "Channels"),
    ("ChannelsApi", "v4_channels_name_delete", "DELETE /v4/channels/{name}", "name*", "Channel"),
    (
        "ChannelsApi",
        "v4_channels_name_patch",
        "PATCH /v4/channels/{name}",
        "name* smtp_username smtp_password quota",
        "Channel",
    ),
    ("ChannelsApi", "v4_channels_post", "POST /v4/channels/", "name* smtp_username* smtp_password* quota*", "Channel"),
    ("DKIMsApi", "v4_domains_domain_name_delete", "DELETE /v4/domains/{domain_name}", "domain_name*", "StatusResponse"),
    (
        "DKIMsApi",
        "v4_domains_domain_name_dkim_keys_delete",
        "DELETE /v4/domains/{domain_name}/dkim_keys",
        "domain_name*",
        "StatusResponse",
    ),
    (
        "DKIMsApi",
        "v4_domains_domain_name_dkim_keys_get",
        "GET /v4/domains/{domain_name}/dkim_keys",
        "domain_name*",
        "GetDomainDetails",
    ),
    (
        "DKIMsApi",
        "v4_domains_domain_name_dkim_keys_patch",
        "PATCH /v4/domains/{domain_name}/dkim_keys",
        "domain_name* selector* private_key*",
        "StatusResponse",
    ),
    (
        "DKIMsApi",
        "v4_domains_domain_name_dkim_keys_post",
        "POST /v4/domains/{domain_name}/dkim_keys",
        "domain_name* selector* private_key*",
        "CreateDkimKey",
    ),
    (
        "DKIMsApi",
        "v4_domains_domain_name_get",
        "GET /v4/domains/{domain_name}",
        "domain_name*",
        "GetDomainDetailsResponse",
    ),
    (
        "DKIMsApi",
        "v4_domains_domain_name_patch",
        "PATCH /v4/domains/{domain_name}",
        "domain_name* enabled*",
        "StatusResponse",
    ),
    ("DKIMsApi", "v4_domains_get", "GET /v4/domains/", "", "GetDomainsResponse"),
    ("DKIMsApi", "v4_domains_post", "POST /v4/domains/", "domain_name*", "CreateDomainResponse"),
    (
        "MessagesApi",
        "v4_messages_get",
        "GET /v4/messages",
        "start* limit* offset* channel* end event msg_id",
        "MessagesResponse",
    ),
    ("MessagesApi", "v4_messages_mime_post", "POST /v4/messages/mime", "inline_object1*", "MimeResponse"),
    ("MessagesApi", "v4_messages_post", "POST /v4/messages", "inline_object", "PostMessageResponse"),
    ("ReportsApi", "v4_reports_get", "GET /v4/reports/", "", "Reports"),
    (
        "ReportsApi",
        "v4_reports_ondemand_post",
        "POST /v4/reports/ondemand",
        "start* channel type end domain rcpt_domain events columns",
        "StatusResponse",
    ),
    (
        "ReportsApi",
        "v4_reports_periodic_post",
        "POST /v4/reports/periodic",
        "frequency* report_time* channel notify_method notify_dest domain rcpt_domain events columns",
        "StatusResponse",
    ),
    (
        "ReportsApi",
        "v4_reports_periodic_report_id_delete",
        "DELETE /v4/reports/periodic/{report_id}",
        "report_id*",
        "StatusResponse",
    ),
    (
        "ReportsApi",
        "v4_reports_periodic_report_id_patch",
        "PATCH /v4/reports/periodic/{report_id}",
        "report_id* frequency* report_time* channel events",
        "StatusResponse",
    ),
    ("ReportsApi", "v4_reports_report_id_get", "GET /v4/reports/{report_id}", "report_id*", "Report"),
    (
        "StatisticsApi",
        "v4_stats_duration_slice_slice_specifier_group_by_get",
        "GET /v4/stats/{duration}/{slice}/{slice_specifier}/{group_by}",
        "start* duration* slice* slice_specifier* group_by* limit* offset* end event",
        "StatsResponse",
    ),
]

#: (model, its generated module, "attribute:JSON key:type" separated by ";")
MODELS = [
    ("APIKey", "api_key", "status:status:str;descrption:descrption:str;key:key:str;date_created:date_created:str"),
    ("Account", "account", "status:status:str;data:data:AccountData"),
    (
        "AccountData",
        "account_data",
        "status:status:str;first_name:first_name:str;last_name:last_name:str;phone:phone:str;website:website:str;"
        "email:email:str;company_name:company_name:str;address:address:AccountDataAddress;usage:usage:int;"
        "date_created:date created:int",
    ),
    (
        "AccountDataAddress",
        "account_data_address",
        "street:street:str;city:city:str;state:state:str;country:country:str",
    ),
    ("BadRequestSchema", "bad_request_schema", "status:status:str;data:data:BadRequestSchemaData"),
    ("BadRequestSchemaData", "bad_request_schema_data", "errors:errors:object"),
    ("Channel", "channel", "status:status:str;data:data:ChannelData"),
    (
        "ChannelData",
        "channel_data",
        "status:status:str;quota:quota:int;label:label:str;usage:usage:int;date_created:date_created:int;smtp_username:smtp_username:str",
    ),
    ("Channels", "channels", "status:status:str;data:data:ChannelsData"),
    ("ChannelsData", "channels_data", "items:items:list[ChannelsDataItems]"),
    (
        "ChannelsDataItems",
        "channels_data_items",
        "status:status:str;quota:quota:int;name:name:str;usage:usage:int;date_created:date_created:int;smtp_username:smtp_username:str",
    ),
    ("CreateCallbackResponse", "create_callback_response", "status:status:str;data:data:object"),
    ("CreateDkimKey", "create_dkim_key", "status:status:str;data:data:CreateDkimKeyData"),
    ("CreateDkimKeyData", "create_dkim_key_data", "dkim_key:dkim_key:str"),
    ("CreateDomainResponse", "create_domain_response", "status:status:str;data:data:CreateDomainResponseData"),
    ("CreateDomainResponseData", "create_domain_response_data", "domain_name:domain_name:str"),
    ("DurationValue", "duration_value", ""),
    ("GetAlertDetails", "get_alert_details", "status:status:str;data:data:GetAlertDetailsData"),
    ("GetAlertDetailsData", "get_alert_details_data", "type:type:str;threshold:threshold:str;alert_id:alert_id:str"),
    ("GetAlertResponse", "get_alert_response", "status:status:str;data:data:GetAlertResponseData"),
    ("GetAlertResponseData", "get_alert_response_data", "items:items:list[GetAlertResponseDataItems]"),
    (
        "GetAlertResponseDataItems",
        "get_alert_response_data_items",
        "type:type:str;threshold:threshold:str;alert_id:alert_id:str",
    ),
    ("GetApiKeys", "get_api_keys", "status:status:str;data:data:GetApiKeysData"),
    ("GetApiKeysData", "get_api_keys_data", "items:items:list[GetApiKeysDataItems]"),
    (
        "GetApiKeysDataItems",
        "get_api_keys_data_items",
        "status:status:str;description:description:str;key:key:str;date_created:date_created:str",
    ),
    ("GetCallbackDetails", "get_callback_details", "status:status:str;data:data:GetCallbackDetailsData"),
    (
        "GetCallbackDetailsData",
        "get_callback_details_data",
        "medium:medium:str;event:event:str;channel:channel:str;address:address:str;aws_data:aws_data:str",
    ),
    ("GetCallbackLogs", "get_callback_logs", "status:status:str;data:data:GetCallbackLogsData"),
    ("GetCallbackLogsData", "get_callback_logs_data", "items:items:list[GetCallbackLogsDataItems]"),
    ("GetCallbackLogsDataItems", "get_callback_logs_data_items", "code:code:int;msg:msg:str;time:time:str"),
    ("GetCallbackResponse", "get_callback_response", "status:status:str;data:data:GetCallbackResponseData"),
    ("GetCallbackResponseData", "get_callback_response_data", "items:items:list[GetCallbackResponseDataItems]"),
    (
        "GetCallbackResponseDataItems",
        "get_callback_response_data_items",
        "medium:medium:str;event:event:str;channel:channel:str;address:address:str;aws_data:aws_data:str",
    ),
    ("GetDomainDetails", "get_domain_details", "status:status:str;data:data:GetDomainDetailsData"),
    (
        "GetDomainDetailsData",
        "get_domain_details_data",
        "domain_name:domain_name:str;selector:selector:str;private_key:private_key:str;is_valid:is_valid:bool",
    ),
    (
        "GetDomainDetailsResponse",
        "get_domain_details_response",
        "status:status:str;data:data:GetDomainDetailsResponseData",
    ),
    (
        "GetDomainDetailsResponseData",
        "get_domain_details_response_data",
        "domain_name:domain_name:str;enabled:enabled:bool",
    ),
    ("GetDomainsResponse", "get_domains_response", "status:status:str;data:data:GetDomainsResponseData"),
    ("GetDomainsResponseData", "get_domains_response_data", "items:items:list[GetDomainsResponseDataItems]"),
    (
        "GetDomainsResponseDataItems",
        "get_domains_response_data_items",
        "domain_name:domain_name:str;enabled:enabled:bool",
    ),
    (
        "InlineObject",
        "inline_object",
        "channel:channel:str;recipients:recipients:V4MessagesRecipients;originator:originator:V4MessagesOriginator;custom_headers:custom_headers:object;subject:subject:str;body:body:V4MessagesBody",
    ),
    (
        "InlineObject1",
        "inline_object1",
        "mime:mime:str;channel:channel:str;recipients:recipients:V4MessagesMimeRecipients;originator:originator:V4MessagesOriginator",
    ),
    ("InvalidKey", "invalid_key", "status:status:str;data:data:InvalidKeyData"),
    ("InvalidKeyData", "invalid_key_data", "errors:errors:list[InvalidKeyDataErrors]"),
    ("InvalidKeyDataErrors", "invalid_key_data_errors", "error_field:error_field:str"),
    ("MessagesResponse", "messages_response", "status:status:str;data:data:MessagesResponseData"),
    ("MessagesResponseData", "messages_response_data", "items:items:list[MessagesResponseDataItems]"),
    (
        "MessagesResponseDataAbuse",
        "messages_response_data_abuse",
        "complaints:complaints:list[MessagesResponseDataAbuseComplaints]",
    ),
    (
        "MessagesResponseDataAbuseComplaints",
        "messages_response_data_abuse_complaints",
        "report_time:report_time:str;provider:provider:str",
    ),
    (
        "MessagesResponseDataClicks",
        "messages_response_data_clicks",
        "items:items:list[MessagesResponseDataClicksItems]",
    ),
    (
        "MessagesResponseDataClicksItems",
        "messages_response_data_clicks_items",
        "click_time:click_time:str;remote_ip:remote_ip:str;ua:ua:str",
    ),
    (
        "MessagesResponseDataDetails",
        "messages_response_data_details",
        "delivery:delivery:MessagesResponseDataDetailsDelivery",
    ),
    (
        "MessagesResponseDataDetailsDelivery",
        "messages_response_data_details_delivery",
        "finished:finished:str;retries:retries:int;event:event:str;code:code:str;status:status:str",
    ),
    (
        "MessagesResponseDataItems",
        "messages_response_data_items",
        "msg_id:msg_id:str;msg_time:msg_time:int;channel:channel:str;smtp_vars:smtp_vars:object;msg_data:msg_data:MessagesResponseDataMsgData;details:details:MessagesResponseDataDetails;opens:opens:MessagesResponseDataOpens;clicks:clicks:MessagesResponseDataClicks;abuse:abuse:MessagesResponseDataAbuse;unsubs:unsubs:MessagesResponseDataUnsubs",
    ),
    (
        "MessagesResponseDataMsgData",
        "messages_response_data_msg_data",
        "rcpt_to:rcpt_to:str;_from:from:str;subject:subject:str",
    ),
    ("MessagesResponseDataOpens", "messages_response_data_opens", "items:items:list[MessagesResponseDataOpensItems]"),
    (
        "MessagesResponseDataOpensItems",
        "messages_response_data_opens_items",
        "open_time:open_time:str;remote_ip:remote_ip:str;ua:ua:str",
    ),
    (
        "MessagesResponseDataUnsubs",
        "messages_response_data_unsubs",
        "items:items:list[MessagesResponseDataUnsubsItems]",
    ),
    ("MessagesResponseDataUnsubsItems", "messages_response_data_unsubs_items", "unsub_time:unsub_time:str"),
    ("MimeResponse", "mime_response", "status:status:str;data:data:PostMessageResponseData"),
    ("PostMessageResponse", "post_message_response", "status:status:str;data:data:PostMessageResponseData"),
    ("PostMessageResponseData", "post_message_response_data", "msg_id:msg_id:str"),
    (
        "Report",
        "report",
        "frequency:frequency:str;report_id:report_id:str;events:events:str;channel:channel:str;report_time:report_time:str;status:status:str;name:name:str;url:url:str;time_req:time_req:int;progress:progress:int",
    ),
    ("Reports", "reports", "status:status:str;data:data:ReportsData"),
    (
        "ReportsData",
        "reports_data",
        "periodic:periodic:list[ReportsDataPeriodic];ondemand:ondemand:list[ReportsDataOndemand]",
    ),
    (
        "ReportsDataOndemand",
        "reports_data_ondemand",
        "status:status:str;name:name:str;url:url:str;time_req:time_req:int;progress:progress:int;channel:channel:str;report_id:report_id:str",
    ),
    (
        "ReportsDataPeriodic",
        "reports_data_periodic",
        "frequency:frequency:str;report_id:report_id:str;events:events:str;channel:channel:str;report_time:report_time:str",
    ),
    ("SliceValue", "slice_value", ""),
    ("StatsResponse", "stats_response", "status:status:str;data:data:StatsResponseData"),
    ("StatsResponseData", "stats_response_data", "items:items:list[StatsResponseDataItems]"),
    (
        "StatsResponseDataItems",
        "stats_response_data_items",
        "accepted:accepted:int;complained:complained:int;delivered:delivered:int;clicked:clicked:int;opened:opened:int;failed:failed:int;unsubscribed:unsubscribed:int;queued:queued:int",
    ),
    ("StatusResponse", "status_response", "status:status:str;data:data:object"),
    ("UpdateAccountResponse", "update_account_response", "status:status:str;data:data:UpdateAccountResponseData"),
    ("UpdateAccountResponseData", "update_account_response_data", "account:account:str"),
    (
        "V4MessagesBody",
        "v4_messages_body",
        "parts:parts:list[V4MessagesBodyParts];attachments:attachments:list[V4MessagesBodyAttachments]",
    ),
    (
        "V4MessagesBodyAttachments",
        "v4_messages_body_attachments",
        "version:version:str;type:type:str;disposition:disposition:str;filename:filename:str;cid:cid:str;content:content:str",
    ),
    (
        "V4MessagesBodyParts",
        "v4_messages_body_parts",
        "version:version:str;type:type:str;charset:charset:str;encoding:encoding:str;content:content:str",
    ),
    (
        "V4MessagesMimeRecipients",
        "v4_messages_mime_recipients",
        "to:to:list[V4MessagesRecipientsTo];cc:cc:list[V4MessagesRecipientsTo];bcc:bcc:list[V4MessagesRecipientsTo];bulk_list:bulk_list:list[V4MessagesRecipientsTo]",
    ),
    (
        "V4MessagesOriginator",
        "v4_messages_originator",
        "_from:from:V4MessagesRecipientsTo;reply_to:reply_to:V4MessagesRecipientsTo",
    ),
    (
        "V4MessagesRecipients",
        "v4_messages_recipients",
        "to:to:list[V4MessagesRecipientsTo];cc:cc:list[V4MessagesRecipientsTo];bcc:bcc:list[V4MessagesRecipientsTo];bulk_list:bulk_list:list[V4MessagesRecipientsTo]",
    ),
    ("V4MessagesRecipientsTo", "v4_messages_recipients_to", "name:name:str;address:address:str"),
]


def _method_ids() -> list[str]:
    return [f"{c}.{m}" for c, m, *_ in METHODS]


def test_the_tables_are_whole() -> None:
    assert len(METHODS) == 43 and len(MODELS) == 81
    assert sorted({c for c, *_ in METHODS}) == sorted(API_CLASSES)
    assert sorted(smtp.api.__all__) == sorted(API_CLASSES)


@pytest.mark.parametrize(("cls", "name", "http", "params", "result"), METHODS, ids=_method_ids())
def test_method_signature(cls: str, name: str, http: str, params: str, result: str) -> None:
    api_class = getattr(smtp, cls)
    assert api_class is getattr(smtp.api, cls) is getattr(importlib.import_module(API_CLASSES[cls]), cls)
    names = params.split()
    required = [p.rstrip("*") for p in names if p.endswith("*")]
    optional = [p for p in names if not p.endswith("*")]
    assert [p.rstrip("*") for p in names] == required + optional, "required parameters come first"
    for method_name in (name, name + "_with_http_info"):
        signature = inspect.signature(getattr(api_class, method_name))
        listed = list(signature.parameters.values())
        assert listed[0].name == "self" and listed[-1].kind is inspect.Parameter.VAR_KEYWORD
        positional = [p for p in listed[1:] if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
        if cls == "MessagesApi":  # ours also takes its optional body positionally: a superset
            positional = positional[: len(required)]
        assert [p.name for p in positional] == required
        assert all(p.default is None for p in positional)
        keyword = [p.name for p in listed if p.kind is inspect.Parameter.KEYWORD_ONLY]
        assert keyword in (optional, []), "optional parameters are keyword-only, in order (or all in **kwargs)"
        if cls != "MessagesApi":
            assert keyword == optional
    if cls == "MessagesApi":
        return
    module = importlib.import_module("smtp.operations." + _OPS[cls])
    op = next(o for o in module.OPERATIONS if o.name == name)
    assert f"{op.method} {op.path}" == http
    assert op.response_type == result and op.api == cls
    assert [p.name + ("*" if p.required else "") for p in op.params] == names
    assert inspect.signature(getattr(api_class, name)).return_annotation == result


_OPS = {
    "APIKeysApi": "api_keys",
    "AccountApi": "account",
    "AlertsApi": "alerts",
    "CallbacksApi": "callbacks",
    "ChannelsApi": "channels",
    "DKIMsApi": "dkims",
    "ReportsApi": "reports",
    "StatisticsApi": "statistics",
}


def test_operations_are_declared_in_the_generated_order() -> None:
    for cls, module in _OPS.items():
        declared = [op.name for op in importlib.import_module("smtp.operations." + module).OPERATIONS]
        assert declared == [m for c, m, *_ in METHODS if c == cls]


@pytest.mark.parametrize(("name", "module", "fields"), MODELS, ids=[m[0] for m in MODELS])
def test_model_surface(name: str, module: str, fields: str) -> None:
    cls = getattr(smtp, name)
    assert cls is getattr(smtp.models, name) is getattr(importlib.import_module("smtp.models." + module), name)
    assert name in smtp.models.__all__ and name in smtp.__all__
    expected = [tuple(f.split(":")) for f in fields.split(";")] if fields else []
    assert [(a, cls.attribute_map[a], cls.openapi_types[a]) for a in cls.attribute_map] == expected
