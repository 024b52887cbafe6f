"""The demo tenant's webhook integrations under make run, and a sender that posts to them.

    bin/webhook adf tests/fixtures/webhooks/adf-lead.xml          (signed, Standard Webhooks)
    bin/webhook google tests/fixtures/webhooks/google-ads-lead.json  (google_key put in)
    bin/webhook json '{"vorname": "Jana", "nachname": "Huber", "email": "jana@example.at"}'
    bin/webhook form 'nachname=Huber&email=huber%40example.at&plz=1010&website='  (as a browser on :8081 posts it)

Each call prints the status and the answer. `--again` sends the same delivery a second time
(the same webhook-id), `--forge` signs with a wrong secret.

Exit status, as bin/lf's: 0 when every answer is 2xx or 3xx, 1 when one is 4xx or 5xx (a forged
delivery's 401 too), 2 when no delivery could be made (no integrations file, the stack not running).
"""
import argparse
import http.client
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from devstack.cli import CallError, fail, load_entry, output_closed

ROOT = Path(__file__).resolve().parent.parent
WEBHOOKS_FILE = Path(os.environ.get("LEADFLOW_WEBHOOKS_FILE", ROOT / ".leadflow" / "demo-webhooks.json"))
FORM_ORIGINS = ["http://127.0.0.1:8081", "http://localhost:8081"]


def seed_integrations(tenant: str, admin: dict, api_base: str) -> dict:
    """One integration per kind of sender; their ids and secrets (shown once) go to a file."""
    from chalicelib.domain.permissions import Caller
    from chalicelib.services.integrations import IntegrationInput, create_integration
    caller = Caller(tenant, admin["user"], admin["role"], admin["principal"])
    settings = {
        "json": {"name": "Website (vom Server signiert)", "format": "generic", "default_source": "Website",
                 "default_source_detail": "Kontaktformular"},
        "form": {"name": "Kontaktformular (HTML)", "format": "html_form", "default_source": "Website",
                 "default_source_detail": "Kontaktformular", "allowed_origins": FORM_ORIGINS},
        "google": {"name": "Google Ads Lead Form", "format": "google_ads", "default_source": "Google Ads",
                   "default_source_detail": "Lead Form Extension", "default_qualification": "hot"},
        "adf": {"name": "Börse (ADF)", "format": "adf", "default_source": "Website",
                "default_source_detail": "Probefahrt-Formular"},
    }
    out = {}
    for kind, body in settings.items():
        created = create_integration(caller, IntegrationInput(**body)).body
        out[kind] = {"id": created["id"], "format": created["format"], "secret": created.get("secret"),
                     "url": f"{api_base}/webhooks/{created['id']}"}
    WEBHOOKS_FILE.parent.mkdir(exist_ok=True)
    WEBHOOKS_FILE.write_text(json.dumps(out, indent=2))
    WEBHOOKS_FILE.chmod(0o600)
    write_contact_form(out["form"]["url"])
    return out


def write_contact_form(action: str) -> Path:
    """The sample contact form, posting to `action`, in a folder of its own (.leadflow/form/): the
    README serves that folder with http.server, which must not serve the credentials beside it."""
    form = (ROOT / "tests" / "fixtures" / "webhooks" / "contact-form.html").read_text()
    path = WEBHOOKS_FILE.parent / "form" / "contact-form.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(form.replace("http://127.0.0.1:8000/webhooks/{integration_id}", action))
    return path


def delivery(kind: str, hook: dict, body: bytes, *, msg_id: str, forge: bool = False) -> tuple[bytes, dict]:
    """The body and headers a real sender of this kind would send."""
    from chalicelib.domain.webhook_signatures import new_secret, webhook_headers
    if kind == "google":
        payload = json.loads(body)
        payload = {k: v for k, v in payload.items() if k.lower() != "google_key"}
        payload["google_key"] = "forged" if forge else hook["secret"]
        return json.dumps(payload).encode(), {"content-type": "application/json"}
    if kind == "form":                  # a browser cannot sign: the form's origin is what it proves
        origin = "https://forged.example" if forge else FORM_ORIGINS[0]
        return body, {"content-type": "application/x-www-form-urlencoded", "origin": origin}
    secret = new_secret() if forge else hook["secret"]
    content_type = "application/xml" if kind == "adf" else "application/json"
    return body, {"content-type": content_type, **webhook_headers(secret, msg_id, int(time.time()), body)}


def post(url: str, body: bytes, headers: dict, timeout: float = 10) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bin/webhook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["json", "form", "google", "adf"])
    parser.add_argument("payload", help="a file, or the body itself")
    parser.add_argument("--again", action="store_true", help="deliver it twice with the same webhook-id")
    parser.add_argument("--forge", action="store_true", help="sign with a wrong secret")
    opts = parser.parse_args(argv)
    try:
        hook = load_integration(opts.kind)
        body = read_payload(opts.payload)
        msg_id = f"msg_{uuid.uuid4().hex}"
        refused = False
        for _ in range(2 if opts.again else 1):
            try:
                data, headers = delivery(opts.kind, hook, body, msg_id=msg_id, forge=opts.forge)
            except ValueError as exc:                   # a google delivery is read as JSON
                raise CallError(f"the {opts.kind} payload is not JSON: {exc}") from None
            status, text = send(hook["url"], data, headers)
            print(status, text if len(text) < 2000 else text[:2000] + "...", flush=True)
            refused = refused or status >= 400
    except CallError as exc:
        return fail("bin/webhook", exc)
    except BrokenPipeError:
        return output_closed()
    return 1 if refused else 0


def send(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    """post(), with a stack that does not answer said in one line."""
    try:
        return post(url, body, headers)
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)            # URLError wraps the socket's error
        raise CallError(f"no answer from {url} ({reason}): is `make run` running?") from None


def read_payload(payload: str) -> bytes:
    """The bytes of the file payload names, or else payload itself (a body longer than a file name can be)."""
    try:
        return Path(payload).read_bytes()
    except PermissionError as exc:
        raise CallError(f"cannot read {payload}: {exc.strerror}") from None
    except OSError:
        return payload.encode()


def load_integration(kind: str) -> dict:
    return load_entry(WEBHOOKS_FILE, kind, f"no integrations at {WEBHOOKS_FILE}: `make run` writes them when it starts",
                      f"no {kind} integration in {WEBHOOKS_FILE}; restart `make run` to write them anew")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
