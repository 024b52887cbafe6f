// A lead's log: who did what when, and what changed, in words (never the stored JSON).
import { useEffect, useState } from "preact/hooks";
import { t, fieldMessage, fmtDate, fmtDateTime, fmtNumber } from "../i18n.js";
import { html, Message, personName } from "../ui.js";
import { whyText } from "../api-texts.js";

const known = (key) => t(key) !== key;
const humanise = (name) => name.replace(/_/g, " ");

// Field names the screens already have a text for under another key.
const WORD_KEYS = { source_detail: "sourceDetail", received_at: "received", due_at: "due", first_contact_at: "firstContact",
  customer_id: "customerId", forwarding: "forwardingColumn", forwarded_from: "forwardedFrom", legal_hold: "legalHold",
  related_leads: "relatedLeads", escalation: "escalation", activity_id: "lf_activity_id" };
// Values that are codes: the prefix of their text, by the name they are stored under.
const CODE_PREFIX = { qualification: "", status: "", decision: "", salutation: "sal_", kind: "contact_", direction: "dir_",
  outcome: "outcome_", state: "st_", source: "src_", relation: "rel_", purchase: "nx_", usage: "nx_", financing: "nx_",
  timeframe: "nx_", channel: "chan_", target: "target_", action: "esc_" };
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const ISO_DATE = /^\d{4}-\d\d-\d\d$/;

function word(name) {
  if (WORD_KEYS[name]) return t(WORD_KEYS[name]);
  if (known(`lf_${name}`)) return t(`lf_${name}`);
  return known(name) ? t(name) : humanise(name);
}

// A stored field path (vehicle.interest.make, consent.marketing_email, forwarding.status) in words.
export function fieldLabel(path) {
  const parts = path.split(".");
  if (parts[0] === "vehicle" && parts.length > 1) parts.shift();
  const section = { interest: t("interest"), current: t("current"), next: t("lf_next") };
  if (parts[0] === "next" && parts[1] === "purchase") return `${section.next}: ${t("lf_next_purchase")}`;   // new or used, not the wish to buy
  return parts.map((p, i) => (i === 0 && section[p] && parts.length > 1 ? section[p] : word(p))).join(": ");
}

function code(name, value, parent) {
  const prefix = name === "status" && ["forwarding", "forwarded_from"].includes(parent) ? "fwd_" : CODE_PREFIX[name];
  if (prefix === undefined) return null;
  return known(`${prefix}${value}`) ? t(`${prefix}${value}`) : null;
}

const empty = (v) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

function contactText(c) {
  const outcome = c.outcome ? t(`outcome_${c.outcome}`) : c.reached ? t("outcome_reached") : null;
  const head = [t(`contact_${c.kind}`), c.direction && t(`dir_${c.direction}`), outcome].filter(Boolean).join(", ");
  const exception = c.consent_exception ? ` (${t("lf_exception", { text: text("consent_exception", c.consent_exception) })})` : "";
  return `${head}${c.note ? ` – ${c.note}` : ""}${exception}`;
}

// Where a lead or customer came from: a web form (and that its original data were kept) or a file's row.
function originText(o) {
  if (o.import || o.file) return t("originFileRow", { file: o.file || o.import, row: o.row ?? "?" });
  if (o.integration || o.raw_payload) return [channelText("webhook"), o.raw_payload && t("rawKept")].filter(Boolean).join(", ");
  return null;
}

function problemText(p) {
  return `${fieldLabel(p.field || "")}: ${t("sentAs", { given: p.given ?? "", reason: fieldMessage(p.reason || "") })}`;
}

