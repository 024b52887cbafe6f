// Imports: choose a file, upload it through the presigned URL (with progress), watch status and
// counts, download the error report. Customer-master files only for roles that may load customers.
import { useEffect, useState } from "preact/hooks";
import { t, fmtDateTime, fmtNumber } from "../i18n.js";
import { importDetail } from "../api-texts.js";
import { html, Message, Select } from "../ui.js";

const COUNTS = ["rows", "created", "reinquiries", "needs_review", "duplicates_in_file", "already_imported", "rejected"];
const FINISHED = ["done", "partial", "failed", "duplicate"];

function upload(url, file, onProgress) {
  // XMLHttpRequest, not fetch: only it reports upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(t("uploadRefused", { status: xhr.status }))));
    xhr.onerror = () => reject(new Error(t("uploadNetwork")));
    xhr.send(file);
  });
}

function Counts({ item }) {
  return html`<ul class="counts">${COUNTS.filter((k) => item.counts?.[k] !== null && item.counts?.[k] !== undefined)
    .map((k) => html`<li data-count=${k}><span>${t(k === "needs_review" ? "needsReview" : k)}</span>
      <strong>${fmtNumber(item.counts[k])}</strong></li>`)}</ul>`;
}

export function Imports({ api, me }) {
  const [file, setFile] = useState(null);
  const [kind, setKind] = useState("leads");
  const [sources, setSources] = useState([]);
  const [defaults, setDefaults] = useState({ default_source: "", default_qualification: "" });
  const [progress, setProgress] = useState(null);
  const [current, setCurrent] = useState(null);
  const [recent, setRecent] = useState(null);            // null: not read yet; false: could not be read
  const [error, setError] = useState(null);
  const may = (action) => !!me.permissions[action];

  // A list that could not be read says so (an empty table looked like "no imports yet").
  const refresh = () => api.get("/imports").then((r) => setRecent(r.items)).catch((err) => { setError(err.message); setRecent((before) => before || false); });
  useEffect(() => { refresh(); api.get("/sources").then((r) => setSources(r.items.filter((s) => s.active))).catch(() => {}); }, []);

  useEffect(() => {
    if (!current || FINISHED.includes(current.status)) return undefined;
    const timer = setTimeout(async () => {
      try { setCurrent(await api.get(`/imports/${current.id}`)); } catch (err) { setError(err.message); }
    }, 1000);
    return () => clearTimeout(timer);
  }, [current]);
  useEffect(() => { if (current && FINISHED.includes(current.status)) refresh(); }, [current?.status]);

  async function start(event) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setCurrent(null);
    try {
      const started = await api.post("/imports", {
        file_name: file.name, kind,
        ...(kind === "leads" && defaults.default_source ? { default_source: defaults.default_source } : {}),
        ...(kind === "leads" && defaults.default_qualification ? { default_qualification: defaults.default_qualification } : {}),
      });
      setProgress(0);
      await upload(started.upload.url, file, setProgress);
      setProgress(1);
      setCurrent(await api.get(`/imports/${started.id}`));
    } catch (err) {
      setError(err.message);
      setProgress(null);
    }
  }

  const kinds = [["leads", t("kind_leads")], ...(may("customer.bulk") ? [["customers", t("kind_customers")]] : [])];
  return html`<section aria-labelledby="imports-title">
    <h1 id="imports-title">${t("imports")}</h1>
    ${may("import.create") ? html`<form class="import" onSubmit=${start}>
      <div class="field">
        <label for="import-file">${t("file")}</label>
        <input id="import-file" type="file" accept=".csv,.txt,.xlsx,.xml,.adf" onChange=${(e) => setFile(e.currentTarget.files[0] || null)} />
      </div>
      <${Select} id="import-kind" label=${t("kind")} value=${kind} onChange=${setKind} options=${kinds} />
      ${kind === "leads" && html`
        <${Select} id="import-source" label=${t("defaultSource")} value=${defaults.default_source} empty=${t("none")}
          onChange=${(v) => setDefaults({ ...defaults, default_source: v })} options=${sources.map((s) => [s.name, s.name])} />
        <${Select} id="import-qualification" label=${t("defaultQualification")} value=${defaults.default_qualification}
          empty=${t("none")} onChange=${(v) => setDefaults({ ...defaults, default_qualification: v })}
          options=${["hot", "warm", "cold", "junk"].map((q) => [q, t(q)])} />`}
      <button type="submit" class="primary" disabled=${!file || (progress !== null && progress < 1)}>${t("upload")}</button>
      ${progress !== null && html`<div class="progress">
        <label for="upload-progress">${progress < 1 ? t("uploading")
          : current && FINISHED.includes(current.status) ? t("uploaded") : t("uploadedImporting")}</label>
        <progress id="upload-progress" max="100" value=${Math.round(progress * 100)}>${Math.round(progress * 100)} %</progress>
      </div>`}
    </form>` : html`<p class="muted">${t("readOnly")}</p>`}
    <${Message} kind="error">${error}<//>
    ${current && html`<div class="import-status" role="status" data-testid="import-status" data-status=${current.status}>
      <p><strong>${current.file}</strong>: ${t(`imp_${current.status}`)} ${current.detail ? `– ${importDetail(current.detail)}` : ""}</p>
      <${Counts} item=${current} />
      ${current.error_report?.url && html`<a class="button" href=${current.error_report.url} download=${current.error_report.name}>
        ${t("errorReport")}</a>`}
    </div>`}
    <h2 id="recent-title">${t("recentImports")}</h2>
    ${recent === null ? html`<p>${t("loading")}</p>` : recent === false ? "" : recent.length === 0 ? html`<p data-testid="no-imports">${t("noImports")}</p>` : html`
    <table class="imports" aria-labelledby="recent-title">
      <thead><tr><th scope="col">${t("received")}</th><th scope="col">${t("file")}</th><th scope="col">${t("kind")}</th>
        <th scope="col">${t("status")}</th><th scope="col">${t("rows")}</th><th scope="col">${t("actions")}</th></tr></thead>
      <tbody>${recent.map((item) => html`<tr data-import=${item.id}>
        <td>${fmtDateTime(item.created_at)}</td><td>${item.file}</td><td>${t(`kind_${item.kind}`)}</td>
        <td>${t(`imp_${item.status}`)}</td><td><${Counts} item=${item} /></td>
        <td><button type="button" class="link" aria-label=${t("importStatusOf", { file: item.file, at: fmtDateTime(item.created_at) })}
          onClick=${async () => setCurrent(await api.get(`/imports/${item.id}`))}>
          ${t("status")}</button></td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}
