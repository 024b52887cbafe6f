// A lead's personal-data panels beside its follow-up: the consent ledger (every grant and withdrawal,
// what holds now per purpose and channel, grant / withdraw for roles that may edit the lead: effective
// at once) and the legal hold (admins: retention and erasure leave a held lead alone).
import { useEffect, useState } from "preact/hooks";
import { t, fmtDateTime } from "../i18n.js";
import { html, Message, Select, TextInput } from "../ui.js";
import { consentNote } from "../api-texts.js";
import { actorText } from "./lead-log.js";

// The purposes as the ledger's current state names them: marketing per channel, the others alone.
const PURPOSES = [["marketing", "email"], ["marketing", "phone"], ["marketing", "sms"], ["marketing", "post"],
  ["dealer_contact", null], ["data_transfer", null]];
const keyOf = (purpose, channel) => (purpose === "marketing" ? `marketing_${channel}` : purpose);
const label = (purpose, channel) => (channel ? `${t(`purpose_${purpose}`)} (${t(`ch_${channel}`)})` : t(`purpose_${purpose}`));
const RECORDING_SOURCES = ["workspace", "in_person"];

// The latest entry of each purpose and channel (entries come oldest first).
function latestByKey(entries) {
  const out = {};
  for (const e of entries || []) out[keyOf(e.purpose, e.channel)] = e;
  return out;
}

export function ConsentPanel({ api, lead, onChanged }) {
  const [ledger, setLedger] = useState(null);
  const [form, setForm] = useState({ source: "workspace", notice: "", note: "" });
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState(false);
  const canRecord = lead.allowed_actions.includes("edit");

  async function load() {
    try { setLedger(await api.get(`/leads/${lead.id}/consents`)); } catch (err) {
      setLedger({ entries: [], current: {} });
      setMessage({ kind: "error", text: err.message });
    }
  }
  useEffect(() => { load(); }, [lead.id]);

  async function record(purpose, channel, state) {
    setBusy(true);
    setMessage(null);
    const entry = { purpose, channel, state, source: form.source, notice: form.notice.trim() || null, note: form.note.trim() || null };
    try {
      setLedger(await api.post(`/leads/${lead.id}/consents`, { entries: [entry] }));
      setErrors({});
      setForm({ ...form, note: "" });
      setMessage({ kind: "info", text: t("consentSaved") });
      onChanged();
    } catch (err) {
      // The API names the entry's field ("entries.0.notice"); the form has one of each.
      const fields = Object.fromEntries(Object.entries(err.fieldErrors?.() || {}).map(([f, m]) => [f.replace(/^entries\.\d+\.?/, "") || "entries", m]));
      setErrors(fields);
      setMessage({ kind: "error", text: Object.keys(fields).length ? t("fixErrors") : err.message });
    } finally {
      setBusy(false);
    }
  }

  const latest = latestByKey(ledger?.entries);
  return html`<section class="lead-status consent-panel" aria-labelledby="consent-title" data-testid="consents">
    <h2 id="consent-title">${t("consentTitle")}</h2>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    ${errors.entries && html`<p class="error" role="alert">${errors.entries}</p>`}
    ${ledger === null ? html`<p>${t("loading")}</p>` : html`
      <table aria-labelledby="consent-title">
        <thead><tr><th scope="col">${t("purpose")}</th><th scope="col">${t("stateNow")}</th><th scope="col">${t("since")}</th>
          ${canRecord && html`<th scope="col">${t("actions")}</th>`}</tr></thead>
        <tbody>${PURPOSES.map(([purpose, channel]) => {
          const key = keyOf(purpose, channel);
          const entry = latest[key];
          const state = entry ? entry.state : "none";
          const granted = ledger.current?.[key] ?? state === "granted";
          return html`<tr data-consent=${key}>
            <th scope="row">${label(purpose, channel)}</th>
            <td class=${`state-${state}`} data-testid=${`consent-state-${key}`}>${t(`st_${state}`)}</td>
            <td>${entry ? `${fmtDateTime(entry.at)} · ${t(`src_${entry.source}`)}` : t("none")}</td>
            ${canRecord && html`<td>${granted
              ? html`<button type="button" class="danger" disabled=${busy} aria-label=${`${t("withdraw")}: ${label(purpose, channel)}`}
                  onClick=${() => record(purpose, channel, "withdrawn")}>${t("withdraw")}</button>`
              : html`<button type="button" disabled=${busy} aria-label=${`${t("grant")}: ${label(purpose, channel)}`}
                  onClick=${() => record(purpose, channel, "granted")}>${t("grant")}</button>`}</td>`}
          </tr>`;
        })}</tbody>
      </table>
      ${canRecord && html`<div class="row">
        <${Select} id="consent-source" label=${t("consentSource")} value=${form.source} error=${errors.source}
          options=${RECORDING_SOURCES.map((s) => [s, t(`src_${s}`)])} onChange=${(v) => setForm({ ...form, source: v })} />
        <${TextInput} id="consent-notice" label=${t("consentNotice")} hint=${t("consentNoticeHint")} value=${form.notice} error=${errors.notice}
          onInput=${(v) => setForm({ ...form, notice: v })} />
        <${TextInput} id="consent-note" label=${t("consentNote")} value=${form.note} error=${errors.note}
          onInput=${(v) => setForm({ ...form, note: v })} />
      </div>`}
      <details><summary>${t("consentLedger")} (${ledger.entries?.length || 0})</summary>
        ${ledger.entries?.length ? html`<table data-testid="consent-ledger" aria-label=${t("consentLedger")}>
          <thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("purpose")}</th><th scope="col">${t("stateNow")}</th>
            <th scope="col">${t("consentSource")}</th><th scope="col">${t("consentNotice")}</th><th scope="col">${t("who")}</th>
            <th scope="col">${t("notes")}</th></tr></thead>
          <tbody>${[...ledger.entries].reverse().map((e) => html`<tr data-entry=${e.id}>
            <td>${fmtDateTime(e.at)}</td><td>${label(e.purpose, e.channel)}</td><td class=${`state-${e.state}`}>${t(`st_${e.state}`)}</td>
            <td>${t(`src_${e.source}`)}${e.ip ? ` · IP ${e.ip}` : ""}</td><td>${e.notice || t("none")}</td>
            <td>${e.actor ? actorText(e.actor, e.role) : t("none")}</td><td>${consentNote(e.note) || ""}</td>
          </tr>`)}</tbody>
        </table>` : html`<p>${t("noConsents")}</p>`}
      </details>`}
  </section>`;
}

