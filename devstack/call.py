"""bin/lf: call the local leadflow API as one of the demo roles, signed with SigV4.

    bin/lf --as sales_manager GET /leads qualification=hot page_size=10
    LEADFLOW_PORT=8401 bin/lf GET /me                           (a make run started with that port)
    bin/lf --as sales_rep POST /leads '{"last_name": "Huber", "phone": "0664 1234567"}'
    bin/lf --as sales_rep PATCH /leads/ID '{"qualification": "hot"}' --if-match 1
    bin/lf --tenant demo-importeur --as admin GET /links        (another demo tenant's role;
    bin/lf --as demo-importeur:admin GET /links                  the same, shorter)

Exit status: 0 for a 2xx or 3xx answer, 1 for a 4xx or 5xx answer, 2 when no call could be made
(an unknown role, no credentials file, the stack not running).
"""
import argparse
import http.client
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

from chalicelib.config import demo_tenants_file
from devstack.cli import CallError, fail, load_entry, output_closed
from devstack.signing import encode_query, signed_headers

ROOT = Path(__file__).resolve().parent.parent
CREDENTIALS = Path(os.environ.get("LEADFLOW_CREDENTIALS_FILE", ROOT / ".leadflow" / "demo-credentials.json"))
OTHER_TENANTS = demo_tenants_file(CREDENTIALS)      # devstack/run.py: by tenant, then role


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bin/lf", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as", dest="role", default="sales_manager",
                        help="demo role to call as (TENANT:ROLE for another demo tenant's)")
    parser.add_argument("--tenant", help="another demo tenant (demo-importeur, demo-autohaus-graz) to call as")
    parser.add_argument("--url", default=default_url(),
                        help="the API (default: http://127.0.0.1:$LEADFLOW_PORT, the port make run serves on; 8000)")
    parser.add_argument("--if-match", help="version to send in If-Match")
    parser.add_argument("--idempotency-key")
    parser.add_argument("method")
    parser.add_argument("path")
    parser.add_argument("args", nargs="*", help="key=value query parameters, or one JSON body")
    opts = parser.parse_args(argv)
    try:
        status, text = send(opts, load_credentials(opts.role, opts.tenant))
    except CallError as exc:
        return fail("bin/lf", exc)
    try:
        print(f"HTTP {status}", file=sys.stderr)
        print(pretty(text))
        sys.stdout.flush()              # a closed pipe shows here, not in Python's flush at exit
    except BrokenPipeError:
        return output_closed()
    return 0 if status < 400 else 1


def default_url() -> str:
    """The API of a `make run` started in this environment: it serves on LEADFLOW_PORT."""
    return f"http://127.0.0.1:{os.environ.get('LEADFLOW_PORT') or '8000'}"


def load_credentials(role: str, tenant: str | None = None) -> dict:
    if ":" in role and tenant is None:
        tenant, role = role.split(":", 1)
    if tenant:
        roles = load_entry(OTHER_TENANTS, tenant, f"no credentials at {OTHER_TENANTS}: `make run` writes them when it starts",
                           f"no demo tenant {tenant!r} in {OTHER_TENANTS}; there are {{known}}")
        if role not in roles:
            raise CallError(f"no demo role {role!r} of {tenant}; there are {', '.join(roles)}")
        return roles[role]
    return load_entry(CREDENTIALS, role, f"no credentials at {CREDENTIALS}: `make run` writes them when it starts",
                      f"no demo role {role!r} in {CREDENTIALS}; there are {{known}}")


def pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


def send(opts, creds: dict) -> tuple[int, str]:
    """The status and body of the signed request that opts describe."""
    body, params = b"", {}
    for arg in opts.args:
        if arg.lstrip().startswith("{"):
            body = arg.encode()
        else:
            key, _, value = arg.partition("=")
            params[key] = value
    url = opts.url + opts.path + ("?" + encode_query(params) if params else "")
    headers = {"content-type": "application/json"} if body else {}
    if opts.if_match:
        headers["if-match"] = f'"{opts.if_match}"'
    if opts.idempotency_key:
        headers["idempotency-key"] = opts.idempotency_key
    headers = signed_headers(opts.method.upper(), url, creds, body=body, headers=headers)
    try:
        request = urllib.request.Request(url, data=body or None, method=opts.method.upper(), headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)            # URLError wraps the socket's error
        raise CallError(f"no answer from {opts.url} ({reason}): is `make run` running?") from None
    except ValueError as exc:
        raise CallError(f"{url} is no URL: {exc}") from None


if __name__ == "__main__":
    sys.exit(main())
