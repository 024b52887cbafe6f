// A lead's log: who did what when, and what changed.
import { useEffect, useState } from "preact/hooks";
import { t, fmtDateTime } from "../i18n.js";
import { html, Message } from "../ui.js";

const show = (value) => (value === null || value === undefined || value === "" ? t("none")
  : typeof value === "object" ? JSON.stringify(value) : String(value));

export function LeadLog({ api, id }) {
  const [entries, setEntries] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);

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
  useEffect(() => { load(null); }, [id]);

  return html`<section aria-labelledby="log-title">
    <h1 id="log-title">${t("leadLog")}</h1>
    <${Message} kind="error">${error}<//>
    ${entries === null ? html`<p>${t("loading")}</p>` : html`
    <table class="log">
      <thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("who")}</th><th scope="col">${t("what")}</th>
        <th scope="col">${t("changes")}</th></tr></thead>
      <tbody>${entries.map((e) => html`<tr>
        <td>${fmtDateTime(e.at)}</td><td>${e.actor} (${e.role}, ${e.channel})</td><td>${e.action}</td>
        <td><ul class="changes">${e.changes.map((c) => html`<li><span class="field-name">${t(c.field)}</span>:
          ${c.old !== undefined && html`<del>${show(c.old)}</del> → `}<ins>${show(c.new ?? c.value)}</ins></li>`)}</ul></td>
      </tr>`)}</tbody>
    </table>`}
    ${cursor && html`<button type="button" onClick=${() => load(cursor)}>${t("next")}</button>`}
    <p><a href="#/leads">${t("back")}</a></p>
  </section>`;
}
