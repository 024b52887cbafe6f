// The leads list (the seed's "Leads-Liste"): filters, columns, sort, cursor paging, selection with
// the bulk actions the role allows, and per row only the actions the lead allows the caller.
import { useEffect, useRef, useState } from "preact/hooks";
import { t, lang, fmtDateTime, fmtPrice } from "../i18n.js";
import { errorText } from "../api-texts.js";
import { html, go, Checkbox, DueCell, Message, QualificationBadge, Select, TextInput, personName } from "../ui.js";

const COLUMNS = ["qualification", "name", "city", "source", "source_detail", "status", "assignee", "received", "due", "channel",
  "email", "phone", "interest", "price", "forwarding"];
const DEFAULT_COLUMNS = ["qualification", "name", "city", "source", "assignee", "received", "due"];
const SORTS = ["-received", "received", "due", "-due", "last_name", "-last_name", "qualification", "-qualification"];
const FILTERS = ["qualification", "source", "source_detail", "status", "assignee", "overdue", "needs_review", "sweepstake_without_consent", "q", "sort", "page_size"];
const COLUMN_LABEL = { name: "name", city: "city", source: "source", source_detail: "sourceDetail", status: "status",
  assignee: "assignee", received: "received", due: "due", channel: "channel", email: "email", phone: "phone",
  qualification: "qualification", interest: "interest", price: "price", forwarding: "forwardingColumn" };

// A bulk result's reason in the workspace's language; one it has no words for is marked as the API's English.
function reasonOf(reason) {
  const said = errorText(reason);
  return said === reason && lang() === "de" ? html`<span lang="en">${reason}</span>` : said;
}

