// A lead's follow-up beside its form: the deadline, the first contact, the escalation steps, its
// re-inquiries, and where it was forwarded (importer) or came from (dealer), with the actions the
// caller has on it (log a contact, forward, accept, reject).
import { useEffect, useRef, useState } from "preact/hooks";
import { html, DueCell, Message, Select, TextInput } from "../ui.js";
import { t, fmtDateTime } from "../i18n.js";
import { whyText } from "../api-texts.js";

const CONTACT_KINDS = ["call", "email", "meeting", "sms"];
const OUTCOMES = ["reached", "not_reached", "left_message"];
// outbound: we got in touch, held to the person's consent; inbound: they called, wrote or walked in.
const DIRECTIONS = ["outbound", "inbound"];

function yesNo(value) {
  return value === true ? t("yes") : value === false ? t("no") : t("none");
}

function Escalation({ escalation }) {
  if (!escalation) return html`<dd data-testid="escalation-level">${t("none")}</dd>`;
  return html`<dd>
    <span data-testid="escalation-level">${t("escalationLevel", { n: escalation.level })}</span>
    <ol class="steps" data-testid="escalation-steps">
      ${escalation.steps.map((s) => html`<li>${t(`esc_${s.action}`)} · ${fmtDateTime(s.at)}${s.to?.length ? ` → ${s.to.join(", ")}` : ""}</li>`)}
    </ol>
  </dd>`;
}

function ContactForm({ api, lead, onChanged }) {
  const [body, setBody] = useState({ kind: "call", direction: "outbound", outcome: "reached", note: "" });
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  async function submit(event) {
    event.preventDefault();
    try {
      await api.post(`/leads/${lead.id}/contacts`, { ...body, note: body.note || null }, { version: lead.version });
      setErrors({});
      setBody({ ...body, direction: "outbound", note: "" });      // inbound (no consent needed) is chosen each time
      await onChanged();                  // the lead's new version first: a save right after is not refused
      setMessage({ kind: "info", text: t("contactLogged") });
    } catch (err) {
      setErrors(err.fieldErrors?.() || {});
      if (err.status === 412) await onChanged();     // read anew before it says so: a retry then goes through
      const text = err.status === 412 ? t("changedReloaded")
        : err.problem?.missing_consent ? html`${t("contactNeedsConsent")}<br /><span class="hint">${err.message}</span>`
        : err.message;
      setMessage({ kind: "error", text });
    }
  }
  return html`<form class="contact" onSubmit=${submit} aria-labelledby="contact-title" novalidate>
    <h3 id="contact-title">${t("logContact")}</h3>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <div class="row">
      <${Select} id="contact-kind" label=${t("contactKind")} value=${body.kind} onChange=${(v) => setBody({ ...body, kind: v })}
        options=${CONTACT_KINDS.map((k) => [k, t(`contact_${k}`)])} error=${errors.kind} />
      <${Select} id="contact-direction" label=${t("contactDirection")} value=${body.direction} onChange=${(v) => setBody({ ...body, direction: v })}
        options=${DIRECTIONS.map((d) => [d, t(`direction_${d}`)])} error=${errors.direction} />
      <${Select} id="contact-outcome" label=${t("contactOutcome")} value=${body.outcome} onChange=${(v) => setBody({ ...body, outcome: v })}
        options=${OUTCOMES.map((k) => [k, t(`outcome_${k}`)])} error=${errors.outcome} />
      <${TextInput} id="contact-note" label=${t("notes")} value=${body.note} onInput=${(v) => setBody({ ...body, note: v })} error=${errors.note} />
    </div>
    <button type="submit">${t("logContact")}</button>
  </form>`;
}

function Forward({ api, lead, onChanged }) {
  const [dealers, setDealers] = useState([]);
  const [dealer, setDealer] = useState("");
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get("/links").then((r) => setDealers(r.items.filter((l) => l.side === "dealer" && l.state === "active"))).catch(() => {});
  }, [lead.id]);
  async function submit(event) {
    event.preventDefault();
    try {
      await api.post(`/leads/${lead.id}/forward`, dealer ? { dealer } : {}, { version: lead.version });
      setMessage(null);
      setError(null);
      onChanged();
    } catch (err) {
      // No dealer found (or the one chosen not linked): said at the dealer's field, with the
      // routing's own reasons (why no market area took the lead), and the field focused.
      const refused = (err.problem?.errors || []).find((e) => e.field === "dealer");
      if (!refused) {
        setMessage({ kind: "error", text: err.message });
        return;
      }
      setError(refused.type === "no_dealer_found"
        ? whyText(`no dealer to forward to: ${String(refused.message).replace(/^name the dealer: /, "")}`)
        : err.fieldErrors().dealer);
      setMessage({ kind: "error", text: t("fixErrors") });
      document.getElementById("forward-dealer")?.focus();
    }
  }
  return html`<form class="forward" onSubmit=${submit} novalidate>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <${Select} id="forward-dealer" label=${t("forwardTo")} value=${dealer} onChange=${setDealer} empty=${t("forwardAuto")}
      options=${dealers.map((d) => [d.tenant, d.name || d.tenant])} error=${error} />
    <button type="submit">${t("forward")}</button>
  </form>`;
}

