// Personal data (DSGVO/GDPR), for admins: find a person by e-mail, phone, lead id or customer id; read
// everything held about them and download it as JSON (Art. 15); erase them after a preview and an
// explicit confirmation (Art. 17); carry out erasure requests other tenants sent for forwarded copies;
// see what the retention rules remove next. Every step is the public API's, audited there.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { t, fmtDate, fmtDateTime, fmtNumber } from "../i18n.js";
import { html, Message, TextInput, personName } from "../ui.js";
import { consentNote, reportReason, retentionWhy } from "../api-texts.js";
import { LogEntry, actorText, fieldLabel } from "./lead-log.js";

const CRITERIA = ["email", "phone", "lead_id", "customer_id"];
// The kinds of record an export counts and an erasure touches, in the order they are shown.
const KINDS = ["leads", "customers", "activities", "consents", "audit_entries", "raw_payloads", "import_rows",
  "search_tokens", "match_keys", "idempotency", "contact_claims", "report_lines", "forwarded"];

function Counts({ counts, testid }) {
  const known = [...KINDS.filter((k) => k in (counts || {})), ...Object.keys(counts || {}).filter((k) => !KINDS.includes(k))];
  return html`<ul class="counts" data-testid=${testid}>
    ${known.map((k) => html`<li data-kind=${k}><span>${t(`pd_${k}`)}</span><strong>${fmtNumber(counts[k])}</strong></li>`)}
  </ul>`;
}

// ------------------------------------------------------------------ the export, readable

// A code's text where the workspace has one (chan_webhook, raw_kept), else the code as the API wrote it.
function known(key) {
  const text = t(key);
  return text === key ? key.slice(key.indexOf("_") + 1) : text;
}

// A line of an import's error report about a row: the field in words, why in the workspace's language.
const reportLine = (line) => [line.field && fieldLabel(line.field), reportReason(line.reason || "")].filter(Boolean).join(": ");

function AuditTable({ entries, label }) {
  if (!entries?.length) return null;
  return html`<details class="audit"><summary>${t("auditEntries")} (${entries.length})</summary>
    <table aria-label=${label}>
      <thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("who")}</th><th scope="col">${t("what")}</th>
        <th scope="col">${t("changes")}</th></tr></thead>
      <tbody>${entries.map((e) => html`<${LogEntry} entry=${e} />`)}</tbody>
    </table>
  </details>`;
}

function PersonFacts({ record }) {
  const facts = [["email", record.email], ["phone", record.phone], ["mobile_phone", record.mobile_phone],
    ["work_phone", record.work_phone], ["address", [record.street, [record.postal_code, record.city].filter(Boolean).join(" "), record.country].filter(Boolean).join(", ")],
    ["birth_date", record.birth_date && fmtDate(record.birth_date)]].filter(([, v]) => v);
  return html`<dl class="summary">${facts.map(([k, v]) => html`<dt>${t(k)}</dt><dd>${v}</dd>`)}</dl>`;
}

