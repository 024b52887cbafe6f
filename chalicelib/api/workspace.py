"""The workspace: the browser screens, static ES modules served by the app itself (no web server,
no build step). Every call they make goes to the public API, signed with SigV4 in the browser."""
import base64
import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path

from chalice import Blueprint, Response

from ..config import demo_tenants_file, get_settings
from ..errors import NotFoundError
from .routing import endpoint

bp = Blueprint(__name__)
ROOT = Path(__file__).resolve().parent.parent / "web"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".svg": "image/svg+xml", ".md": "text/plain; charset=utf-8", ".json": "application/json"}
_IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.S)


@cache
def _files() -> dict[str, Path]:
    """Every file the workspace may serve, by its path under /workspace/ (nothing else is reachable)."""
    return {p.relative_to(ROOT).as_posix(): p for p in ROOT.rglob("*")
            if p.is_file() and (p.suffix in _TYPES or p.name == "LICENSE")}


@cache
def _index() -> tuple[str, str]:
    """index.html, and the Content-Security-Policy that allows its one inline script (the import map)."""
    page = (ROOT / "index.html").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(_IMPORT_MAP.search(page).group(1).encode()).digest()).decode()
    policy = (f"default-src 'self'; script-src 'self' 'sha256-{digest}'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self' https://*.amazonaws.com http://127.0.0.1:* http://localhost:*; "
              "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
    return page, policy


def _static(request, relative: str) -> Response:
    path = _files().get(relative)
    if path is None:
        raise NotFoundError(f"the workspace has no file {relative}")
    data = path.read_bytes()
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
               "Content-Type": _TYPES.get(path.suffix, "text/plain; charset=utf-8")}
    if request.headers.get("if-none-match") == etag:
        return Response(body="", status_code=304, headers=headers)
    return Response(body=data.decode("utf-8"), status_code=200, headers=headers)


@endpoint(bp, "/", "GET", summary="Redirect to the workspace", auth=False, status=302, produces="text/html")
def root(ctx):
    """A person who opens the API's address lands in the workspace."""
    return Response(body="", status_code=302, headers={"Location": _base(ctx.request) + "workspace"})


@endpoint(bp, "/workspace", "GET", summary="The workspace (browser screens for sales managers and reps)", auth=False,
          produces="text/html")
def workspace(ctx):
    """The page; its modules and the API are addressed relative to where it is served (stage prefix)."""
    page, policy = _index()
    page = page.replace("<head>", f'<head>\n<base href="{_base(ctx.request)}workspace/">', 1)
    return Response(body=page, status_code=200, headers={
        "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


@endpoint(bp, "/workspace/config.json", "GET", summary="How the workspace signs in here", auth=False,
          response="WorkspaceConfig")
def config(ctx):
    """Locally: the demo principals of `make run`. Deployed: the Cognito pools of the stack."""
    settings = get_settings()
    if settings.auth_mode == "local-sigv4":
        # Only to a page the browser loaded from this machine: a site that points its own name at
        # 127.0.0.1 (DNS rebinding) sends its own Host and gets no keys.
        loopback = _LOOPBACK_HOST.fullmatch((ctx.header("host") or "").strip().lower())
        return {"auth": "local", "region": settings.region, "principals": _demo_principals() if loopback else []}
    return {"auth": "cognito", "region": settings.region, "userPoolId": settings.cognito_user_pool_id,
            "clientId": settings.cognito_client_id, "identityPoolId": settings.cognito_identity_pool_id}


_LOOPBACK_HOST = re.compile(r"(?:127\.0\.0\.1|localhost|\[::1\])(?::[0-9]{1,5})?")


def _demo_principals() -> list[dict]:
    """The local stack's demo credentials (devstack/run.py writes them): never read when deployed."""
    path = os.environ.get("LEADFLOW_CREDENTIALS_FILE")
    if not path or not Path(path).is_file():
        return []
    fields = ("user", "tenant", "access_key_id", "secret_access_key")
    people = json.loads(Path(path).read_text(encoding="utf-8"))
    # Keyed by the file's names (sales_rep_2 is a second rep); the role is the principal's own.
    out = [{"role": c.get("role", key), "key": key, **{k: c.get(k) for k in fields}}
           for key, c in people.items() if c.get("role", key) != "integration"]
    # The demo's other tenants (the importer and its second dealer), by tenant then role.
    others = demo_tenants_file(path)
    if others.is_file():
        for tenant, roles in json.loads(others.read_text(encoding="utf-8")).items():
            out += [{"role": c.get("role", key), "key": f"{tenant}:{key}", **{k: c.get(k) for k in fields},
                     "tenant": tenant}
                    for key, c in roles.items() if c.get("role", key) in ("admin", "sales_manager", "sales_rep")]
    return out


@endpoint(bp, "/workspace/{name}", "GET", summary="A workspace file", auth=False, produces="text/javascript")
def top_file(ctx, name):
    return _static(ctx.request, name)


@endpoint(bp, "/workspace/{folder}/{name}", "GET", summary="A workspace file", auth=False, produces="text/javascript")
def nested_file(ctx, folder, name):
    return _static(ctx.request, f"{folder}/{name}")


@endpoint(bp, "/workspace/{folder}/{sub}/{name}", "GET", summary="A workspace file", auth=False, produces="text/javascript")
def deeper_file(ctx, folder, sub, name):
    return _static(ctx.request, f"{folder}/{sub}/{name}")


def _base(request) -> str:
    """The API's root as the browser sees it: "/" locally, "/api/" behind API Gateway's stage."""
    path = (request.context or {}).get("path") or "/"
    resource = (request.context or {}).get("resourcePath") or path
    prefix = path[: len(path) - len(resource)] if resource and path.endswith(resource) else ""
    return prefix.rstrip("/") + "/"
