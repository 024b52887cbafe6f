// A rep's start page: my open leads by deadline (overdue first), my open activities.
import { useEffect, useRef, useState } from "preact/hooks";
import { t, fmtDate } from "../i18n.js";
import { html, DueCell, Message, QualificationBadge, personName } from "../ui.js";

// The deadline falls on the viewer's today (a lead due at 23:59 today is "due today", not "later").
function isToday(due) {
  return !!due && new Date(due).toDateString() === new Date().toDateString();
}

export function Start({ api, me }) {
  const [leads, setLeads] = useState(null);
  const [more, setMore] = useState(false);               // more open leads than the page shows
  const [activities, setActivities] = useState(null);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);                 // what "Erledigt" came to: {kind, text}
  const doneRef = useRef(null);
  const mayWrite = !!me.permissions["activity.write"];

  const loadActivities = () => api.get("/activities").then((r) => setActivities(r.items))
    .catch((err) => { setError(err.message); setActivities((before) => before || false); });   // false: not read

  // An activity done is ticked off here, at the version read (the API had it; the page offered no way).
  async function markDone(activity) {
    const what = `${t(`act_${activity.type}`)} – ${personName(activity.person || {})}`;
    try {
      await api.patch(`/activities/${activity.id}`, { status: "done" }, activity.version);
      setActivities((list) => list.filter((a) => a.id !== activity.id));
      setDone({ kind: "info", text: t("activityDone", { what }) });
    } catch (err) {
      await loadActivities();
      setDone({ kind: "error", text: `${t("activityNotDone", { what })} ${err.message}` });
    }
  }
  useEffect(() => { if (done) doneRef.current?.focus(); }, [done]);

  useEffect(() => {
    api.get("/leads", { assignee: "me", status: "open", sort: "due", page_size: 50 })
      .then((page) => {
        setLeads([...page.items.filter((l) => l.overdue), ...page.items.filter((l) => !l.overdue)]);
        setMore(!!page.next_cursor);
      })
      .catch((err) => { setError(err.message); setLeads(false); });       // not read: not "nothing open"
    if (me.permissions["activity.read"]) loadActivities();
    else setActivities([]);
  }, []);

  return html`<section aria-labelledby="start-title">
    <h1 id="start-title">${t("start")}</h1>
    <${Message} kind="error">${error}<//>
    <h2 id="my-leads">${t("myOpenLeads")}</h2>
    ${leads === null ? html`<p>${t("loading")}</p>` : leads === false ? "" : leads.length === 0 ? html`<p>${t("nothing")}</p>` : html`
      <table aria-labelledby="my-leads" class="leads">
        <thead><tr><th scope="col">${t("due")}</th><th scope="col">${t("qualification")}</th><th scope="col">${t("name")}</th>
          <th scope="col">${t("source")}</th><th scope="col">${t("actions")}</th></tr></thead>
        ${[["overdue", leads.filter((l) => l.overdue)], ["dueToday", leads.filter((l) => !l.overdue && isToday(l.due_at))],
           ["later", leads.filter((l) => !l.overdue && !isToday(l.due_at))]].filter(([, group]) => group.length).map(([name, group]) => html`
        <tbody data-group=${name}><tr class="group"><th scope="rowgroup" colspan="5">${t(name === "overdue" ? "overdueGroup" : name)} (${group.length})</th></tr>
        ${group.map((l) => html`<tr class=${l.overdue ? "is-overdue" : ""} data-lead=${l.id}>
          <td><${DueCell} lead=${l} /></td><td><${QualificationBadge} value=${l.qualification} /></td>
          <td><a href=${`#/leads/${l.id}/edit`}>${personName(l)}</a></td><td>${l.source || ""}</td>
          <td>${l.allowed_actions.includes("convert") && html`<a href=${`#/leads/${l.id}/convert`}>${t("createActivity")}</a>`}</td>
        </tr>`)}</tbody>`)}
      </table>`}
    ${more && html`<p data-testid="more-leads">${t("firstOpenLeads", { n: leads.length })}
      <a href="#/leads?assignee=me&status=open&sort=due">${t("allMyOpenLeads")}</a></p>`}
    <h2 id="my-activities">${t("myActivities")}</h2>
    ${done && html`<div class=${`message ${done.kind}`} role=${done.kind === "error" ? "alert" : "status"} tabindex="-1"
      ref=${doneRef} data-testid="activity-done">${done.text}</div>`}
    ${activities === null ? html`<p>${t("loading")}</p>` : activities === false ? "" : activities.length === 0 ? html`<p>${t("nothing")}</p>` : html`
      <table aria-labelledby="my-activities" class="activities">
        <thead><tr><th scope="col">${t("dueDate")}</th><th scope="col">${t("activityType")}</th><th scope="col">${t("customer")}</th>
          <th scope="col">${t("notes")}</th>${mayWrite && html`<th scope="col">${t("actions")}</th>`}</tr></thead>
        <tbody>${activities.map((a) => html`<tr data-activity=${a.id}>
          <td>${fmtDate(a.due_date)}</td><td>${t(`act_${a.type}`)}</td><td>${personName(a.person || {})}</td><td>${a.notes || ""}</td>
          ${mayWrite && html`<td><button type="button" class="link" onClick=${() => markDone(a)}
            aria-label=${`${t("markDone")}: ${t(`act_${a.type}`)} – ${personName(a.person || {})}`}>${t("markDone")}</button></td>`}
        </tr>`)}</tbody>
      </table>`}
  </section>`;
}
