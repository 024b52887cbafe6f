// The signed-in person's temporary credentials, for this browser tab only (sessionStorage).
const KEY = "leadflow.session";

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY));
    const expiration = session?.credentials?.expiration;
    return session && (!expiration || expiration > Date.now() + 60_000) ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session) { sessionStorage.setItem(KEY, JSON.stringify(session)); }

export function clearSession() { sessionStorage.removeItem(KEY); }
