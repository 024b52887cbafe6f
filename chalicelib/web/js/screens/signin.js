// Sign-in. Locally (make run): pick a demo principal; its access key signs every call. Deployed:
// Amazon Cognito (user pool for the person, identity pool for temporary IAM credentials).
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { html, Message, TextInput } from "../ui.js";

export function SignIn({ config, onSignedIn }) {
  return config.auth === "local"
    ? html`<${LocalSignIn} config=${config} onSignedIn=${onSignedIn} />`
    : html`<${CognitoSignIn} config=${config} onSignedIn=${onSignedIn} />`;
}

function LocalSignIn({ config, onSignedIn }) {
  const people = config.principals || [];
  return html`<section class="signin" aria-labelledby="signin-title">
    <h1 id="signin-title">${t("signInLocal")}</h1>
    <p>${t("signInLocalHint")}</p>
    <ul class="people">
      ${people.map((p) => html`<li>
        <button type="button" data-role=${p.key || p.role} onClick=${() => onSignedIn({
          accessKeyId: p.access_key_id, secretAccessKey: p.secret_access_key })}>
          <strong>${t(`role_${p.role}`)}</strong> <span>${p.user} · ${p.tenant}</span>
        </button></li>`)}
    </ul>
  </section>`;
}

function CognitoSignIn({ config, onSignedIn }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [needsNew, setNeedsNew] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { signIn } = await import("../auth/cognito.js");
      const creds = await signIn(config, username, password, needsNew ? { newPassword } : {});
      onSignedIn(creds);
    } catch (err) {
      if (err.code === "NEW_PASSWORD_REQUIRED") setNeedsNew(true);
      else setError(err.message || String(err));
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="signin" aria-labelledby="signin-title">
    <h1 id="signin-title">${t("signIn")}</h1>
    <form onSubmit=${submit}>
      <${TextInput} id="username" label=${t("user")} value=${username} onInput=${setUsername} autocomplete="username" required />
      <${TextInput} id="password" type="password" label=${t("password")} value=${password} onInput=${setPassword}
        autocomplete="current-password" required />
      ${needsNew && html`<p>${t("newPasswordNeeded")}</p>
        <${TextInput} id="new-password" type="password" label=${t("newPassword")} value=${newPassword}
          onInput=${setNewPassword} autocomplete="new-password" required />`}
      <${Message} kind="error">${error}<//>
      <button type="submit" class="primary" disabled=${busy}>${t("signIn")}</button>
    </form>
  </section>`;
}
