// "Create activity" (the seed's "Aktivität anlegen"): the duplicate check with ranked candidates and
// their reasons, the three-column view with a checkbox per field, the three decisions and the activity.
import { useEffect, useRef, useState } from "preact/hooks";
import { t, fmtDate } from "../i18n.js";
import { reasonText } from "../api-texts.js";
import { html, go, Checkbox, Message, Select, TextInput, personName } from "../ui.js";

const empty = (v) => v === null || v === undefined || v === "";

// A compared value as a person reads it: the salutation in words, a date in the locale's format.
function shown(field, value) {
  if (field === "salutation" && t(`sal_${value}`) !== `sal_${value}`) return t(`sal_${value}`);
  if (/^\d{4}-\d\d-\d\d$/.test(String(value))) return fmtDate(String(value));
  return String(value);
}

function defaultTicks(candidate) {
  // Ticked by default where the customer has no value and the lead has one.
  return new Set((candidate?.fields || []).filter((f) => empty(f.customer) && !empty(f.lead)).map((f) => f.field));
}

// Update the customer where the lead says something the customer does not; else take it unchanged.
function defaultDecision(candidate) {
  if (!candidate) return "new_customer";
  return candidate.fields.some((f) => !empty(f.lead) && f.differs) ? "update_customer" : "keep_customer";
}

