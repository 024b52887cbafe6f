// Small shared pieces: the html tag, labelled fields with their error and review note, badges.
import { h } from "preact";
import htm from "htm";
import { t, fmtDate, fieldMessage } from "./i18n.js";

export const html = htm.bind(h);

export const go = (path) => { location.hash = `#${path}`; };

let counter = 0;
export const uid = (prefix) => `${prefix}-${++counter}`;

// What a machine sender got wrong, in words: the value as sent (when it sent one) and why.
export function problemText(problem) {
  const given = problem.given;
  const reason = fieldMessage(problem.reason);
  if (given === null || given === undefined || given === "") return t("sentNothing", { reason });
  return t("sentAs", { given: typeof given === "string" ? given : JSON.stringify(given), reason });
}

// A labelled field. `error` is the API's message for it; `problem` what a machine sender got wrong
// (one, or a list: a field may have been sent wrong in more than one way).
export function Field({ id, label, error, problem, hint, children }) {
  const problems = [].concat(problem || []);
  const described = [error && `${id}-error`, problems.length && `${id}-problem`, hint && `${id}-hint`].filter(Boolean).join(" ");
  return html`<div class=${`field${error ? " has-error" : ""}${problems.length ? " needs-review" : ""}`}>
    <label for=${id}>${label}</label>
    ${children({ id, "aria-invalid": error ? "true" : undefined, "aria-describedby": described || undefined })}
    ${hint && html`<small id=${`${id}-hint`} class="hint">${hint}</small>`}
    ${problems.length > 0 && html`<small id=${`${id}-problem`} class="problem">${problems.map(problemText).join(" · ")}</small>`}
    ${error && html`<small id=${`${id}-error`} class="error" role="alert">${error}</small>`}
  </div>`;
}

export function TextInput({ id, label, value, onInput, error, problem, type = "text", hint, ...rest }) {
  return html`<${Field} id=${id} label=${label} error=${error} problem=${problem} hint=${hint}>
    ${(aria) => html`<input type=${type} value=${value ?? ""} onInput=${(e) => onInput(e.currentTarget.value)} ...${aria} ...${rest} />`}
  <//>`;
}

export function Select({ id, label, value, onChange, options, error, problem, empty, ...rest }) {
  return html`<${Field} id=${id} label=${label} error=${error} problem=${problem}>
    ${(aria) => html`<select value=${value ?? ""} onChange=${(e) => onChange(e.currentTarget.value)} ...${aria} ...${rest}>
      ${empty !== undefined && html`<option value="">${empty}</option>`}
      ${options.map(([v, text]) => html`<option value=${v} selected=${v === (value ?? "")}>${text}</option>`)}
    </select>`}
  <//>`;
}

export function Checkbox({ id, label, checked, onChange, ...rest }) {
  return html`<div class="check"><input type="checkbox" id=${id} checked=${!!checked}
    onChange=${(e) => onChange(e.currentTarget.checked)} ...${rest} /><label for=${id}>${label}</label></div>`;
}

export function QualificationBadge({ value }) {
  return html`<span class=${`badge q-${value}`}>${t(value)}</span>`;
}

// Calendar days since the deadline (at least 1 once it has passed).
function daysPast(due) {
  return Math.max(1, Math.ceil((Date.now() - new Date(due).getTime()) / 86_400_000));
}

export function DueCell({ lead }) {
  if (!lead.due_at) return html`<span>${t("none")}</span>`;
  const days = lead.overdue ? daysPast(lead.due_at) : 0;
  return html`<span class=${lead.overdue ? "overdue" : ""}>
    ${fmtDate(lead.due_at)}${lead.overdue ? html` <strong class="overdue-flag">${days === 1 ? t("dayOverdue")
      : t("daysOverdue", { n: days })}</strong>` : ""}
  </span>`;
}

export function Message({ kind = "info", children }) {
  if (!children) return null;
  return html`<div class=${`message ${kind}`} role=${kind === "error" ? "alert" : "status"}>${children}</div>`;
}

export function personName(p) {
  return [p.first_name, p.last_name].filter(Boolean).join(" ") || p.company || p.email || p.phone || p.id;
}
