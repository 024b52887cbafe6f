"""Local mode: verify AWS Signature Version 4 the way API Gateway's IAM authorizer does.

Deployed, API Gateway verifies the signature and hands us the caller's ARN. Under
`make run` and in tests nothing does, so leadflow verifies it itself against the local
demo credentials: the same signed clients (botocore, curl --aws-sigv4) work in both.
"""
import datetime as dt
import hashlib
import hmac
import posixpath
import re
from collections.abc import Callable, Mapping
from urllib.parse import quote

SERVICE = "execute-api"
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)
_AUTH = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<akid>[A-Z0-9]{16,128})/(?P<date>\d{8})/(?P<region>[a-z0-9-]+)/"
    r"(?P<service>[a-z0-9-]+)/aws4_request,\s*SignedHeaders=(?P<signed>[a-z0-9;-]+),\s*Signature=(?P<sig>[0-9a-f]{64})$")


class SignatureError(Exception):
    """Why a request's signature was not accepted (shown to the client, no secret in it)."""


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def _canonical_uri(raw_path: str) -> str:
    # As botocore signs for execute-api: dot segments removed, then percent-encoded once more.
    path = posixpath.normpath(raw_path) if raw_path not in ("", "/") else "/"
    if raw_path.endswith("/") and path != "/":
        path += "/"
    return quote(path, safe="/~")


def _canonical_queries(params: Mapping[str, list[str]]) -> list[str]:
    """Signers differ in how they encode a space; both spellings of the same query are tried."""
    variants = []
    for space in ("%20", "+"):
        pairs = sorted(
            (quote(k, safe="-_.~").replace("%20", space), quote(v, safe="-_.~").replace("%20", space))
            for k, values in params.items() for v in values)
        variants.append("&".join(f"{k}={v}" for k, v in pairs))
    return list(dict.fromkeys(variants))


def verify(*, method: str, raw_path: str, query: Mapping[str, list[str]], headers: Mapping[str, str],
           body: bytes, region: str, secret_for: Callable[[str], str | None],
           now: dt.datetime | None = None) -> str:
    """Return the access key id whose secret signed this request, or raise SignatureError."""
    headers = {k.lower(): v for k, v in headers.items()}
    match = _AUTH.match(headers.get("authorization", "").strip())
    if not match:
        raise SignatureError("missing or malformed SigV4 Authorization header")
    if match["service"] != SERVICE or match["region"] != region:
        raise SignatureError(f"credential scope must be {region}/{SERVICE}")
    stamp = headers.get("x-amz-date", "")
    try:
        signed_at = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise SignatureError("missing or malformed X-Amz-Date header") from None
    now = now or dt.datetime.now(dt.timezone.utc)
    if abs(now - signed_at) > MAX_CLOCK_SKEW or stamp[:8] != match["date"]:
        raise SignatureError("signature expired or signed in the future (X-Amz-Date)")
    signed = match["signed"].split(";")
    if "host" not in signed or any(h not in headers for h in signed):
        raise SignatureError("the signed headers must include host and be present")
    payload_hash = hashlib.sha256(body).hexdigest()
    declared = headers.get("x-amz-content-sha256")
    if declared is not None and declared != payload_hash:
        raise SignatureError("X-Amz-Content-Sha256 does not match the body")
    secret = secret_for(match["akid"])
    if secret is None:
        raise SignatureError("unknown access key")
    canonical_headers = "".join(f"{h}:{' '.join(headers[h].split())}\n" for h in signed)
    scope = f"{match['date']}/{region}/{SERVICE}/aws4_request"
    key = _hmac(_hmac(_hmac(_hmac(f"AWS4{secret}".encode(), match["date"]), region), SERVICE), "aws4_request")
    for canonical_query in _canonical_queries(query):
        canonical = "\n".join([method.upper(), _canonical_uri(raw_path), canonical_query,
                               canonical_headers, match["signed"], declared or payload_hash])
        to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        if hmac.compare_digest(expected, match["sig"]):
            return match["akid"]
    raise SignatureError("signature does not match")