function Decide({ api, lead, onChanged }) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  async function act(action) {
    if (action === "reject" && !reason.trim()) {
      // The importer is told why: a rejection without a reason is refused, said at its field.
      setErrors({ reason: t("reasonRequired") });
      setMessage({ kind: "error", text: t("fixErrors") });
      return;
    }
    try {
      await api.post(`/leads/${lead.id}/${action}`, action === "reject" ? { reason: reason.trim() } : {}, { version: lead.version });
      setErrors({});
      setMessage(null);
      onChanged();
    } catch (err) {
      const fields = err.fieldErrors?.() || {};
      setErrors(fields);
      setMessage({ kind: "error", text: Object.keys(fields).length ? t("fixErrors") : err.message });
    }
  }
  const can = (a) => lead.allowed_actions.includes(a);
  return html`<div class="decide">
    <${Message} kind=${message?.kind}>${message?.text}<//>
    ${can("accept") && html`<button type="button" class="primary" onClick=${() => act("accept")}>${t("accept")}</button>`}
    ${can("reject") && html`<${TextInput} id="reject-reason" label=${t("rejectReason")} value=${reason} onInput=${setReason} error=${errors.reason} />
      <button type="button" onClick=${() => act("reject")}>${t("reject")}</button>`}
  </div>`;
}

// Close a lead that comes to nothing (or reopen it): the status alone, at the version read.
function CloseOrReopen({ api, lead, onChanged }) {
  const [message, setMessage] = useState(null);
  const closing = lead.allowed_actions.includes("close");
  async function submit() {
    try {
      await api.patch(`/leads/${lead.id}`, { status: closing ? "closed" : "open" }, lead.version);
      setMessage(null);
      onChanged();
    } catch (err) {
      if (err.status === 412) await onChanged();
      setMessage({ kind: "error", text: err.status === 412 ? t("changedReloaded") : err.message });
    }
  }
  return html`<div class="close-lead">
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <button type="button" data-testid="close-or-reopen" onClick=${submit}>${t(closing ? "closeLead" : "reopenLead")}</button>
  </div>`;
}

export function LeadStatus({ api, lead, onChanged }) {
  const can = (a) => lead.allowed_actions.includes(a);
  const fwd = lead.forwarding;
  const from = lead.forwarded_from;
  // Forwarded, accepted or rejected: the buttons pressed are gone with the lead read anew, and the
  // focus goes to the follow-up that now says where the lead stands (it fell back to the page).
  const head = useRef(null);
  const settled = async () => { await onChanged(); head.current?.focus(); };
  return html`<aside class="lead-status" aria-labelledby="follow-up-title">
    <h2 id="follow-up-title" tabindex="-1" ref=${head}>${t("followUp")}</h2>
    <dl>
      <dt>${t("due")}</dt><dd><${DueCell} lead=${lead} /></dd>
      <dt>${t("firstContact")}</dt><dd data-testid="first-contact">${lead.first_contact_at ? fmtDateTime(lead.first_contact_at) : t("noneYet")}</dd>
      <dt>${t("deadlineMet")}</dt><dd data-testid="deadline-met">${yesNo(lead.deadline_met)}</dd>
      <dt>${t("escalation")}</dt><${Escalation} escalation=${lead.escalation} />
      ${lead.touches ? html`<dt>${t("reinquiries")}</dt>
        <dd data-testid="touches">${lead.touches}${lead.last_touch_at ? ` · ${fmtDateTime(lead.last_touch_at)}` : ""}</dd>` : ""}
      ${lead.related_leads?.length ? html`<dt>${t("relatedLeads")}</dt>
        <dd data-testid="related-leads">${lead.related_leads.map((r) => {
          const rid = typeof r === "string" ? r : r.id || r.lead_id;
          const label = typeof r === "string" ? rid
            : [r.relation === "household" ? t("household") : r.make, rid].filter(Boolean).join(" · ");
          return html`<a href=${`#/leads/${rid}/edit`}>${label}</a> `;
        })}</dd>` : ""}
      ${fwd && html`<dt>${t("forwardedTo")}</dt>
        <dd data-testid="forwarding">${fwd.dealer_name || fwd.dealer} · <strong>${t(`fwd_${fwd.status}`)}</strong>
          ${fwd.at ? ` · ${fmtDateTime(fwd.at)}` : ""}${fwd.reason ? html` · <q>${fwd.reason}</q>` : ""}</dd>`}
      ${from && html`<dt>${t("forwardedFrom")}</dt>
        <dd data-testid="forwarded-from">${from.importer_name || from.importer} · <strong>${t(`fwd_${from.status}`)}</strong></dd>`}
    </dl>
    ${(can("close") || can("reopen")) && html`<${CloseOrReopen} api=${api} lead=${lead} onChanged=${onChanged} />`}
    ${can("contact") && html`<${ContactForm} api=${api} lead=${lead} onChanged=${onChanged} />`}
    ${can("forward") && html`<${Forward} api=${api} lead=${lead} onChanged=${settled} />`}
    ${(can("accept") || can("reject")) && html`<${Decide} api=${api} lead=${lead} onChanged=${settled} />`}
  </aside>`;
}
