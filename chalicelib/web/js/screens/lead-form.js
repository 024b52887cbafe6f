// Create and edit a lead in the seed's three tabs (prospect, vehicle, remark). Errors at their field,
// a machine sender's bad values highlighted with what was sent, the version kept (412 shows the fresh lead).
import { useEffect, useRef, useState } from "preact/hooks";
import { LeadStatus } from "./lead-status.js";
import { ConsentPanel, LegalHoldPanel } from "./lead-privacy.js";
import { t } from "../i18n.js";
import { html, go, uid, Checkbox, Message, Select, TextInput, problemText } from "../ui.js";

const PERSON = ["salutation", "title", "first_name", "last_name", "company", "street", "postal_code", "city", "country",
  "phone", "mobile_phone", "work_phone", "email", "birth_date"];
const INTERESTS = ["dealer_contact", "brochure", "test_drive", "offer", "purchase", "accessories_catalogue"];
const SALUTATIONS = { de: { mr: "Herr", ms: "Frau", mx: "Divers", family: "Familie", company: "Firma" },
  en: { mr: "Mr", ms: "Ms", mx: "Mx", family: "Family", company: "Company" } };
// Models offered per make; any other model can be typed in. (There is no model catalog in the API.)
const MODELS = {
  "Volkswagen": ["Polo", "Golf", "ID.3", "ID.4", "ID.7", "T-Roc", "Tiguan", "Passat", "Touareg"],
  "Škoda": ["Fabia", "Scala", "Octavia", "Superb", "Kamiq", "Karoq", "Kodiaq", "Elroq", "Enyaq"],
  "Audi": ["A1", "A3", "A4", "A6", "Q2", "Q3", "Q4 e-tron", "Q5", "Q8 e-tron"],
  "SEAT": ["Ibiza", "Leon", "Arona", "Ateca", "Tarraco"], "CUPRA": ["Born", "Formentor", "Leon", "Tavascan", "Terramar"],
  "BMW": ["1er", "3er", "5er", "X1", "X3", "X5", "i4", "iX"], "Mercedes-Benz": ["A-Klasse", "C-Klasse", "E-Klasse", "GLA", "GLC", "EQA"],
};
// The next vehicle (domain/lead.py NextVehicle): each a closed set of codes, said in words (nx_...).
const NEXT = { purchase: ["new", "used", "demo", "any"], usage: ["buy", "leasing", "rental", "subscription"],
  financing: ["cash", "loan", "leasing", "undecided"],
  timeframe: ["immediately", "within_3_months", "within_6_months", "within_12_months", "later", "unknown"] };
const NEXT_LABEL = { purchase: "lf_next_purchase", usage: "lf_usage", financing: "lf_financing", timeframe: "lf_timeframe" };
const COUNTRIES = ["AT", "DE", "CH", "LI", "IT"];
// The usual countries, and the lead's own where it is another (FR, NL ...): a select without it shows a blank.
const countryOptions = (current) => [...COUNTRIES, ...(current && !COUNTRIES.includes(current) ? [current] : [])].map((c) => [c, c]);
// Likewise the catalog's sources and details, and the lead's own where the catalog lacks it (a source
// deactivated since, an importer's source on a lead it forwarded to a dealer): shown, not a blank.
const withCurrent = (names, current) => [...names, ...(current && !names.includes(current) ? [current] : [])].map((n) => [n, n]);
const TABS = ["prospect", "vehicle", "remark"];
const TAB_LABEL = { prospect: "tabProspect", vehicle: "tabVehicle", remark: "tabRemark" };

const EMPTY = { qualification: "warm", country: null, vehicle: { current: {}, next: {}, interest: { models: [] } } };

function editable(lead) {
  const out = { vehicle: JSON.parse(JSON.stringify(lead.vehicle || EMPTY.vehicle)) };
  for (const k of [...PERSON, "remark", "qualification", "source", "source_detail", "assignee"]) out[k] = lead[k] ?? null;
  return out;
}

// RFC 7396 merge patch: what changed; nested objects sent whole (they are small).
function mergePatch(before, after) {
  const patch = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) patch[key] = after[key] ?? null;
  }
  return patch;
}