// The legal hold: set with a reason, released; If-Match the lead's version like every lead change.
export function LegalHoldPanel({ api, lead, onChanged }) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  const held = lead.legal_hold;

  async function put(hold) {
    setMessage(null);
    try {
      await api.put(`/leads/${lead.id}/legal-hold`, hold ? { hold: true, reason: reason.trim() || null } : { hold: false }, lead.version);
      setErrors({});
      setReason("");
      onChanged();
    } catch (err) {
      const fields = err.fieldErrors?.() || {};
      setErrors(fields);
      if (err.status === 412) await onChanged();
      setMessage({ kind: "error", text: err.status === 412 ? t("changedReloaded")
        : Object.keys(fields).length ? t("fixErrors") : err.message });
    }
  }

  return html`<section class="lead-status" aria-labelledby="hold-title" data-testid="legal-hold">
    <h2 id="hold-title">${t("legalHold")}</h2>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    ${held ? html`<p data-testid="legal-hold-state"><strong>${t("legalHoldOn")}</strong><br />
        <q>${held.reason}</q> · ${held.by} · ${fmtDateTime(held.at)}</p>
        <button type="button" onClick=${() => put(false)}>${t("releaseHold")}</button>`
      : html`<p data-testid="legal-hold-state">${t("legalHoldOff")}</p>
        <form class="decide" onSubmit=${(e) => { e.preventDefault(); put(true); }} novalidate>
          <${TextInput} id="hold-reason" label=${t("holdReason")} value=${reason} onInput=${setReason} error=${errors.reason} />
          <button type="submit">${t("setHold")}</button>
        </form>`}
  </section>`;
}
