"""The web inbox's HTML, rendered on the server from ``data``'s values.

Every value that comes from a message (subjects, names, addresses, header values, filenames,
text) goes through ``esc``; the HTML body of a message never appears here, only inside the
sandboxed frame that ``Inbox`` serves with its own Content-Security-Policy. The pages run no
inline script: ``/inbox/static/inbox.js`` adds the live list and the buttons.
"""

from __future__ import annotations

import datetime
import json
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from smtp.sandbox.inbox.data import SIMULATIONS

__all__ = ["esc", "inbox_html", "login_html", "message_html", "not_found_html"]

_VIEWS = ("html", "text", "headers", "raw")


def esc(value: Any) -> str:
    """Text made safe for HTML content and quoted attribute values."""
    return escape(str(value), quote=True)


def _when(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


def _page(title: str, page: str, body: str, extra: str = "") -> bytes:
    html = (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · smtp sandbox</title>"
        '<link rel=stylesheet href="/inbox/static/inbox.css">'
        f'<script src="/inbox/static/inbox.js" defer></script>{extra}</head>'
        f'<body data-page="{esc(page)}"><header class=top><a class=brand href="/">smtp sandbox</a>'
        '<nav><a href="/">Inbox</a> <a href="/inbox/callbacks">Callbacks</a></nav></header>'
        f"<main>{body}</main></body></html>"
    )
    return html.encode("utf-8")


def _status_badges(statuses: list[dict[str, str]]) -> str:
    return " ".join(
        f'<span class="badge {esc(s["status"])}" title="{esc(s["rcpt"])}">{esc(s["status"])}</span>' for s in statuses
    )


def inbox_rows(messages: list[dict[str, Any]]) -> str:
    """The table rows of one page of messages."""
    rows = []
    for m in messages:
        link = "/inbox/m/" + quote(m["msg_id"], safe="")
        count = m.get("attachments") or 0
        clip = f'<span class=clip title="attachments">{count} file{"s" if count > 1 else ""}</span>' if count else ""
        rows.append(
            f'<tr data-id="{esc(m["msg_id"])}"><td class=when>{esc(_when(m["created"]))}</td>'
            f"<td class=channel>{esc(m['channel'])}</td><td class=from>{esc(m['from'])}</td>"
            f"<td class=to>{esc(', '.join(m['recipients']))}</td>"
            f'<td class=subject><a href="{esc(link)}">{esc(m["subject"] or "(no subject)")}</a> {clip}</td>'
            f"<td class=status>{_status_badges(m.get('statuses', []))}</td></tr>"
        )
    return "".join(rows) or "<tr class=empty><td colspan=6>No messages yet. Send one through the API.</td></tr>"


def inbox_html(page: dict[str, Any]) -> bytes:
    """The inbox: search, the newest messages, the pager and the delete-all button."""
    query, number, pages = page["query"], page["page"], page["pages"]

    def link(n: int) -> str:
        return "/?" + urlencode({"q": query, "page": n} if query else {"page": n})

    pager = f"<span>page {number} of {pages} · {page['total']} messages</span>"
    if number > 1:
        pager = f'<a rel=prev href="{esc(link(number - 1))}">← newer</a> ' + pager
    if number < pages:
        pager += f' <a rel=next href="{esc(link(number + 1))}">older →</a>'
    body = (
        '<section class=toolbar><form class=search method=get action="/">'
        f'<input type=search name=q value="{esc(query)}" placeholder="to:jane from:shop subject:invoice channel:main"'
        " aria-label=Search><button type=submit>Search</button></form>"
        '<button type=button class=danger data-action="delete-all">Delete all</button></section>'
        f'<table class=messages data-query="{esc(query)}" data-page-number="{number}">'
        "<thead><tr><th>Time</th><th>Channel</th><th>From</th><th>To</th><th>Subject</th><th>Status</th></tr></thead>"
        f"<tbody>{inbox_rows(page['messages'])}</tbody></table><p class=pager>{pager}</p>"
    )
    return _page("Inbox", "inbox", body)


def message_html(msg_id: str, view: dict[str, Any], current: str) -> bytes:
    """One message: envelope, the view tabs, attachments and each recipient's items."""
    env = view["envelope"]
    base = "/inbox/m/" + quote(msg_id, safe="")
    if current not in _VIEWS or (current == "html" and not view["has_html"]):
        current = "html" if view["has_html"] else "text"
    names = {"html": "HTML", "text": "Text", "headers": "Headers", "raw": "Raw"}
    tabs = "".join(
        f'<a class="tab{" active" if v == current else ""}" href="{esc(base)}?view={v}">{names[v]}</a>'
        for v in _VIEWS
        if v != "html" or view["has_html"]
    )
    tabs += f' <a class=tab href="{esc(base)}.eml" download>Download .eml</a>'
    if current == "html":
        pane = (
            '<label class=remote><input type=checkbox data-action="remote-images"> Load remote images</label>'
            f'<iframe class=body title="HTML body" sandbox referrerpolicy=no-referrer src="{esc(base)}/body.html"'
            f' data-src="{esc(base)}/body.html"></iframe>'
        )
    elif current == "text":
        note = "<p class=note>Shown in part; download the .eml for all of it.</p>" if view["text_truncated"] else ""
        pane = f"<pre class=text>{esc(view['text']) or '(no text part)'}</pre>{note}"
    elif current == "headers":
        pane = (
            "<table class=headers>"
            + "".join(f"<tr><th>{esc(name)}</th><td>{esc(value)}</td></tr>" for name, value in view["headers"])
            + "</table>"
        )
    else:
        note = "<p class=note>Shown in part; download the .eml for all of it.</p>" if view["raw_truncated"] else ""
        pane = f"<pre class=raw>{esc(view['raw'])}</pre>{note}"
    envelope = "".join(
        f'<li><span class="kind {esc(r["kind"])}">{esc(r["kind"])}</span> {esc(r["address"])}'
        f"{' <em>(Bcc: not in the headers)</em>' if r['kind'] == 'bcc' else ''}</li>"
        for r in view["recipients"]
    )
    files = "".join(
        f'<li><a href="{esc(base)}/part/{a["part"]}" download="{esc(a["filename"] or "part-" + str(a["part"]))}">'
        f"{esc(a['filename'] or '(no name)')}</a> <span class=type>{esc(a['type'])}</span> "
        f"<span class=size>{esc(_size(a['size']))}</span>{' <span class=cid>inline</span>' if a['cid'] else ''}</li>"
        for a in view["attachments"]
    )
    timelines = "".join(_recipient_section(msg_id, r) for r in view["recipients"])
    body = (
        f'<article class=message data-id="{esc(msg_id)}"><h1>{esc(env["subject"] or "(no subject)")}</h1>'
        f"<dl class=meta><dt>From</dt><dd>{esc(env['from'])}</dd><dt>Channel</dt><dd>{esc(env['channel'])}</dd>"
        f"<dt>Accepted</dt><dd>{esc(_when(env['created']))}</dd><dt>Size</dt><dd>{esc(_size(env['size']))}</dd>"
        f"<dt>Structure</dt><dd><code>{esc(view['outline'])}</code></dd></dl>"
        f"<h2>Envelope</h2><ul class=envelope>{envelope}</ul>"
        f"<h2>Attachments</h2><ul class=attachments>{files or '<li>none</li>'}</ul>"
        f"<nav class=tabs>{tabs}</nav><section class=pane>{pane}</section>"
        f"<h2>Recipients and events</h2>{timelines}</article>"
    )
    return _page(env["subject"] or "(no subject)", "message", body)


def _recipient_section(msg_id: str, recipient: dict[str, Any]) -> str:
    buttons = "".join(
        f'<button type=button data-action=simulate data-event="{esc(kind)}" data-rcpt="{recipient["index"]}"'
        f' title="{esc(what)}">{esc(kind)}</button>'
        for kind, what in SIMULATIONS.items()
    )
    item = json.dumps(recipient["item"], indent=2, ensure_ascii=False)
    return (
        f'<section class=recipient><h3>{esc(recipient["address"])} <span class="badge {esc(recipient["status"])}">'
        f"{esc(recipient['status'])}</span></h3><div class=simulate>Simulate: {buttons}</div>"
        f"<details><summary>As <code>v4_messages_get</code> returns it</summary><pre>{esc(item)}</pre></details>"
        "</section>"
    )


def login_html(error: str = "") -> bytes:
    """The page that asks for the sandbox's API key once (then a cookie keeps the session)."""
    problem = f"<p class=error>{esc(error)}</p>" if error else ""
    body = (
        "<section class=login><h1>This sandbox wants its API key</h1>"
        "<p>It was started with <code>--api-key</code>. Enter one of its keys to open the inbox.</p>"
        f'{problem}<form data-action="login">'
        '<input type=password name=key autocomplete=off aria-label="API key" required>'
        "<button type=submit>Open the inbox</button></form></section>"
    )
    return _page("Sign in", "login", body)


def not_found_html(what: str) -> bytes:
    """A 404 page."""
    return _page(
        "Not found", "missing", f"<h1>Not found</h1><p>{esc(what)}</p><p><a href='/'>Back to the inbox</a></p>"
    )


def callbacks_html(callbacks: list[dict[str, Any]], log: list[dict[str, Any]]) -> bytes:
    """The registered callbacks and the delivery log."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(c.get(k, ''))}</td>" for k in ("channel", "event", "medium", "address")) + "</tr>"
        for c in callbacks
    )
    attempts = "".join(
        "<tr>" + "".join(f"<td>{esc(a.get(k, ''))}</td>" for k in ("time", "channel", "event", "code", "msg")) + "</tr>"
        for a in log
    )
    body = (
        "<h1>Callbacks</h1><table class=callbacks><thead><tr><th>Channel</th><th>Event</th><th>Medium</th>"
        f"<th>Address</th></tr></thead><tbody>{rows or '<tr><td colspan=4>None registered.</td></tr>'}</tbody></table>"
        "<h2>Delivery log</h2><table class=log><thead><tr><th>Time</th><th>Channel</th><th>Event</th><th>Code</th>"
        f"<th>Message</th></tr></thead><tbody>{attempts or '<tr><td colspan=5>No delivery yet.</td></tr>'}</tbody>"
        "</table>"
    )
    return _page("Callbacks", "callbacks", body)