export function Convert({ api, id }) {
  const [check, setCheck] = useState(null);
  const [lead, setLead] = useState(null);
  const [chosen, setChosen] = useState(null);              // customer id of the chosen candidate
  const [ticks, setTicks] = useState(new Set());
  const [decision, setDecision] = useState("new_customer");
  const [types, setTypes] = useState(["call"]);
  const [activity, setActivity] = useState({ type: "call", due_date: "", notes: "" });
  const [message, setMessage] = useState(null);
  const [errors, setErrors] = useState({});
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  const [gone, setGone] = useState(null);                 // the lead's status once it is no longer open
  // The form is gone once the activity is created (or the lead was converted meanwhile): the focus
  // goes to what came of it, not to the page (a keyboard or screen-reader user was left nowhere).
  const outcome = useRef(null);
  useEffect(() => { if (done || gone) outcome.current?.focus(); }, [done, gone]);

  function show(fresh) {
    setCheck(fresh);
    const top = fresh.candidates[0];
    const pick = top && top.verdict !== "unlikely" ? top : null;
    setChosen(pick?.customer.id || null);
    setTicks(defaultTicks(pick));
    setDecision(defaultDecision(pick));
  }

  useEffect(() => {
    api.get(`/leads/${id}`).then(setLead).catch(() => {});
    api.get("/tenant").then((tenant) => setTypes(tenant.activity_types || ["call"])).catch(() => {});
    api.get(`/leads/${id}/duplicates`).then(show).catch((err) => setMessage({ kind: "error", text: err.message }));
  }, [id]);

  if (done) {
    const { customer, activity: act } = done;
    return html`<section aria-labelledby="done-title">
      <h1 id="done-title" tabindex="-1" ref=${outcome}>${t("converted_ok", { name: personName(customer) })}</h1>
      <dl class="summary" data-testid="conversion">
        <dt>${t("customer")}</dt><dd data-testid="customer-id">${customer.id}</dd>
        <dt>${t("name")}</dt><dd data-testid="customer-name">${personName(customer)}</dd>
        <dt>${t("email")}</dt><dd data-testid="customer-email">${customer.email || t("none")}</dd>
        <dt>${t("phone")}</dt><dd data-testid="customer-phone">${customer.phone || customer.mobile_phone || t("none")}</dd>
        <dt>${t("activity")}</dt><dd data-testid="activity-id">${act.id}</dd>
        <dt>${t("activityType")}</dt><dd data-testid="activity-type">${t(`act_${act.type}`)}</dd>
        <dt>${t("dueDate")}</dt><dd>${fmtDate(act.due_date)}</dd>
      </dl>
      <p><a href="#/leads">${t("back")}</a></p>
    </section>`;
  }
  if (gone) {
    return html`<section aria-labelledby="gone-title">
      <h1 id="gone-title" tabindex="-1" ref=${outcome}>${t("createActivity")}${lead ? `: ${personName(lead)}` : ""}</h1>
      <${Message} kind="error">${t("notOpenAnyMore", { status: t(gone) })}<//>
      <p><a href=${`#/leads/${id}/edit`}>${t("toLead")}</a> · <a href="#/leads">${t("back")}</a></p>
    </section>`;
  }
  if (!check) return html`<section><h1>${t("duplicateCheck")}</h1><${Message} kind=${message?.kind}>${message?.text}<//>
    ${!message && html`<p>${t("loading")}</p>`}</section>`;

  const candidate = check.candidates.find((c) => c.customer.id === chosen);
  const choose = (c) => { setChosen(c.customer.id); setTicks(defaultTicks(c)); setDecision(defaultDecision(c)); };
  const tick = (field, on) => { const s = new Set(ticks); on ? s.add(field) : s.delete(field); setTicks(s); };

  async function submit(event) {
    event.preventDefault();
    setMessage(null);
    setErrors({});
    if (decision === "update_customer" && ticks.size === 0) {
      setErrors({ fields: t("tickSomething") });
      setMessage({ kind: "error", text: t("tickSomething") });
      return;
    }
    setBusy(true);
    const body = {
      decision, check_token: check.check_token,
      activity: { type: activity.type, notes: activity.notes || null, due_date: activity.due_date || null },
      ...(decision !== "new_customer" ? { customer_id: chosen } : {}),
      ...(decision === "update_customer" ? { fields: [...ticks] } : {}),
    };
    try {
      setDone(await api.post(`/leads/${id}/convert`, body));
    } catch (err) {
      if (err.status === 409 && err.problem.duplicate_check) {
        show(err.problem.duplicate_check);
        setMessage({ kind: "error", text: t("stale") });
      } else if (err.status === 409) {
        // Converted (or closed) meanwhile, from another tab or by a colleague: say so, offer nothing more.
        const fresh = await api.get(`/leads/${id}`).catch(() => null);
        if (fresh) setLead(fresh);
        setGone(fresh?.status || "converted");
      } else {
        // A refusal at a field of this screen is said there; above it only that something is to correct.
        const fields = err.fieldErrors?.() || {};
        setErrors(fields);
        const placed = ["activity.type", "activity.due_date"].some((f) => fields[f]);
        setMessage({ kind: "error", text: placed ? t("fixErrors") : err.message });
      }
    } finally {
      setBusy(false);
    }
  }

  return html`<section aria-labelledby="convert-title">
    <h1 id="convert-title">${t("createActivity")}${lead ? `: ${personName(lead)}` : ""}</h1>
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <h2 id="candidates-title">${t("duplicateCheck")}</h2>
    ${check.note && html`<p class="message warn">${reasonText(check.note)}</p>`}
    ${check.candidates.length === 0 ? html`<p>${t("noCandidates")}</p>` : html`
    <ol class="candidates" aria-labelledby="candidates-title">
      ${check.candidates.map((c, i) => html`<li class=${`candidate v-${c.verdict}${c.customer.id === chosen ? " chosen" : ""}`}
          data-customer=${c.customer.id}>
        <div class="candidate-head">
          <strong>${i + 1}. ${personName(c.customer)}</strong>
          <span class=${`badge verdict-${c.verdict}`}>${t(`verdict_${c.verdict}`)}</span>
          <span>${c.probability < 0.01 ? t("confidenceBelow1") : t("confidence", { n: c.confidence })}</span>
          <span class="muted">${[c.customer.street, c.customer.postal_code, c.customer.city].filter(Boolean).join(", ")}</span>
          <button type="button" aria-pressed=${c.customer.id === chosen ? "true" : "false"} onClick=${() => choose(c)}>
            ${t("chooseCustomer")}</button>
        </div>
        <details><summary>${t("reasons")}</summary>
          <ul class="reasons">${c.reasons.map((r) => html`<li class=${`outcome-${r.outcome}`}>
            <span class="field-name">${t(r.field)}</span>: ${reasonText(r.detail)}</li>`)}</ul>
          ${c.rule && html`<p>${reasonText(c.rule)}</p>`}
        </details>
      </li>`)}
    </ol>`}
    <form onSubmit=${submit}>
      ${candidate && html`<table class="compare" aria-label=${`${t("customer")} ${personName(candidate.customer)}`}>
        <thead><tr><th scope="col">${t("field")}</th><th scope="col">${t("customerValue")}</th>
          <th scope="col">${t("newValue")}</th></tr></thead>
        <tbody>${candidate.fields.map((f) => html`<tr class=${f.differs ? "differs" : ""} data-field=${f.field}>
          <th scope="row">${t(f.field)}</th>
          <td data-label=${t("customerValue")}>${empty(f.customer) ? t("none") : shown(f.field, f.customer)}</td>
          <td data-label=${t("newValue")}>${empty(f.lead) ? t("none") : html`<${Checkbox} id=${`take-${f.field}`} label=${shown(f.field, f.lead)}
            checked=${ticks.has(f.field)} disabled=${decision !== "update_customer"} aria-label=${t("takeField", { field: t(f.field) })}
            onChange=${(on) => tick(f.field, on)} />`}</td>
        </tr>`)}</tbody>
      </table>`}
      <fieldset class="decision" aria-describedby=${errors.fields ? "decision-error" : undefined}><legend>${t("decision")}</legend>
        ${["update_customer", "keep_customer", "new_customer"].map((d) => html`<div class="radio">
          <input type="radio" name="decision" id=${`decision-${d}`} value=${d} checked=${decision === d}
            disabled=${d !== "new_customer" && !candidate} onChange=${() => setDecision(d)} />
          <label for=${`decision-${d}`}>${t(d)}</label></div>`)}
        ${errors.fields && html`<small id="decision-error" class="error" role="alert">${errors.fields}</small>`}
      </fieldset>
      <fieldset><legend>${t("activity")}</legend>
        <div class="grid">
          <${Select} id="activity-type" label=${t("activityType")} value=${activity.type}
            onChange=${(v) => setActivity({ ...activity, type: v })} options=${types.map((v) => [v, t(`act_${v}`)])}
            error=${errors["activity.type"]} />
          <${TextInput} id="activity-due" type="date" label=${t("dueDate")} value=${activity.due_date}
            onInput=${(v) => setActivity({ ...activity, due_date: v })} error=${errors["activity.due_date"]} />
        </div>
        <div class="field">
          <label for="activity-notes">${t("notes")}</label>
          <textarea id="activity-notes" rows="3" value=${activity.notes}
            onInput=${(e) => setActivity({ ...activity, notes: e.currentTarget.value })}></textarea>
        </div>
      </fieldset>
      <div class="buttons">
        <button type="submit" class="primary" disabled=${busy}>${t("convert")}</button>
        <button type="button" onClick=${() => (history.length > 1 ? history.back() : go("/leads"))}>${t("cancel")}</button>
      </div>
    </form>
  </section>`;
}