function cell(lead, column) {
  switch (column) {
    case "qualification": return html`<${QualificationBadge} value=${lead.qualification} />`;
    case "name": return html`<a href=${`#/leads/${lead.id}/${lead.allowed_actions.includes("edit") ? "edit" : "log"}`}>${personName(lead)}</a>
      ${lead.needs_review && html` <span class="badge review">${t("needsReview")}</span>`}
      ${lead.sweepstake_without_consent && html` <span class="badge review" title=${t("sweepstakeHint")}>${t("sweepstake")}</span>`}`;
    case "status": return t(lead.status);
    case "assignee": return lead.assignee || html`<em>${t("pool")}</em>`;
    case "received": return fmtDateTime(lead.received_at);
    case "channel": return lead.channel && t(`chan_${lead.channel}`) !== `chan_${lead.channel}` ? t(`chan_${lead.channel}`) : lead.channel ?? "";
    case "interest": return [lead.vehicle.interest.make, lead.vehicle.interest.models.join(", ")].filter(Boolean).join(" ");
    case "price": return lead.vehicle.interest.price === null ? "" : fmtPrice(lead.vehicle.interest.price, lead.vehicle.interest.currency);
    case "due": return html`<${DueCell} lead=${lead} />`;
    case "forwarding": {
      // An importer sees the dealer and how far it got; a dealer sees the importer it came from.
      const f = lead.forwarding || lead.forwarded_from;
      return f ? html`${f.dealer_name || f.dealer || f.importer_name || f.importer} · <strong>${t(`fwd_${f.status}`)}</strong>` : "";
    }
    default: return lead[column] ?? "";
  }
}

export function LeadList({ api, me, params }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  const [draft, setDraft] = useState(filters);
  const [page, setPage] = useState(null);
  const [cursors, setCursors] = useState([null]);          // the cursor of each page seen so far
  const [error, setError] = useState(null);
  const [sources, setSources] = useState([]);
  const [users, setUsers] = useState([]);
  const [selected, setSelected] = useState(new Set());
  const [bulkAssignee, setBulkAssignee] = useState("");
  const [bulkResult, setBulkResult] = useState(null);
  const [filterErrors, setFilterErrors] = useState({});
  const [notice, setNotice] = useState(null);            // what a row action came to: {kind, name, text, detail}; kept over reloads
  const [taking, setTaking] = useState(null);            // the lead whose take is under way
  const noticeRef = useRef(null);
  // On a phone the ten filters filled the whole screen before the first lead: there they start folded,
  // their summary saying how many are set.
  const [filtersOpen, setFiltersOpen] = useState(() => !matchMedia("(max-width: 700px)").matches);
  const [columns, setColumns] = useState(JSON.parse(localStorage.getItem("leadflow.columns") || "null") || DEFAULT_COLUMNS);
  const may = (action) => !!me.permissions[action];
  const key = params.toString();

  useEffect(() => {
    api.get("/sources").then((r) => setSources(r.items)).catch(() => {});
    if (may("user.read")) api.get("/users").then((r) => setUsers(r.items.filter((u) => u.active && u.works_leads))).catch(() => {});
  }, []);

  // The page and the cursors that led to it change together, once the page has arrived.
  async function load(cursor, trail = cursors) {
    setError(null);
    setFilterErrors({});
    try {
      const query = { ...filters, cursor: cursor || undefined, overdue: filters.overdue === "true",
        needs_review: filters.needs_review === "true", sweepstake_without_consent: filters.sweepstake_without_consent === "true" };
      setPage(await api.get("/leads", query));
      setCursors(trail);
      setSelected(new Set());
    } catch (err) {
      // A filter the API refused (a q too short to search by) is marked at its field, with why.
      const fields = err.fieldErrors?.() || {};
      setFilterErrors(fields);
      setError(Object.keys(fields).length ? Object.values(fields).join("; ") : err.message);
      setPage({ items: [], next_cursor: null, failed: true });       // not "no leads found": none were read
    }
  }
  useEffect(() => { setDraft(filters); setNotice(null); setBulkResult(null); load(null, [null]); }, [key]);
  // The row's button is gone once the take is done: focus moves to what came of it.
  useEffect(() => { if (notice) noticeRef.current?.focus(); }, [notice]);

  function apply(event) {
    event.preventDefault();
    const search = new URLSearchParams(Object.entries(draft).filter(([, v]) => v !== "" && v !== "false"));
    go(`/leads?${search}`);
  }
  const set = (name) => (value) => setDraft({ ...draft, [name]: value, ...(name === "source" ? { source_detail: "" } : {}) });
  const nextPage = () => load(page.next_cursor, [...cursors, page.next_cursor]);
  const previousPage = () => { const trail = cursors.slice(0, -1); load(trail[trail.length - 1], trail); };
  const toggle = (id) => { const s = new Set(selected); s.has(id) ? s.delete(id) : s.add(id); setSelected(s); };
  const chooseColumns = (column, on) => {
    const next = COLUMNS.filter((c) => (c === column ? on : columns.includes(c)));
    setColumns(next);
    localStorage.setItem("leadflow.columns", JSON.stringify(next));
  };

  async function bulk(kind) {
    const ids = [...selected];
    // Named as the list showed them when sent: the list is read again right after.
    const names = Object.fromEntries((page?.items || []).filter((l) => selected.has(l.id)).map((l) => [l.id, personName(l)]));
    if (kind === "delete" && !confirm(ids.length === 1 ? t("confirmDeleteSelected") : t("confirmDelete", { n: ids.length }))) return;
    try {
      const result = kind === "delete"
        ? await api.post("/leads/bulk-delete", { lead_ids: ids })
        : await api.post("/leads/bulk-assign", { lead_ids: ids, assignee: bulkAssignee || null });
      setBulkResult({ ...result, names });
      load(cursors[cursors.length - 1]);
    } catch (err) {
      setError(err.message);
    }
  }

  // One row's delete names whom it deletes ("1 Leads löschen?" named nobody) and says when it is done
  // (the row just vanished); focus goes to that notice, the row's button being gone.
  async function deleteOne(lead) {
    if (!confirm(t("confirmDeleteOne", { name: personName(lead) }))) return;
    setNotice(null);
    try {
      await api.del(`/leads/${lead.id}`, lead.version);
      await load(cursors[cursors.length - 1]);
      setNotice({ kind: "info", name: personName(lead), text: t("deleted") });
    } catch (err) { setError(err.message); }
  }

  // Take a pool lead from its row: only the assignee changes, at the version the list read (If-Match).
  // Refused (changed meanwhile, taken by a colleague, not allowed): the API's word, and the list as it is now.
  async function take(lead) {
    setNotice(null);
    setTaking(lead.id);
    try {
      const taken = await api.patch(`/leads/${lead.id}`, { assignee: me.user }, lead.version);
      setPage((current) => ({ ...current, items: current.items.map((l) => (l.id === taken.id ? taken : l)) }));
      setNotice({ kind: "info", name: personName(taken), text: t("taken") });
    } catch (err) {
      const why = err.status === 412 ? t("takeStale") : err.status === 404 ? t("takeGone") : "";
      await load(cursors[cursors.length - 1]);
      setNotice({ kind: "error", name: personName(lead), text: [t("notTaken"), why].filter(Boolean).join(" "), detail: err.message });
    } finally {
      setTaking(null);
    }
  }

  const activeFilters = FILTERS.filter((k) => !["sort", "page_size"].includes(k) && filters[k] && filters[k] !== "false").length;
  const source = sources.find((s) => s.name === draft.source);
  // Whose leads the filter offers: only those the role may read (domain/permissions.py: a rep reads
  // their own and the pool's; a colleague's would always come back empty).
  const reads = me.permissions["lead.read"];
  const assigneeOptions = [
    ...(["tenant", "own_or_pool", "own"].includes(reads) ? [["me", t("mine")]] : []),
    ...(["tenant", "own_or_pool", "pool"].includes(reads) ? [["unassigned", t("pool")]] : []),
    ...(reads === "tenant" ? users.map((u) => [u.id, u.name]) : [])];
  const bulkAllowed = may("lead.bulk_assign") || may("lead.bulk_delete");
  const items = page?.items || [];
  // A row offers its checkbox only where one of the role's bulk actions can succeed: the lead
  // allows that action now (a converted or closed lead is assigned or deleted by nobody).
  const selectable = (lead) => (may("lead.bulk_assign") && lead.allowed_actions.includes("assign"))
    || (may("lead.bulk_delete") && lead.allowed_actions.includes("delete"));
  const selectableItems = items.filter(selectable);
  // Forwarded leads (either side) bring their column along, whatever columns were chosen.
  const forwarded = items.some((l) => l.forwarding || l.forwarded_from);
  const shown = forwarded && !columns.includes("forwarding") ? [...columns, "forwarding"] : columns;

  return html`<section aria-labelledby="list-title">
    <div class="title-row">
      <h1 id="list-title">${t("leads")}</h1>
      ${may("lead.create") && html`<a class="button primary" href="#/leads/new">${t("newLead")}</a>`}
    </div>
    <details class="filter-box" open=${filtersOpen} onToggle=${(e) => setFiltersOpen(e.currentTarget.open)}>
    <summary>${t("searchAndFilters")}${activeFilters > 0 ? ` (${t("activeFilters", { n: activeFilters })})` : ""}</summary>
    <form class="filters" onSubmit=${apply} aria-label=${t("filters")}>
      <${TextInput} id="f-q" label=${t("search")} value=${draft.q} onInput=${set("q")} placeholder=${t("searchHint")} type="search"
        error=${filterErrors.q} />
      <${Select} id="f-qualification" label=${t("qualification")} value=${draft.qualification} onChange=${set("qualification")}
        empty=${t("all")} options=${["hot", "warm", "cold", "junk"].map((q) => [q, t(q)])} />
      <${Select} id="f-source" label=${t("source")} value=${draft.source} onChange=${set("source")} empty=${t("all")}
        options=${sources.map((s) => [s.name, s.name])} />
      <${Select} id="f-source-detail" label=${t("sourceDetail")} value=${draft.source_detail} onChange=${set("source_detail")}
        empty=${t("all")} options=${(source?.details || []).map((d) => [d, d])} />
      <${Select} id="f-status" label=${t("status")} value=${draft.status} onChange=${set("status")} empty=${t("all")}
        options=${["open", "converted", "closed", "forwarded", "rejected"].map((s) => [s, t(s)])} />
      <${Select} id="f-assignee" label=${t("assignee")} value=${draft.assignee} onChange=${set("assignee")} empty=${t("anyone")}
        options=${assigneeOptions} />
      <${Select} id="f-sort" label=${t("sort")} value=${draft.sort} onChange=${set("sort")} empty=${t("sort_-received")}
        options=${SORTS.slice(1).map((s) => [s, t(`sort_${s}`)])} />
      <${Select} id="f-page-size" label=${t("pageSize")} value=${draft.page_size || "25"} onChange=${set("page_size")}
        options=${["10", "25", "50", "100"].map((n) => [n, n])} />
      <div class="checks">
        <${Checkbox} id="f-overdue" label=${t("overdue")} checked=${draft.overdue === "true"} onChange=${(v) => set("overdue")(v ? "true" : "")} />
        <${Checkbox} id="f-review" label=${t("needsReview")} checked=${draft.needs_review === "true"}
          onChange=${(v) => set("needs_review")(v ? "true" : "")} />
        <${Checkbox} id="f-sweepstake" label=${t("sweepstake")} checked=${draft.sweepstake_without_consent === "true"}
          onChange=${(v) => set("sweepstake_without_consent")(v ? "true" : "")} />
      </div>
      <button type="submit" class="primary">${t("filters")}</button>
    </form>
    </details>
    <details class="columns">
      <summary>${t("columns")}</summary>
      <fieldset><legend class="visually-hidden">${t("columns")}</legend>
        ${COLUMNS.map((c) => html`<${Checkbox} id=${`col-${c}`} label=${t(COLUMN_LABEL[c])} checked=${columns.includes(c)}
          onChange=${(on) => chooseColumns(c, on)} />`)}
      </fieldset>
    </details>
    <${Message} kind="error">${error}<//>
    ${notice && html`<div class=${`message ${notice.kind}`} role=${notice.kind === "error" ? "alert" : "status"} tabindex="-1"
      ref=${noticeRef} data-testid="row-notice"><strong>${notice.name}</strong> – ${notice.text}
      ${notice.detail && html`<br /><small data-testid="problem-detail">${notice.detail}</small>`}</div>`}
    ${bulkAllowed && selected.size > 0 && html`<div class="bulk" role="region" aria-label=${t("selected", { n: selected.size })}>
      <span>${t("selected", { n: selected.size })}</span>
      ${may("lead.bulk_assign") && html`
        <label for="bulk-assignee">${t("assignTo")}</label>
        <select id="bulk-assignee" value=${bulkAssignee} onChange=${(e) => setBulkAssignee(e.currentTarget.value)}>
          <option value="">${t("pool")}</option>
          ${users.map((u) => html`<option value=${u.id}>${u.name}</option>`)}
        </select>
        <button type="button" onClick=${() => bulk("assign")}>${t("assign")}</button>`}
      ${may("lead.bulk_delete") && html`<button type="button" class="danger" onClick=${() => bulk("delete")}>${t("delete")}</button>`}
    </div>`}
    ${bulkResult && html`<div class="message info" role="status" data-testid="bulk-result">
      ${t("bulkResult", { ok: bulkResult.counts.ok || 0, failed: bulkResult.results.length - (bulkResult.counts.ok || 0) })}
      <ul>${bulkResult.results.filter((r) => r.result !== "ok").map((r) => html`<li data-lead=${r.id}>
        <strong>${bulkResult.names[r.id] || r.id}</strong> – ${t(`bulk_${r.result}`)}: ${reasonOf(r.reason)}</li>`)}</ul>
    </div>`}
    ${page === null ? html`<p>${t("loading")}</p>` : page.failed ? "" : items.length === 0 ? html`<p>${t("noLeads")}</p>` : html`
    <table class="leads">
      <caption class="visually-hidden">${t("results", { n: items.length })}</caption>
      <thead><tr>
        ${bulkAllowed && html`<th scope="col">${selectableItems.length > 0 && html`<input type="checkbox" aria-label=${t("selectAll")}
          checked=${selected.size === selectableItems.length}
          onChange=${(e) => setSelected(new Set(e.currentTarget.checked ? selectableItems.map((i) => i.id) : []))} />`}</th>`}
        ${shown.map((c) => html`<th scope="col">${t(COLUMN_LABEL[c])}</th>`)}
        <th scope="col">${t("actions")}</th>
      </tr></thead>
      <tbody>${items.map((lead) => html`<tr class=${lead.overdue ? "is-overdue" : ""} data-lead=${lead.id}>
        ${bulkAllowed && html`<td>${selectable(lead) && html`<input type="checkbox" aria-label=${`${t("selectLead")} ${personName(lead)}`}
          checked=${selected.has(lead.id)} onChange=${() => toggle(lead.id)} />`}</td>`}
        ${shown.map((c) => html`<td data-col=${c}>${cell(lead, c)}</td>`)}
        <td class="row-actions">
          ${lead.allowed_actions.includes("log") && html`<a href=${`#/leads/${lead.id}/log`}>${t("log")}</a>`}
          ${lead.allowed_actions.includes("edit") && html`<a href=${`#/leads/${lead.id}/edit`}>${t("edit")}</a>`}
          ${lead.allowed_actions.includes("convert") && html`<a href=${`#/leads/${lead.id}/convert`}>${t("createActivity")}</a>`}
          ${lead.allowed_actions.includes("take") && html`<button type="button" class="link" data-testid="take"
            aria-label=${`${t("take")}: ${personName(lead)}`} disabled=${taking === lead.id} onClick=${() => take(lead)}>${t("take")}</button>`}
          ${lead.allowed_actions.includes("delete") && html`<button type="button" class="link danger"
            aria-label=${`${t("delete")}: ${personName(lead)}`} onClick=${() => deleteOne(lead)}>${t("delete")}</button>`}
        </td>
      </tr>`)}</tbody>
    </table>`}
    <nav class="pager" aria-label=${t("page", { n: cursors.length })}>
      <button type="button" disabled=${cursors.length <= 1} onClick=${previousPage}>${t("previous")}</button>
      <span>${t("page", { n: cursors.length })}</span>
      <button type="button" disabled=${!page?.next_cursor} onClick=${nextPage}>${t("next")}</button>
    </nav>
  </section>`;
}