function ExportView({ doc }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" })), [doc]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const stamp = (doc.generated_at || "").slice(0, 19).replace(/[:T]/g, "-");
  const consents = doc.consents || [];
  return html`<section class="export" aria-labelledby="export-title" data-testid="export">
    <div class="title-row">
      <h2 id="export-title">${t("exportTitle")}</h2>
      <a class="button primary" href=${url} download=${`auskunft-${doc.tenant?.id || "leadflow"}-${stamp}.json`}
        data-testid="export-download">${t("downloadJson")}</a>
    </div>
    <p class="muted">${t("exportFor", { who: Object.values(doc.subject || {}).join(", "), at: fmtDateTime(doc.generated_at) })}</p>
    <${Counts} counts=${doc.counts} testid="export-counts" />
    ${doc.counts && Object.values(doc.counts).every((n) => !n) && html`<p data-testid="export-nothing">${t("nothingHeld")}</p>`}

    ${doc.leads?.length > 0 && html`<h3>${t("leads")}</h3>
      ${doc.leads.map((lead) => html`<article class="record" data-lead=${lead.id}>
        <h4><a href=${`#/leads/${lead.id}/edit`}>${personName(lead)}</a> · ${t(lead.status)} · ${fmtDateTime(lead.received_at)}</h4>
        <p class="muted">${[lead.source, lead.source_detail, lead.channel && known(`chan_${lead.channel}`)].filter(Boolean).join(" · ")} · ${lead.id}</p>
        <${PersonFacts} record=${lead} />
        <${AuditTable} entries=${lead.audit} label=${`${t("auditEntries")}: ${lead.id}`} />
      </article>`)}`}

    ${doc.customers?.length > 0 && html`<h3>${t("customers")}</h3>
      ${doc.customers.map((c) => html`<article class="record" data-customer=${c.id}>
        <h4>${personName(c)}${c.external_id ? ` · ${c.external_id}` : ""}</h4>
        <p class="muted">${c.id}</p>
        <${PersonFacts} record=${c} />
        <${AuditTable} entries=${c.audit} label=${`${t("auditEntries")}: ${c.id}`} />
      </article>`)}`}

    ${doc.activities?.length > 0 && html`<h3 id="export-activities">${t("activities")}</h3>
      <table aria-labelledby="export-activities">
        <thead><tr><th scope="col">${t("dueDate")}</th><th scope="col">${t("activityType")}</th><th scope="col">${t("status")}</th>
          <th scope="col">${t("notes")}</th></tr></thead>
        <tbody>${doc.activities.map((a) => html`<tr><td>${fmtDate(a.due_date)}</td><td>${t(`act_${a.type}`)}</td>
          <td>${t(`act_status_${a.status}`)}</td><td>${a.notes || ""}</td></tr>`)}</tbody>
      </table>`}

    ${consents.length > 0 && html`<h3 id="export-consents">${t("consents")}</h3>
      <table aria-labelledby="export-consents" data-testid="export-consents">
        <thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("consentRecord")}</th><th scope="col">${t("purpose")}</th>
          <th scope="col">${t("stateNow")}</th><th scope="col">${t("consentSource")}</th><th scope="col">${t("consentNotice")}</th>
          <th scope="col">${t("who")}</th><th scope="col">${t("notes")}</th></tr></thead>
        <tbody>${consents.map((c) => html`<tr>
          <td>${fmtDateTime(c.at)}</td><td>${t(c.kind)} ${c.entity_id}</td>
          <td>${c.channel ? `${t(`purpose_${c.purpose}`)} (${t(`ch_${c.channel}`)})` : t(`purpose_${c.purpose}`)}</td>
          <td>${t(`st_${c.state}`)}</td><td>${t(`src_${c.source}`)}${c.ip ? ` · IP ${c.ip}` : ""}</td><td>${c.notice || t("none")}</td>
          <td>${c.actor ? actorText(c.actor, c.role) : t("none")}</td><td>${consentNote(c.note) || ""}</td></tr>`)}</tbody>
      </table>`}

    ${doc.raw_payloads?.length > 0 && html`<h3>${t("rawPayloads")}</h3>
      ${doc.raw_payloads.map((p) => html`<details class="payload"><summary>${p.key} (${known(`raw_${p.status}`)})</summary>
        <pre>${p.content ?? t("none")}</pre></details>`)}`}

    ${doc.import_rows?.length > 0 && html`<h3 id="export-rows">${t("importRows")}</h3>
      <table aria-labelledby="export-rows">
        <thead><tr><th scope="col">${t("file")}</th><th scope="col">${t("row")}</th><th scope="col">${t("cells")}</th>
          <th scope="col">${t("errorReport")}</th></tr></thead>
        <tbody>${doc.import_rows.map((r) => html`<tr><td>${r.file || r.import_id}</td><td>${r.row}</td>
          <td>${r.cells ? Object.entries(r.cells).filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join(" · ") : t("none")}</td>
          <td>${(r.report || []).map(reportLine).join("; ")}</td></tr>`)}</tbody>
      </table>`}
  </section>`;
}

// ------------------------------------------------------------------ erasure

// What a preview says it would erase, as [kind, count, ids] (the API gives ids for some kinds only).
function previewKinds(preview) {
  return Object.entries(preview.counts || {}).map(([kind, count]) => [kind, count, preview.ids?.[kind] || []]);
}

// A modal dialog that asks the admin to type a word before an irreversible step.
function ConfirmDialog({ open, title, text, onConfirm, onCancel, busy }) {
  const ref = useRef(null);
  const [typed, setTyped] = useState("");
  const word = t("eraseWord");
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) { setTyped(""); dialog.showModal(); }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return html`<dialog ref=${ref} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text"
    onCancel=${(e) => { e.preventDefault(); onCancel(); }}>
    <form method="dialog" onSubmit=${(e) => { e.preventDefault(); if (typed.trim() === word) onConfirm(); }}>
      <h2 id="confirm-title">${title}</h2>
      <p id="confirm-text">${text}</p>
      <${TextInput} id="confirm-word" label=${t("typeToConfirm", { word })} value=${typed} onInput=${setTyped} autocomplete="off" />
      <div class="buttons">
        <button type="submit" class="danger" disabled=${busy || typed.trim() !== word}>${t("eraseNow")}</button>
        <button type="button" onClick=${onCancel}>${t("cancel")}</button>
      </div>
    </form>
  </dialog>`;
}

function PreviewView({ preview }) {
  const kinds = previewKinds(preview);
  const held = preview.held || [];          // leads under legal hold: the erasure skips them
  return html`<div data-testid="erasure-preview">
    <table aria-labelledby="erasure-title">
      <thead><tr><th scope="col">${t("kind")}</th><th scope="col">${t("count")}</th><th scope="col">${t("ids")}</th></tr></thead>
      <tbody>${kinds.map(([k, count, ids]) => html`<tr data-kind=${k}><td>${t(`pd_${k}`)}</td><td>${fmtNumber(count)}</td>
        <td class="ids">${ids.slice(0, 20).map((i) => (typeof i === "object" ? `${i.import_id} #${i.row}` : i)).join(", ")}${ids.length > 20 ? " …" : ""}</td></tr>`)}</tbody>
    </table>
    ${held.length > 0 && html`<p class="message warn" role="note" data-testid="erasure-held">${t("heldSkipped")}:
      ${held.map((h) => html`<a href=${`#/leads/${h.lead_id}/edit`}>${h.lead_id}</a> `)}</p>`}
  </div>`;
}

function Erasure({ api, body, onErased }) {
  const [preview, setPreview] = useState(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const [message, setMessage] = useState(null);
  const resultRef = useRef(null);
  useEffect(() => { setPreview(null); setResult(null); setMessage(null); }, [JSON.stringify(body)]);
  // The dialog and the button that opened it are gone once the erasure is done: focus moves to what
  // came of it (else it falls back to the page, and a keyboard or screen reader starts over at the top).
  useEffect(() => { if (result) resultRef.current?.focus(); }, [result]);

  async function loadPreview() {
    setMessage(null);
    setResult(null);
    try { setPreview(await api.post("/privacy/erasure/preview", body)); } catch (err) {
      setMessage({ kind: "error", text: err.message });
    }
  }
  async function erase() {
    setBusy(true);
    try {
      const done = await api.post("/privacy/erasure", { ...body, confirm: true });
      setResult(done);
      setPreview(null);
      setConfirming(false);
      onErased(done);
    } catch (err) {
      setConfirming(false);
      setMessage({ kind: "error", text: err.message });
    } finally {
      setBusy(false);
    }
  }
  // Nothing to erase: nothing counted (leads under legal hold are found, but the erasure leaves them).
  const nothing = preview && !Object.values(preview.counts || {}).some((n) => n > 0);
  return html`<section class="erasure" aria-labelledby="erasure-title">
    <h2 id="erasure-title">${t("erasureTitle")}</h2>
    <p class="muted">${t("erasureHint")}</p>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <div class="buttons"><button type="button" onClick=${loadPreview}>${t("erasurePreview")}</button></div>
    ${preview && html`<${PreviewView} preview=${preview} />
      ${nothing ? html`<p>${t("nothingToErase")}</p>` : html`<div class="buttons">
        <button type="button" class="danger" onClick=${() => setConfirming(true)}>${t("eraseEllipsis")}</button></div>`}`}
    <${ConfirmDialog} open=${confirming} busy=${busy} title=${t("eraseConfirmTitle")} text=${t("eraseConfirmText")}
      onConfirm=${erase} onCancel=${() => setConfirming(false)} />
    ${result && html`<div class="message info" role="status" tabindex="-1" ref=${resultRef} data-testid="erasure-result">
      <p><strong>${t("erased")}</strong>${result.erasure_id ? ` · ${result.erasure_id}` : ""}</p>
      <${Counts} counts=${result.counts || {}} testid="erasure-counts" />
    </div>`}
  </section>`;
}

// Erasure requests other tenants sent for the copies of leads they forwarded here.
function Requests({ api }) {
  const [items, setItems] = useState(null);
  const [message, setMessage] = useState(null);
  const [pending, setPending] = useState(null);
  const [busy, setBusy] = useState(false);
  async function load() {
    try { const r = await api.get("/privacy/requests"); setItems(r.items || []); } catch (err) {
      setItems([]);
      if (err.status !== 404) setMessage({ kind: "error", text: err.message });
    }
  }
  useEffect(() => { load(); }, []);
  async function carryOut() {
    setBusy(true);
    try {
      const done = await api.post("/privacy/erasure", { request_id: pending.id, confirm: true });
      setMessage({ kind: "info", text: `${t("erased")}: ${Object.entries(done.counts || {}).filter(([, n]) => n)
        .map(([k, n]) => `${t(`pd_${k}`)} ${n}`).join(", ") || t("none")}` });
      await load();
    } catch (err) {
      setMessage({ kind: "error", text: err.message });
    } finally {
      setBusy(false);
      setPending(null);
    }
  }
  return html`<section aria-labelledby="requests-title">
    <h2 id="requests-title">${t("erasureRequests")}</h2>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    ${items === null ? html`<p>${t("loading")}</p>` : items.length === 0 ? html`<p>${t("noRequests")}</p>` : html`
      <table aria-labelledby="requests-title" data-testid="erasure-requests">
        <thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("requestedBy")}</th><th scope="col">${t("lead")}</th>
          <th scope="col">${t("status")}</th><th scope="col">${t("actions")}</th></tr></thead>
        <tbody>${items.map((r) => html`<tr data-request=${r.id}>
          <td>${fmtDateTime(r.requested_at)}</td>
          <td>${r.from_name || r.from}${r.requested_by ? ` (${r.requested_by})` : ""}</td>
          <td>${r.lead_id && html`<a href=${`#/leads/${r.lead_id}/edit`}>${r.lead_id}</a>`}</td>
          <td>${t(`req_${r.status}`)}${r.done_at ? ` · ${fmtDateTime(r.done_at)}` : ""}</td>
          <td>${r.status === "pending" && html`<button type="button" class="danger"
            aria-label=${`${t("carryOut")}: ${r.lead_id}`} onClick=${() => setPending(r)}>${t("carryOut")}</button>`}</td>
        </tr>`)}</tbody>
      </table>`}
    <${ConfirmDialog} open=${!!pending} busy=${busy} title=${t("eraseConfirmTitle")} text=${t("requestConfirmText")}
      onConfirm=${carryOut} onCancel=${() => setPending(null)} />
  </section>`;
}

// ------------------------------------------------------------------ retention

// The next retention run (GET /privacy/retention), per rule: how many leads and files it removes, the
// first leads with why, and the leads it passes over (held, converted at the dealer, asked again).
function LeadItems({ items }) {
  if (!items?.length) return null;
  return html`<ul class="changes">${items.map((i) => html`<li data-lead=${i.id}>
    <a href=${`#/leads/${i.id}/edit`}>${i.id}</a> · ${t(i.qualification)} · ${t(i.status)} – ${retentionWhy(i.why)}</li>`)}</ul>`;
}

function Retention({ api }) {
  const [plan, setPlan] = useState(null);
  const [message, setMessage] = useState(null);
  useEffect(() => {
    api.get("/privacy/retention").then(setPlan).catch((err) => { setPlan({}); setMessage({ kind: "error", text: err.message }); });
  }, []);
  const leadRules = Object.entries(plan?.leads || {});
  const objectRules = Object.entries(plan?.objects || {});
  return html`<section aria-labelledby="retention-title" data-testid="retention">
    <h2 id="retention-title">${t("retentionTitle")}</h2>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    ${!plan ? html`<p>${t("loading")}</p>` : plan.next_run_at && html`
      <p class="muted" data-testid="retention-settings">${t("nextRunAt", { at: fmtDateTime(plan.next_run_at) })}${" · "}${Object.entries(plan.settings || {}).map(([k, v]) => `${t(`ret_${k}`)}: ${v}`).join(" · ")}</p>
      <table aria-labelledby="retention-title">
        <thead><tr><th scope="col">${t("rule")}</th><th scope="col">${t("olderThan")}</th><th scope="col">${t("count")}</th>
          <th scope="col">${t("nextItems")}</th></tr></thead>
        <tbody>
          ${leadRules.map(([rule, r]) => html`<tr data-rule=${rule}><th scope="row">${t(`ret_${rule}`)}</th>
            <td>${t("monthsBefore", { n: r.months, date: fmtDate(r.received_before) })}</td>
            <td data-testid=${`retention-count-${rule}`}>${fmtNumber(r.count)}${r.more ? ` ${t("andMore")}` : ""}</td>
            <td>${r.first?.length ? html`<${LeadItems} items=${r.first} />` : t("none")}</td></tr>`)}
          ${objectRules.map(([rule, r]) => html`<tr data-rule=${rule}><th scope="row">${t(`ret_${rule}`)}</th>
            <td>${t("daysBefore", { n: r.days, date: fmtDate(r.modified_before) })}</td>
            <td data-testid=${`retention-count-${rule}`}>${fmtNumber(r.objects)}${r.more ? ` ${t("andMore")}` : ""}</td>
            <td>${t("fileVersions", { n: fmtNumber(r.versions) })}</td></tr>`)}
        </tbody>
      </table>
      ${plan.kept?.count > 0 && html`<details data-testid="retention-kept"><summary>${t("keptCount", { n: plan.kept.count, held: plan.kept.held })}</summary>
        <${LeadItems} items=${plan.kept.first} /></details>`}
      ${plan.last_run && html`<p class="muted">${t("lastRun", { at: fmtDateTime(plan.last_run.at) })}</p>`}`}
  </section>`;
}

// ------------------------------------------------------------------ the screen

export function Privacy({ api, me }) {
  const may = (action) => !!me.permissions?.[action];
  const [criteria, setCriteria] = useState({ email: "", phone: "", lead_id: "", customer_id: "" });
  const [asked, setAsked] = useState(null);                  // the criteria of the export shown
  const [doc, setDoc] = useState(null);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState(false);

  const body = (from) => Object.fromEntries(CRITERIA.map((k) => [k, from[k].trim()]).filter(([, v]) => v));

  async function find(event) {
    event?.preventDefault();
    setMessage(null);
    setBusy(true);
    try {
      const wanted = body(criteria);
      const found = await api.post("/privacy/access", wanted);
      setDoc(found);
      setAsked(wanted);
      setErrors({});
    } catch (err) {
      const fields = err.fieldErrors?.() || {};
      setErrors(fields);
      setDoc(null);
      setAsked(null);
      setMessage({ kind: "error", text: Object.keys(fields).length ? t("fixErrors") : err.message });
    } finally {
      setBusy(false);
    }
  }

  async function afterErasure() {
    try { setDoc(await api.post("/privacy/access", asked)); } catch { setDoc(null); }
  }

  const set = (name) => (value) => setCriteria({ ...criteria, [name]: value });
  return html`<section aria-labelledby="privacy-title" class="privacy">
    <h1 id="privacy-title">${t("privacy")}</h1>
    <p class="muted">${t("privacyHint")}</p>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <form class="filters" onSubmit=${find} aria-labelledby="privacy-find" novalidate>
      <h2 id="privacy-find" class="visually-hidden">${t("findPerson")}</h2>
      <${TextInput} id="privacy-email" type="email" label=${t("email")} value=${criteria.email} onInput=${set("email")} error=${errors.email} autocomplete="off" />
      <${TextInput} id="privacy-phone" type="tel" label=${t("phone")} value=${criteria.phone} onInput=${set("phone")} error=${errors.phone} autocomplete="off" />
      <${TextInput} id="privacy-lead-id" label=${t("leadId")} value=${criteria.lead_id} onInput=${set("lead_id")} error=${errors.lead_id} autocomplete="off" />
      <${TextInput} id="privacy-customer-id" label=${t("customerId")} value=${criteria.customer_id} onInput=${set("customer_id")} error=${errors.customer_id} autocomplete="off" />
      <button type="submit" class="primary" disabled=${busy}>${t("findPerson")}</button>
    </form>
    ${doc && html`<${ExportView} doc=${doc} />`}
    ${doc && asked && may("privacy.erase") && html`<${Erasure} api=${api} body=${asked} onErased=${afterErasure} />`}
    ${may("privacy.erase") && html`<${Requests} api=${api} />`}
    ${may("privacy.retention") && html`<${Retention} api=${api} />`}
  </section>`;
}