// One value as a line of text: codes translated, times and numbers in the locale, objects summarised.
function text(name, value, parent) {
  if (empty(value)) return t("none");
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (typeof value === "number") return name === "year" ? String(value) : fmtNumber(value);
  if (typeof value === "string") {
    if (name === "why") return whyText(value);          // a forwarding's or rule's reason, as the dry run says it
    const coded = code(name, value, parent);
    if (coded) return coded;
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return fmtDateTime(value);
    if (ISO_DATE.test(value)) return fmtDate(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => text(name, v, parent)).join("; ");
  if (name === "contact") return contactText(value);
  if (name === "problems") return problemText(value);
  if (name === "origin" && originText(value)) return originText(value);
  if (name === "routing") {
    const rule = value.name ? t("assignedBy", { name: value.name }) : value.rule ? word("rule") + " " + value.rule : t("lf_noRule");
    return `${rule} → ${value.assignee || t("pool")}${value.why ? ` (${whyText(value.why)})` : ""}`;
  }
  if (name === "escalation" && value.step !== undefined) {
    return `${t("escalationLevel", { n: value.step })}: ${text("action", value.action)}`
      + (empty(value.to) ? "" : ` → ${value.to.join(", ")}`);
  }
  return Object.entries(value).filter(([, v]) => !empty(v))
    .map(([k, v]) => `${word(k)}: ${text(k, v, name)}`).join(", ");
}

// A value as shown in a change: a list of problems as a list, anything else as one line.
function Value({ name, value }) {
  if (name === "problems" && Array.isArray(value) && value.length) {
    return html`<ul class="problems">${value.map((p) => html`<li>${problemText(p)}</li>`)}</ul>`;
  }
  return text(name.split(".").pop(), value, name.split(".").slice(-2, -1)[0]);
}

function Change({ change }) {
  const value = change.new !== undefined ? change.new : change.value;
  const hadValue = change.old !== undefined && change.old !== null;
  return html`<li><span class="field-name">${fieldLabel(change.field)}</span>:
    ${hadValue && html`<del><${Value} name=${change.field} value=${change.old} /></del> → `}<ins><${Value}
      name=${change.field} value=${value} /></ins></li>`;
}

const actionText = (action) => (known(`lg_${action}`) ? t(`lg_${action}`) : humanise(action));
const roleText = (role) => (known(`role_${role}`) ? t(`role_${role}`) : humanise(role));
const channelText = (channel) => (known(`chan_${channel}`) ? t(`chan_${channel}`) : channel);

// Who did something, in words: an integration by what it is and its name (never "webhook:…" or
// "integration"), a person or the system by name, role and, where given, channel.
export function actorText(actor, role, channel) {
  const sender = /^webhook:(.*)$/s.exec(actor || "");
  if (sender) return t("actorNamed", { what: channelText("webhook"), name: sender[1] });
  if (actor === "import" && role === "integration") return channelText("import");
  const how = [role && roleText(role), channel && channelText(channel)].filter(Boolean).join(", ");
  return how ? `${actor} (${how})` : actor;
}

// One entry of a log as a table row (the lead's log here; the privacy screen's audit entries).
export function LogEntry({ entry: e }) {
  return html`<tr>
    <td>${fmtDateTime(e.at)}</td><td>${actorText(e.actor, e.role, e.channel)}</td><td>${actionText(e.action)}</td>
    <td><ul class="changes">${(e.changes || []).map((c) => html`<${Change} change=${c} />`)}</ul></td>
  </tr>`;
}

export function LeadLog({ api, id }) {
  const [entries, setEntries] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const [lead, setLead] = useState(null);                 // whose log it is: named in the title

  async function load(next) {
    try {
      const page = await api.get(`/leads/${id}/log`, { cursor: next || undefined });
      setEntries((before) => [...(next ? before || [] : []), ...page.items]);
      setCursor(page.next_cursor);
    } catch (err) {
      setError(err.message);
      setEntries([]);
    }
  }
  useEffect(() => { load(null); api.get(`/leads/${id}`).then(setLead).catch(() => {}); }, [id]);

  return html`<section aria-labelledby="log-title">
    <h1 id="log-title">${t("leadLog")}${lead ? `: ${personName(lead)}` : ""}</h1>
    <${Message} kind="error">${error}<//>
    ${entries === null ? html`<p>${t("loading")}</p>` : error && entries.length === 0 ? "" : html`
    <table class="log">
      <thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("who")}</th><th scope="col">${t("what")}</th>
        <th scope="col">${t("changes")}</th></tr></thead>
      <tbody>${entries.map((e) => html`<${LogEntry} entry=${e} />`)}</tbody>
    </table>`}
    ${cursor && html`<button type="button" onClick=${() => load(cursor)}>${t("next")}</button>`}
    <p>${lead?.allowed_actions?.includes("edit") && html`<a href=${`#/leads/${id}/edit`}>${t("toLead")}</a> · `}<a href="#/leads">${t("back")}</a></p>
  </section>`;
}
