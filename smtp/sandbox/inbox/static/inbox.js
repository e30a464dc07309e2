// The smtp sandbox's web inbox: the live list, the buttons and the sign-in form.
// Message content is only ever put in the page as text (textContent), never as HTML.
"use strict";

const HEADERS = { "X-Smtp-Inbox": "1", "Content-Type": "application/json" };
const POLL_MS = 1500;

function post(url, body, method) {
  return fetch(url, { method: method || "POST", headers: HEADERS, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
}

function cell(text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function when(epoch) {
  return new Date(epoch * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

function row(message) {
  const tr = document.createElement("tr");
  tr.dataset.id = message.msg_id;
  tr.append(cell(when(message.created), "when"), cell(message.channel, "channel"), cell(message.from, "from"),
    cell(message.recipients.join(", "), "to"));
  const subject = cell("", "subject");
  const link = document.createElement("a");
  link.href = "/inbox/m/" + encodeURIComponent(message.msg_id);
  link.textContent = message.subject || "(no subject)";
  subject.append(link);
  if (message.attachments) {
    const clip = document.createElement("span");
    clip.className = "clip";
    clip.title = "attachments";
    clip.textContent = message.attachments + (message.attachments > 1 ? " files" : " file");
    subject.append(" ", clip);
  }
  const status = cell("", "status");
  for (const s of message.statuses) {
    const badge = document.createElement("span");
    badge.className = "badge " + s.status;
    badge.title = s.rcpt;
    badge.textContent = s.status;
    status.append(badge, " ");
  }
  tr.append(subject, status);
  return tr;
}

function liveList(table) {
  let last = null;
  const params = new URLSearchParams({ q: table.dataset.query || "", page: table.dataset.pageNumber || "1" });
  async function refresh() {
    try {
      const reply = await fetch("/sandbox/inbox?" + params, { credentials: "same-origin" });
      if (reply.ok) {
        const text = await reply.text();
        if (text !== last) {
          if (last !== null) {
            const page = JSON.parse(text).data;
            const body = table.tBodies[0];
            body.replaceChildren(...page.messages.map(row));
            if (!page.messages.length) {
              const empty = document.createElement("tr");
              empty.className = "empty";
              const td = cell("No messages yet. Send one through the API.");
              td.colSpan = 6;
              empty.append(td);
              body.append(empty);
            }
            const pager = document.querySelector(".pager span");
            if (pager) pager.textContent = "page " + page.page + " of " + page.pages + " · " + page.total + " messages";
          }
          last = text;
        }
      }
    } catch (error) {
      // the sandbox may be restarting: try again at the next tick
    }
    setTimeout(refresh, POLL_MS);
  }
  refresh();
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  if (button.dataset.action === "delete-all") {
    if (!confirm("Delete every stored message?")) return;
    await post("/sandbox/inbox", undefined, "DELETE");
    location.reload();
  } else if (button.dataset.action === "simulate") {
    const id = document.querySelector("article.message").dataset.id;
    const reply = await post("/sandbox/inbox/" + encodeURIComponent(id) + "/simulate",
      { rcpt: Number(button.dataset.rcpt), event: button.dataset.event });
    if (reply.ok) location.reload();
  }
});

document.addEventListener("change", (event) => {
  const box = event.target.closest("input[data-action=remote-images]");
  if (!box) return;
  const frame = document.querySelector("iframe.body");
  frame.src = frame.dataset.src + (box.checked ? "?remote=1" : "");
});

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-action=login]");
  if (!form) return;
  event.preventDefault();
  const reply = await post("/sandbox/inbox/login", { key: form.elements.key.value });
  if (reply.ok) {
    location.reload();
  } else {
    let note = form.querySelector(".error");
    if (!note) {
      note = document.createElement("p");
      note.className = "error";
      form.prepend(note);
    }
    note.textContent = "That key is not one of this sandbox's keys.";
  }
});

document.addEventListener("DOMContentLoaded", () => {
  const table = document.querySelector("table.messages");
  if (table) liveList(table);
});
