// The public API, signed with SigV4 (service execute-api) by aws4fetch. Every screen calls it
// through here; nothing in the workspace has a privilege the API does not grant the signer.
import { AwsClient } from "aws4fetch";
import { fieldMessage, t } from "./i18n.js";
import { errorText } from "./api-texts.js";

// The API's root: the page's base is <api root>/workspace/ (set by the server, stage prefix included).
export const API_ROOT = new URL("..", document.baseURI).href.replace(/\/$/, "");

export class ApiError extends Error {
  constructor(status, problem) {
    // A refused body says what is wrong where: "lead.country: kein Land: …", not only "the request
    // breaks a validation rule" (a screen without that field then still tells the person why).
    const listed = (problem?.errors || []).slice(0, 5)
      .map((e) => `${e.field ? `${e.field}: ` : ""}${fieldMessage(e.message || e.reason || e.msg || "")}`);
    // No answer at all (offline, the server down): the browser's "Failed to fetch" says nothing to a rep.
    super(status === 0 ? t("networkError")
      : listed.length ? listed.join(" · ")
        // API Gateway's own refusals (deployed: an expired sign-in) come as {"message": ...}.
        : errorText(problem?.detail || problem?.message) || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  // Field errors as {field: message}; the API names a field by its path ("vehicle.interest.price").
  fieldErrors() {
    const out = {};
    for (const e of this.problem.errors || []) {
      const field = e.field || (Array.isArray(e.loc) ? e.loc.join(".") : "");
      if (field && !out[field]) out[field] = fieldMessage(e.message || e.reason || e.msg);
    }
    return out;
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.append(key, String(value));
  }
  const text = search.toString().replace(/\+/g, "%20");
  return text ? `?${text}` : "";
}

export function createApi(credentials, region) {
  const client = new AwsClient({
    accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken, service: "execute-api", region, retries: 0,
  });

  async function call(method, path, { body, params, version, headers } = {}) {
    const init = { method, headers: { accept: "application/json", ...(headers || {}) } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["content-type"] = "application/json";
    }
    if (version !== undefined && version !== null) init.headers["if-match"] = `"${version}"`;
    let response;
    try {
      response = await client.fetch(API_ROOT + path + query(params), init);
    } catch (err) {
      throw new ApiError(0, { title: "Network", detail: String(err.message || err) });
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  return {
    get: (path, params) => call("GET", path, { params }),
    post: (path, body, options = {}) => call("POST", path, { body, ...options }),
    patch: (path, body, version) => call("PATCH", path, { body, version }),
    put: (path, body, version) => call("PUT", path, { body, version }),
    del: (path, version) => call("DELETE", path, { version }),
  };
}
