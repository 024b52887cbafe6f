// Assignment rules: the ordered list (first match wins), edited whole and saved with its version,
// and a dry run that says where a sample lead would go and why. Admins edit; managers and auditors read.
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n.js";
import { whyText } from "../api-texts.js";
import { html, Checkbox, Message, Select, TextInput } from "../ui.js";

const LISTS = ["sources", "source_details", "makes", "models", "postal_codes", "countries"];
// Conditions on a closed set of codes: ticked, each in words (none ticked: any).
const CHOICES = { qualifications: ["hot", "warm", "cold", "junk"].map((q) => [q, q]),
  channels: ["api", "webhook", "import", "forward"].map((c) => [c, `chan_${c}`]) };
const DRY_FIELD = { "vehicle.interest.make": "make" };       // the API's field -> the dry run's input
const split = (text) => text.split(",").map((v) => v.trim()).filter(Boolean);
const slug = (text) => text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "rule";
// A list as typed: "1010, " is still the list [1010] and stays on screen as typed (re-joined from the
// list it lost its comma at each keystroke, so "1010, 1020" came out as "10101020").
const sameList = (a, b) => JSON.stringify(a) === JSON.stringify(b || []);

// A rule not saved yet has a placeholder id the API would refuse (it never names a saved rule); at
// saving it gets one from its name, unique among the rules. A saved rule's id stays what it is: it
// keys the round robin. (Taken from the name at each keystroke, it was the name's first letter:
// two new rules "PLZ Wien" and "PLZ Graz" were both "p", and the save was refused unexplained.)
let drafted = 0;
const NEW = "_new-";
function blankRule() {
  return { id: `${NEW}${++drafted}`, name: "", active: true, conditions: {}, target: { kind: "pool", members: [] } };
}