// Whom the caller may pick as the assignee, as the API decides it (domain/permissions.py may_assign):
// with lead.assign anyone and the pool; with lead.take only oneself, and the pool while the lead is in it.
// The lead's own assignee is always among them: one no longer active (a rep who left) was missing,
// and the choice stood empty.
function assigneeChoices(me, users, current) {
  const own = current && !users.some((u) => u.id === current) ? [{ id: current, name: current }] : [];
  if (me.permissions["lead.assign"]) return { users: [...users, ...own], pool: true };
  const mayTake = !current && me.permissions["lead.take"];
  return { users: [...users.filter((u) => u.id === current || (mayTake && u.id === me.user)), ...own], pool: !current };
}

function clean(value) {
  return typeof value === "string" && value.trim() === "" ? null : value;
}

// What a screen says to the next one it opens (a new lead saved: the edit screen says so).
let flash = null;

export function LeadForm({ api, me, id }) {
  const [lead, setLead] = useState(null);
  const [form, setForm] = useState(id ? null : JSON.parse(JSON.stringify(EMPTY)));
  const [tab, setTab] = useState("prospect");
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(() => { const said = flash; flash = null; return said; });
  const [sources, setSources] = useState([]);
  const [users, setUsers] = useState([]);
  const [otherModel, setOtherModel] = useState("");
  const [routing, setRouting] = useState(null);           // the rule that assigned the lead, from its log
  const [tenantKind, setTenantKind] = useState(null);     // "dealer" or "importer": dealer contact is an importer's
  const [reviewed, setReviewed] = useState(false);        // the next save closes the review (PATCH "reviewed")
  const tabRefs = useRef({});
  const refused = useRef(null);            // the first field the API refused: focused once shown
  const messageBox = useRef(null);         // the form's message: focused when the button pressed is gone
  const [sayFocus, setSayFocus] = useState(0);
  useEffect(() => { if (sayFocus) messageBox.current?.focus(); }, [sayFocus]);
  const lang = document.documentElement.lang;

  async function loadLead() {
    const fresh = await api.get(`/leads/${id}`);
    setLead(fresh);
    setForm(editable(fresh));
    return fresh;
  }

  // After an action beside the form (a contact logged, closed, a consent, the legal hold) the lead
  // is read anew for its new version, and what was typed but not saved yet stays in the form.
  const current = useRef({});
  current.current = { lead, form };
  async function reloadKeepingInput() {
    const { lead: before, form: typed } = current.current;
    const unsaved = before && typed ? mergePatch(editable(before), typed) : {};
    const fresh = await api.get(`/leads/${id}`);
    setLead(fresh);
    setForm({ ...editable(fresh), ...unsaved });
    return fresh;
  }

  useEffect(() => {
    // After a refused save, the first refused field (on its tab, now shown) takes the focus, so a
    // keyboard or screen-reader user lands where the correction goes.
    if (!refused.current) return;
    const field = document.getElementById(fieldId(refused.current));
    refused.current = null;
    field?.focus();
  }, [errors, tab]);

  useEffect(() => {
    api.get("/sources").then((r) => setSources(r.items.filter((s) => s.active))).catch(() => {});
    api.get("/tenant").then((tenant) => setTenantKind(tenant.kind || null)).catch(() => {});
    if (me.permissions["user.read"]) api.get("/users").then((r) => setUsers(r.items.filter((u) => u.active && u.works_leads))).catch(() => {});
    if (id) loadLead().catch((err) => setMessage({ kind: "error", text: err.message }));
    if (id && me.permissions["lead.log"]) {
      api.get(`/leads/${id}/log`).then((log) => {
        const routed = log.items.flatMap((e) => e.changes).find((c) => c.field === "routing");
        setRouting(routed?.new || null);
      }).catch(() => {});
    }
  }, [id]);

  if (!form) return message ? html`<${Message} kind=${message.kind}>${message.text}<//>` : html`<p>${t("loading")}</p>`;

  // Every problem a sender left, by field (a field may have several); each shown at its field,
  // and those of a field the form does not have listed under the review note.
  const problems = {};
  for (const p of lead?.problems || []) (problems[p.field || ""] ||= []).push(p);
  const placed = new Set();
  const at = (field) => { placed.add(field); return problems[field]; };
  const set = (name) => (value) => setForm({ ...form, [name]: clean(value), ...(name === "source" ? { source_detail: null } : {}) });
  const setVehicle = (section, name) => (value) => setForm({
    ...form, vehicle: { ...form.vehicle, [section]: { ...form.vehicle[section], [name]: clean(value) } } });
  const interest = form.vehicle.interest || { models: [] };
  const source = sources.find((s) => s.name === form.source);
  const readOnly = id && lead && !lead.allowed_actions.includes("edit");
  const choices = assigneeChoices(me, users, lead?.assignee ?? null);

  // Take the pool lead: only the assignee changes, at the version read; unsaved input stays in the form.
  async function take() {
    setMessage(null);
    try {
      const taken = await api.patch(`/leads/${id}`, { assignee: me.user }, lead.version);
      setLead(taken);
      setForm({ ...form, assignee: taken.assignee });
      setMessage({ kind: "info", text: t("taken") });
      setSayFocus((n) => n + 1);          // "Übernehmen" is gone: the focus goes to what it came to
    } catch (err) {
      if (err.status === 412 || err.status === 409) {
        const fresh = await loadLead().catch(() => null);
        setMessage({ kind: "error", text: t("changedMeanwhile", { v: fresh?.version ?? "?" }) });
        return;
      }
      setMessage({ kind: "error", text: err.message });
    }
  }

  async function save(event) {
    event.preventDefault();
    setMessage(null);
    const body = JSON.parse(JSON.stringify(form));
    // Numbers go as typed ("25.000", "24.990,50", "12 500 km"): the API reads them as the person
    // wrote them, or refuses them at their field. Number() read "25.000" as 25 and "abc" as nothing.
    const typed = (value) => (typeof value === "string" ? value.trim() || null : value);
    for (const section of ["current", "next"]) {
      for (const k of ["year", "mileage_km"]) if (body.vehicle[section]?.[k] !== undefined) body.vehicle[section][k] = typed(body.vehicle[section][k]);
    }
    if (body.vehicle.interest?.price !== undefined) body.vehicle.interest.price = typed(body.vehicle.interest.price);
    try {
      if (id) {
        const patch = mergePatch(editable(lead), body);
        if (reviewed && lead.needs_review) patch.reviewed = true;
        const saved = Object.keys(patch).length ? await api.patch(`/leads/${id}`, patch, lead.version) : lead;
        setLead(saved);
        setForm(editable(saved));
        setReviewed(false);
      } else {
        const created = await api.post("/leads", body);
        const said = created.reinquiry_of ? t("attachedAsReinquiry") : t("saved");
        if (!(created.allowed_actions || []).includes("log")) {
          // A re-inquiry of a lead, or a lead a rule gave to a colleague the rep cannot read:
          // say where it went, not "lead not found".
          setErrors({});
          setForm(JSON.parse(JSON.stringify(EMPTY)));     // ready for the next one, not to be sent twice
          setTab("prospect");
          setMessage({ kind: "info", text: created.reinquiry_of || !created.assignee ? said
            : t("createdForColleague", { assignee: created.assignee }) });
          return;
        }
        flash = { kind: "info", text: said };
        // A fresh edit screen (keyed by the lead in main.js) in place of the create screen: "back"
        // and Cancel then lead where the person came from, not to an empty form inviting a second lead.
        // (The page's own address: a bare "#..." would resolve against <base> and load the page anew.)
        location.replace(`${location.pathname}${location.search}#/leads/${created.id}/edit`);
        return;
      }
      setErrors({});
      setMessage({ kind: "info", text: t("saved") });
    } catch (err) {
      if (err.status === 412 || err.status === 409) {
        const fresh = await loadLead().catch(() => null);
        setErrors({});
        setMessage({ kind: "error", text: t("changedMeanwhile", { v: fresh?.version ?? "?" }) });
        return;
      }
      const fields = err.fieldErrors?.() || {};
      setErrors(fields);
      setMessage({ kind: "error", text: Object.keys(fields).length ? t("fixErrors") : err.message });
      const first = Object.keys(fields)[0];
      refused.current = first || null;
      if (first) setTab(first.startsWith("vehicle") ? "vehicle" : first === "remark" ? "remark" : "prospect");
    }
  }

  const text = (name, extra = {}) => html`<${TextInput} id=${`lead-${name}`} label=${t(name)} value=${form[name]}
    onInput=${set(name)} error=${errors[name]} problem=${at(name)} disabled=${readOnly} ...${extra} />`;
  const vtext = (section, name, extra = {}) => html`<${TextInput} id=${`lead-${section}-${name}`}
    label=${t(name)} value=${form.vehicle[section]?.[name]} onInput=${setVehicle(section, name)}
    error=${errors[`vehicle.${section}.${name}`]} problem=${at(`vehicle.${section}.${name}`)} disabled=${readOnly} ...${extra} />`;
  const models = [...new Set([...(MODELS[interest.make] || []), ...(interest.models || [])])];

  function onTabKey(event) {
    const i = TABS.indexOf(tab);
    const next = event.key === "ArrowRight" ? TABS[(i + 1) % 3] : event.key === "ArrowLeft" ? TABS[(i + 2) % 3] : null;
    if (next) { setTab(next); tabRefs.current[next]?.focus(); event.preventDefault(); }
  }

  // Dealer contact is asked on an importer's leads only (the API refuses it on a dealer's): offered
  // there, or where a lead already has it.
  const interests = INTERESTS.filter((name) => name !== "dealer_contact" || tenantKind === "importer" || interest.dealer_contact);
  const interestErrors = INTERESTS.filter((name) => errors[`vehicle.interest.${name}`]).map((name) => [name, errors[`vehicle.interest.${name}`]]);
  const interestProblems = ["models", ...INTERESTS].flatMap((name) => (at(`vehicle.interest.${name}`) || [])
    .map((p) => ({ ...p, label: t(name) })));
  const formPart = html`<form onSubmit=${save} novalidate>
      <div class="row">
        <${Select} id="lead-qualification" label=${t("qualification")} value=${form.qualification} onChange=${set("qualification")}
          options=${["hot", "warm", "cold", "junk"].map((q) => [q, t(q)])} error=${errors.qualification}
          problem=${at("qualification")} disabled=${readOnly} />
        <${Select} id="lead-source" label=${t("source")} value=${form.source} onChange=${set("source")} empty=${t("none")}
          options=${withCurrent(sources.map((s) => s.name), form.source)} error=${errors.source} problem=${at("source")} disabled=${readOnly} />
        <${Select} id="lead-source-detail" label=${t("sourceDetail")} value=${form.source_detail} onChange=${set("source_detail")}
          empty=${t("none")} options=${withCurrent(source?.details || [], form.source_detail)} error=${errors.source_detail}
          problem=${at("source_detail")} disabled=${readOnly} />
        ${users.length > 0 && html`<${Select} id="lead-assignee" label=${t("assignee")} value=${form.assignee} onChange=${set("assignee")}
          empty=${choices.pool ? t("pool") : undefined} options=${choices.users.map((u) => [u.id, u.name])} error=${errors.assignee}
          problem=${at("assignee")} disabled=${readOnly} />`}
      </div>
      ${routing?.name && html`<p class="muted" data-testid="assigned-by">${t("assignedBy", { name: routing.name })}: ${routing.why}</p>`}
      <div role="tablist" aria-label=${t("editLead")} class="tabs" onKeyDown=${onTabKey}>
        ${TABS.map((name) => html`<button type="button" role="tab" id=${`tab-${name}`} aria-controls=${`panel-${name}`}
          aria-selected=${tab === name ? "true" : "false"} tabindex=${tab === name ? 0 : -1}
          ref=${(el) => { tabRefs.current[name] = el; }} onClick=${() => setTab(name)}>
          ${t(TAB_LABEL[name])}${Object.keys(errors).some((f) => tabOf(f) === name) ? " ⚠" : ""}</button>`)}
      </div>
      <div role="tabpanel" id="panel-prospect" aria-labelledby="tab-prospect" hidden=${tab !== "prospect"}>
        <div class="grid">
          <${Select} id="lead-salutation" label=${t("salutation")} value=${form.salutation} onChange=${set("salutation")}
            empty=${t("none")} options=${Object.entries(SALUTATIONS[lang] || SALUTATIONS.de)} error=${errors.salutation}
            problem=${at("salutation")} disabled=${readOnly} />
          ${text("title")} ${text("first_name", { autocomplete: "off" })} ${text("last_name", { autocomplete: "off" })}
          ${text("company")} ${text("street")} ${text("postal_code")} ${text("city")}
          <${Select} id="lead-country" label=${t("country")} value=${form.country} onChange=${set("country")} empty=${t("none")}
            options=${countryOptions(form.country)} error=${errors.country}
            problem=${at("country")} disabled=${readOnly} />
          ${text("phone", { type: "tel" })} ${text("mobile_phone", { type: "tel" })} ${text("work_phone", { type: "tel" })}
          ${text("email", { type: "email" })} ${text("birth_date", { type: "date" })}
        </div>
      </div>
      <div role="tabpanel" id="panel-vehicle" aria-labelledby="tab-vehicle" hidden=${tab !== "vehicle"}>
        <fieldset><legend>${t("interest")}</legend>
          <div class="grid">
            ${vtext("interest", "make", { list: "makes" })}
            <datalist id="makes">${Object.keys(MODELS).map((m) => html`<option value=${m} />`)}</datalist>
            <div class=${`field${errors["vehicle.interest.models"] ? " has-error" : ""}`}>
              <label for="lead-models">${t("models")}</label>
              <select id="lead-models" multiple size="5" disabled=${readOnly} aria-describedby="lead-models-chosen lead-models-hint"
                onChange=${(e) => setVehicle("interest", "models")([...e.currentTarget.selectedOptions].map((o) => o.value))}>
                ${models.map((m) => html`<option value=${m} selected=${(interest.models || []).includes(m)}>${m}</option>`)}
              </select>
              <small id="lead-models-hint" class="hint">${t("modelsHint")}</small>
              <p id="lead-models-chosen" class="chosen" data-testid="models-chosen">${(interest.models || []).length
                ? t("modelsChosen", { models: interest.models.join(", ") }) : t("modelsNoneChosen")}</p>
              <div class="inline">
                <label for="lead-other-model" class="visually-hidden">${t("model")}</label>
                <input id="lead-other-model" value=${otherModel} onInput=${(e) => setOtherModel(e.currentTarget.value)} disabled=${readOnly} />
                <button type="button" aria-label=${t("addModel")} disabled=${readOnly || !otherModel.trim()} onClick=${() => {
                  const extra = otherModel.split(",").map((m) => m.trim()).filter(Boolean);
                  setVehicle("interest", "models")([...new Set([...(interest.models || []), ...extra])]);
                  setOtherModel("");
                }}>+</button>
              </div>
              ${errors["vehicle.interest.models"] && html`<small class="error" role="alert">${errors["vehicle.interest.models"]}</small>`}
            </div>
            ${vtext("interest", "price", { inputmode: "decimal" })}
            <${Select} id="lead-currency" label=${t("currency")} value=${interest.currency} onChange=${setVehicle("interest", "currency")}
              empty=${t("none")} options=${[["EUR", "EUR"], ["CHF", "CHF"]]} disabled=${readOnly} />
            ${(tenantKind === "importer" || interest.preferred_dealer) && html`<${TextInput} id="lead-interest-preferred_dealer"
              label=${t("lf_preferred_dealer")} value=${interest.preferred_dealer} onInput=${setVehicle("interest", "preferred_dealer")}
              error=${errors["vehicle.interest.preferred_dealer"]} problem=${at("vehicle.interest.preferred_dealer")} disabled=${readOnly} />`}
          </div>
          <div class="checks">
            ${interests.map((name) => html`<${Checkbox} id=${`lead-${name}`} label=${t(name)} checked=${interest[name]}
              disabled=${readOnly} aria-invalid=${errors[`vehicle.interest.${name}`] ? "true" : undefined}
              onChange=${(v) => setVehicle("interest", name)(v)} />`)}
          </div>
          ${interestErrors.length > 0 && html`<ul class="problems">${interestErrors.map(([name, text]) => html`<li class="error"
            role="alert">${t(name)}: ${text}</li>`)}</ul>`}
          ${interestProblems.length > 0 && html`<ul class="problems" data-testid="interest-problems">
            ${interestProblems.map((p) => html`<li class="problem">${p.label}: ${problemText(p)}</li>`)}</ul>`}
        </fieldset>
        <fieldset><legend>${t("lf_next")}</legend>
          <div class="grid">${Object.entries(NEXT).map(([name, codes]) => html`<${Select} id=${`lead-next-${name}`}
            label=${t(NEXT_LABEL[name])} value=${form.vehicle.next?.[name]} onChange=${setVehicle("next", name)} empty=${t("none")}
            options=${codes.map((c) => [c, t(`nx_${c}`)])} error=${errors[`vehicle.next.${name}`]}
            problem=${at(`vehicle.next.${name}`)} disabled=${readOnly} />`)}</div>
        </fieldset>
        <fieldset><legend>${t("current")}</legend>
          <div class="grid">${vtext("current", "make")} ${vtext("current", "model")} ${vtext("current", "year", { inputmode: "numeric" })}
            ${vtext("current", "mileage_km", { inputmode: "numeric" })}</div>
        </fieldset>
      </div>
      <div role="tabpanel" id="panel-remark" aria-labelledby="tab-remark" hidden=${tab !== "remark"}>
        <div class=${`field${errors.remark ? " has-error" : ""}`}>
          <label for="lead-remark">${t("remark")}</label>
          <textarea id="lead-remark" rows="8" disabled=${readOnly} aria-invalid=${errors.remark ? "true" : undefined}
            value=${form.remark || ""} onInput=${(e) => set("remark")(e.currentTarget.value)}></textarea>
          ${errors.remark && html`<small class="error" role="alert">${errors.remark}</small>`}
        </div>
      </div>
      ${lead && html`<p class="meta">${t("version")} ${lead.version} · ${t(lead.status)}</p>`}
      <div class="buttons">
        ${!readOnly && html`<button type="submit" class="primary">${t("save")}</button>`}
        ${lead?.allowed_actions.includes("take") && html`<button type="button" data-testid="take" onClick=${take}>${t("take")}</button>`}
        <button type="button" onClick=${() => (history.length > 1 ? history.back() : go("/leads"))}>${t("cancel")}</button>
        ${lead?.allowed_actions.includes("convert") && html`<a class="button" href=${`#/leads/${id}/convert`}>${t("createActivity")}</a>`}
      </div>
    </form>`;
  const unplaced = Object.entries(problems).filter(([field]) => !placed.has(field)).flatMap(([, list]) => list);

  return html`<section aria-labelledby="form-title">
    <h1 id="form-title">${id ? t("editLead") : t("createLead")}</h1>
    ${lead?.needs_review && html`<div class="message warn" role="note"><p>${t("reviewHint")}</p>
      ${unplaced.length > 0 && html`<p>${t("alsoSent")}</p><ul data-testid="other-problems">
        ${unplaced.map((p) => html`<li>${p.field ? `${t(p.field)}: ` : ""}${problemText(p)}</li>`)}</ul>`}
      ${!readOnly && html`<${Checkbox} id="lead-reviewed" label=${t("reviewDone")} checked=${reviewed}
        onChange=${setReviewed} />`}</div>`}
    <div tabindex="-1" ref=${messageBox} data-testid="form-message"><${Message} kind=${message?.kind}>${message?.text}<//></div>
    ${formPart}
    ${lead && html`<${LeadStatus} api=${api} lead=${lead} onChanged=${() => reloadKeepingInput().catch(() => {})} />`}
    ${lead && html`<${ConsentPanel} api=${api} lead=${lead} onChanged=${() => reloadKeepingInput().catch(() => {})} />`}
    ${lead && me.permissions["lead.legal_hold"] && html`<${LegalHoldPanel} api=${api} lead=${lead}
      onChanged=${() => reloadKeepingInput().catch(() => {})} />`}
  </section>`;
}

// The input of an API field on this form: "email" -> lead-email, "vehicle.interest.price" ->
// lead-interest-price, "vehicle.interest.models" -> lead-models.
function fieldId(field) {
  if (field === "vehicle.interest.models") return "lead-models";
  if (INTERESTS.some((name) => field === `vehicle.interest.${name}`)) return `lead-${field.split(".").pop()}`;
  const parts = field.split(".");
  return parts[0] === "vehicle" ? `lead-${parts.slice(1).join("-")}` : `lead-${field}`;
}

function tabOf(field) {
  return field.startsWith("vehicle") ? "vehicle" : field === "remark" ? "remark" : "prospect";
}
