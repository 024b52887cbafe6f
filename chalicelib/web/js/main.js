// The workspace shell: sign-in, who is signed in, navigation, and the screen the address names.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { createApi } from "./api.js";
import { t, lang, setLang } from "./i18n.js";
import { html, Message, go } from "./ui.js";
import { loadSession, saveSession, clearSession } from "./session.js";
import { SignIn } from "./screens/signin.js";
import { Start } from "./screens/start.js";
import { LeadList } from "./screens/list.js";
import { LeadForm } from "./screens/lead-form.js";
import { LeadLog } from "./screens/lead-log.js";
import { Convert } from "./screens/convert.js";
import { Imports } from "./screens/imports.js";
import { Rules } from "./screens/rules.js";
import { Privacy } from "./screens/privacy.js";

function useHash() {
  const [hash, setHash] = useState(location.hash || "");
  useEffect(() => {
    const onChange = () => setHash(location.hash || "");
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return hash;
}

function route(hash) {
  const [path, search] = (hash.replace(/^#/, "") || "/").split("?");
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "leads" && parts[1] === "new") return { screen: "create" };
  if (parts[0] === "leads" && parts[1] && parts[2]) return { screen: parts[2], id: decodeURIComponent(parts[1]) };
  if (parts[0] === "leads") return { screen: "list", params: new URLSearchParams(search || "") };
  if (parts[0] === "imports") return { screen: "imports" };
  if (parts[0] === "start") return { screen: "start" };
  if (parts[0] === "rules") return { screen: "rules" };
  if (parts[0] === "privacy") return { screen: "privacy" };
  return { screen: "home" };
}

function App() {
  const [config, setConfig] = useState(null);
  const [session, setSession] = useState(loadSession());
  const [me, setMe] = useState(null);
  const [error, setError] = useState(null);
  const [attempt, setAttempt] = useState(0);             // "try again" after /me found no connection
  const [, setLanguage] = useState(lang());
  const hash = useHash();

  useEffect(() => {
    fetch("config.json").then((r) => r.json()).then(setConfig).catch(() => setError(t("networkError")));
  }, []);

  const api = session && config ? createApi(session.credentials, config.region) : null;

  useEffect(() => {
    if (!api) { setMe(null); return; }
    setError(null);
    api.get("/me").then(setMe).catch((e) => {
      setError(e.message);
      // No connection says nothing about the sign-in: it stays, to try again (a reload during a
      // network blip signed the person out). A refused sign-in ends it.
      if (e.status === 0) return;
      clearSession();
      setSession(null);
    });
  }, [session, config, attempt]);

  // Deployed, Cognito's credentials last an hour: renew them five minutes before they run out.
  useEffect(() => {
    const creds = session?.credentials;
    if (!config || config.auth !== "cognito" || !creds?.expiration || !creds.refreshToken) return undefined;
    const timer = setTimeout(async () => {
      try {
        const { refresh } = await import("./auth/cognito.js");
        signedIn(await refresh(config, creds.refreshToken));
      } catch (err) {
        setError(err.message);
        signOut();
      }
    }, Math.max(0, creds.expiration - Date.now() - 5 * 60_000));
    return () => clearTimeout(timer);
  }, [session, config]);

  const signedIn = (credentials) => { const s = { credentials }; saveSession(s); setError(null); setSession(s); };
  const signOut = () => { clearSession(); setSession(null); setMe(null); go("/"); };
  const switchLanguage = (value) => { setLang(value); setLanguage(value); };

  const { screen: named, id, params } = route(hash);
  // The home page is the rep's start page, everyone else's lead list: its screen, and its link marked current.
  const screen = named === "home" && me ? (me.role === "sales_rep" ? "start" : "list") : named;
  let main;
  if (!config) main = html`<p>${t("loading")}</p>`;
  else if (!session) main = html`<${SignIn} config=${config} onSignedIn=${signedIn} />`;
  else if (!me) main = error ? html`<button type="button" onClick=${() => setAttempt(attempt + 1)}>${t("retry")}</button>`
    : html`<p>${t("loading")}</p>`;
  else {
    const props = { api, me, config };
    main = {
      start: () => html`<${Start} ...${props} />`,
      list: () => html`<${LeadList} ...${props} params=${params || new URLSearchParams()} />`,
      // Keyed by the lead: a new lead saved (or another lead opened) mounts a fresh screen, so
      // the edit form never shows the previous screen's state until the lead arrives and then
      // replaces what was typed meanwhile.
      // A screen reached by its address shows only what the role may do there (the API would refuse it anyway).
      create: () => (me.permissions?.["lead.create"] ? html`<${LeadForm} key="new" ...${props} />` : html`<p>${t("forbidden")}</p>`),
      edit: () => html`<${LeadForm} key=${`edit-${id}`} ...${props} id=${id} />`,
      log: () => html`<${LeadLog} key=${`log-${id}`} ...${props} id=${id} />`,
      convert: () => html`<${Convert} key=${`convert-${id}`} ...${props} id=${id} />`,
      imports: () => (me.permissions?.["import.read"] ? html`<${Imports} ...${props} />` : html`<p>${t("forbidden")}</p>`),
      rules: () => (me.permissions?.["routing.read"] ? html`<${Rules} ...${props} />` : html`<p>${t("forbidden")}</p>`),
      privacy: () => (me.permissions?.["privacy.export"] ? html`<${Privacy} ...${props} />` : html`<p>${t("forbidden")}</p>`),
    }[screen]?.() ?? html`<p data-testid="no-such-screen">${t("noSuchScreen")} <a href="#/">${t("toStart")}</a></p>`;
  }

  const may = (action) => !!me?.permissions?.[action];
  return html`
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById("main").focus(); }}>${t("skipToContent")}</a>
    <header class="top">
      <span class="brand">leadflow</span>
      ${me && html`<nav aria-label=${t("nav")}>
        <a href="#/start" aria-current=${screen === "start" ? "page" : undefined}>${t("start")}</a>
        <a href="#/leads" aria-current=${["list", "create", "edit", "log", "convert"].includes(screen) ? "page" : undefined}>${t("leads")}</a>
        ${may("import.read") && html`<a href="#/imports" aria-current=${screen === "imports" ? "page" : undefined}>${t("imports")}</a>`}
        ${may("routing.read") && html`<a href="#/rules" aria-current=${screen === "rules" ? "page" : undefined}>${t("rules")}</a>`}
        ${may("privacy.export") && html`<a href="#/privacy" aria-current=${screen === "privacy" ? "page" : undefined}>${t("privacy")}</a>`}
      </nav>`}
      <div class="who">
        <label for="language" class="visually-hidden">${t("language")}</label>
        <select id="language" value=${lang()} onChange=${(e) => switchLanguage(e.currentTarget.value)}>
          <option value="de" selected=${lang() === "de"}>Deutsch</option>
          <option value="en" selected=${lang() === "en"}>English</option>
        </select>
        ${me && html`<span class="user" data-testid="who">${me.user} · ${t(`role_${me.role}`)} · ${me.tenant}</span>
          <button type="button" onClick=${signOut}>${t("signOut")}</button>`}
      </div>
    </header>
    <main id="main" tabindex="-1">
      <${Message} kind="error">${error}<//>
      ${main}
    </main>`;
}

const root = document.getElementById("app");
root.textContent = "";                  // the static "loading" line goes; Preact owns the container
render(html`<${App} />`, root);