function withIds(rules) {
  const taken = new Set(rules.filter((r) => !r.id.startsWith(NEW)).map((r) => r.id));
  return rules.map((rule) => {
    if (!rule.id.startsWith(NEW)) return rule;
    const base = slug(rule.name || "rule");
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 39 - String(n).length)}-${n}`;
    taken.add(id);
    return { ...rule, id };
  });
}

function ListInput({ id, label, list, onChange, error }) {
  const [typed, setTyped] = useState(null);
  const value = typed !== null && sameList(split(typed), list) ? typed : (list || []).join(", ");
  return html`<${TextInput} id=${id} label=${label} value=${value} hint=${t("cond_hint")} error=${error}
    onInput=${(v) => { setTyped(v); onChange(split(v)); }} />`;
}

function RuleEditor({ rule, index, count, users, readOnly, errors, onChange, onMove, onRemove }) {
  const p = `rule-${index}`;
  const set = (patch) => onChange({ ...rule, ...patch });
  const cond = (name, value) => set({ conditions: { ...rule.conditions, [name]: value } });
  const target = (patch) => set({ target: { ...rule.target, ...patch } });
  // A refusal is said at its field (a condition's list, the target); the rest under the rule's name.
  const mine = Object.entries(errors).filter(([f]) => f === `rules.${index}` || f.startsWith(`rules.${index}.`));
  const placed = new Set();
  const at = (path) => {
    const found = mine.filter(([f]) => f === `rules.${index}.${path}` || f.startsWith(`rules.${index}.${path}.`));
    found.forEach(([f]) => placed.add(f));
    return found.map(([, m]) => m).join("; ") || undefined;
  };
  const conditionErrors = Object.fromEntries([...LISTS, ...Object.keys(CHOICES)].map((name) => [name, at(`conditions.${name}`)]));
  const targetError = at("target");
  return html`<li class="rule" data-rule=${rule.id}>
    <fieldset disabled=${readOnly}>
      <legend>${index + 1}. ${rule.name || t("rule_unnamed")}</legend>
      ${mine.some(([f]) => !placed.has(f)) && html`<p class="error" role="alert">
        ${mine.filter(([f]) => !placed.has(f)).map(([, m]) => m).join("; ")}</p>`}
      <div class="grid">
        <${TextInput} id=${`${p}-name`} label=${t("rule_name")} value=${rule.name} onInput=${(v) => set({ name: v })} />
        <${Checkbox} id=${`${p}-active`} label=${t("rule_active")} checked=${rule.active} onChange=${(v) => set({ active: v })} />
        ${LISTS.map((name) => html`<${ListInput} id=${`${p}-${name}`} label=${t(`cond_${name}`)}
          list=${rule.conditions[name]} onChange=${(v) => cond(name, v)} error=${conditionErrors[name]} />`)}
        ${Object.entries(CHOICES).map(([name, codes]) => html`<fieldset class="choices" id=${`${p}-${name}`}>
          <legend>${t(`cond_${name}`)} <small>${t("cond_any")}</small></legend>
          ${codes.map(([code, label]) => html`<${Checkbox} id=${`${p}-${name}-${code}`} label=${t(label)}
            checked=${(rule.conditions[name] || []).includes(code)}
            onChange=${(on) => cond(name, codes.map(([c]) => c).filter((c) => (c === code ? on : (rule.conditions[name] || []).includes(c))))} />`)}
        </fieldset>`)}
        <${Select} id=${`${p}-review`} label=${t("needsReview")} value=${rule.conditions.needs_review === undefined || rule.conditions.needs_review === null ? "" : String(rule.conditions.needs_review)}
          empty=${t("all")} options=${[["true", t("yes")], ["false", t("no")]]}
          onChange=${(v) => cond("needs_review", v === "" ? null : v === "true")} />
      </div>
      <div class="grid">
        <${Select} id=${`${p}-kind`} label=${t("target")} value=${rule.target.kind}
          options=${[["pool", t("pool")], ["user", t("target_user")], ["team", t("target_team")]]}
          onChange=${(v) => target({ kind: v })} error=${rule.target.kind === "user" || rule.target.kind === "team" ? undefined : targetError} />
        ${rule.target.kind === "user" && html`<${Select} id=${`${p}-user`} label=${t("target_user")} value=${rule.target.user}
          empty=${t("none")} options=${users.map((u) => [u.id, u.name])} onChange=${(v) => target({ user: v || null })}
          error=${targetError} />`}
        ${rule.target.kind === "team" && html`
          <${TextInput} id=${`${p}-team`} label=${t("team_name")} value=${rule.target.team} onInput=${(v) => target({ team: v || null })} />
          <div class="field"><label for=${`${p}-members`}>${t("team_members")}</label>
            ${targetError && html`<small id=${`${p}-members-error`} class="error" role="alert">${targetError}</small>`}
            <select id=${`${p}-members`} multiple size="4" aria-invalid=${targetError ? "true" : undefined}
              aria-describedby=${targetError ? `${p}-members-error` : undefined}
              onChange=${(e) => target({ members: [...e.currentTarget.selectedOptions].map((o) => o.value) })}>
              ${users.map((u) => html`<option value=${u.id} selected=${(rule.target.members || []).includes(u.id)}>${u.name}</option>`)}
            </select></div>`}
      </div>
      ${!readOnly && html`<div class="buttons">
        <button type="button" id=${`${p}-up`} disabled=${index === 0} onClick=${() => onMove(-1)}
          aria-label=${`${t("move_up")}: ${rule.name}`}>↑</button>
        <button type="button" id=${`${p}-down`} disabled=${index === count - 1} onClick=${() => onMove(1)}
          aria-label=${`${t("move_down")}: ${rule.name}`}>↓</button>
        <button type="button" class="danger" onClick=${onRemove}>${t("remove_rule")}</button>
      </div>`}
    </fieldset>
  </li>`;
}

export function Rules({ api, me }) {
  const [rules, setRules] = useState(null);
  const [version, setVersion] = useState(0);
  const [users, setUsers] = useState([]);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null);
  const [sample, setSample] = useState({ qualification: "hot", source: "", postal_code: "", country: "AT", make: "", channel: "api" });
  const [verdict, setVerdict] = useState(null);
  const [dryErrors, setDryErrors] = useState({});
  const [moved, setMoved] = useState(null);
  useEffect(() => {
    if (!moved) return;
    const same = document.getElementById(`rule-${moved.index}-${moved.step < 0 ? "up" : "down"}`);
    (same && !same.disabled ? same : document.getElementById(`rule-${moved.index}-${moved.step < 0 ? "down" : "up"}`))?.focus();
  }, [moved]);
  const readOnly = !me.permissions["routing.write"];

  async function load() {
    const r = await api.get("/routing-rules");
    setRules(r.rules.map((rule) => ({ ...rule, conditions: rule.conditions || {}, target: { members: [], ...rule.target } })));
    setVersion(r.version);
  }
  useEffect(() => {
    load().catch((err) => setMessage({ kind: "error", text: err.message }));
    api.get("/users").then((r) => setUsers(r.items.filter((u) => u.active && u.works_leads))).catch(() => {});
  }, []);
  if (!rules) return html`<section><h1>${t("rules")}</h1><${Message} kind=${message?.kind}>${message?.text}<//></section>`;

  const change = (i) => (rule) => setRules(rules.map((r, j) => (j === i ? rule : r)));
  // The focus goes with the rule moved (the editors are by position: it stayed on the place, now the
  // neighbour's button, and a second ↑ moved the neighbour back); at the top or bottom, to the other arrow.
  const move = (i) => (step) => {
    const next = [...rules]; [next[i], next[i + step]] = [next[i + step], next[i]]; setRules(next);
    setMoved({ index: i + step, step });
  };
  const remove = (i) => () => setRules(rules.filter((_, j) => j !== i));

  async function save(event) {
    event.preventDefault();
    setMessage(null);
    try {
      const sent = withIds(rules);
      const saved = await api.put("/routing-rules", { rules: sent }, version);
      setRules(sent);
      setVersion(saved.version);
      setErrors({});
      setMessage({ kind: "info", text: t("saved") });
    } catch (err) {
      if (err.status === 412) {
        await load();
        setMessage({ kind: "error", text: t("rules_changed") });
        return;
      }
      const fields = err.fieldErrors?.() || {};
      setErrors(fields);
      // A refusal of the list as a whole (not of one rule's field) is said here, there is no field to mark.
      const unplaced = Object.entries(fields).filter(([f]) => !/^rules\.\d+(\.|$)/.test(f)).map(([, m]) => m);
      setMessage({ kind: "error", text: unplaced.length ? unplaced.join("; ")
        : Object.keys(fields).length ? t("fixErrors") : err.message });
    }
  }

  async function dryRun(event) {
    event.preventDefault();
    const lead = { last_name: "Probe", email: "probe@example.at", qualification: sample.qualification,
      source: sample.source || null, postal_code: sample.postal_code || null, country: sample.country || null,
      vehicle: { interest: { make: sample.make || null } } };
    setDryErrors({});
    try { setVerdict(await api.post("/routing-rules/dry-run", { lead, channel: sample.channel })); } catch (err) {
      // The sample's fields are the lead's: "lead.postal_code" is said at the postal code.
      const fields = err.fieldErrors?.() || {};
      const named = (field) => { const own = field.replace(/^lead\./, ""); return DRY_FIELD[own] || own; };
      setDryErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [named(f), m])));
      setVerdict({ error: err.message });
    }
  }

  return html`<section aria-labelledby="rules-title">
    <h1 id="rules-title">${t("rules")}</h1>
    <p class="muted">${t("rules_hint")}</p>
    ${readOnly && html`<p class="muted">${t("readOnly")}</p>`}
    <${Message} kind=${message?.kind}>${message?.text}<//>
    <form onSubmit=${save}>
      <ol class="rules">${rules.map((rule, i) => html`<${RuleEditor} key=${i} rule=${rule} index=${i} count=${rules.length}
        users=${users} readOnly=${readOnly} errors=${errors} onChange=${change(i)} onMove=${move(i)} onRemove=${remove(i)} />`)}</ol>
      ${rules.length === 0 && html`<p>${t("no_rules")}</p>`}
      ${!readOnly && html`<div class="buttons">
        <button type="button" onClick=${() => setRules([...rules, blankRule()])}>${t("add_rule")}</button>
        <button type="submit" class="primary">${t("save")}</button>
      </div>`}
    </form>
    <h2 id="dry-run-title">${t("dry_run")}</h2>
    <form class="filters" onSubmit=${dryRun} aria-labelledby="dry-run-title">
      <${Select} id="dry-qualification" label=${t("qualification")} value=${sample.qualification}
        options=${["hot", "warm", "cold", "junk"].map((q) => [q, t(q)])} onChange=${(v) => setSample({ ...sample, qualification: v })} />
      <${TextInput} id="dry-source" label=${t("source")} error=${dryErrors.source} value=${sample.source} onInput=${(v) => setSample({ ...sample, source: v })} />
      <${TextInput} id="dry-postal" label=${t("postal_code")} error=${dryErrors.postal_code} value=${sample.postal_code} onInput=${(v) => setSample({ ...sample, postal_code: v })} />
      <${TextInput} id="dry-country" label=${t("country")} error=${dryErrors.country} value=${sample.country} onInput=${(v) => setSample({ ...sample, country: v })} />
      <${TextInput} id="dry-make" label=${t("make")} error=${dryErrors.make} value=${sample.make} onInput=${(v) => setSample({ ...sample, make: v })} />
      <${Select} id="dry-channel" label=${t("channel")} value=${sample.channel}
        options=${[["api", "API"], ["webhook", "Webhook"], ["import", t("imports")]]} onChange=${(v) => setSample({ ...sample, channel: v })} />
      <button type="submit" class="primary">${t("dry_run_go")}</button>
    </form>
    ${verdict && html`<div class=${`message ${verdict.error ? "error" : "info"}`} role=${verdict.error ? "alert" : "status"}
      data-testid="dry-run">
      ${verdict.error || html`<p><strong>${verdict.assignee ? t("goes_to", { user: verdict.assignee }) : t("goes_to_pool")}</strong></p>
        <ol>${verdict.why.map((w) => html`<li>${whyText(w)}</li>`)}</ol>`}
    </div>`}
  </section>`;
}
