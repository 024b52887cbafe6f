"""Sign HTTP requests with SigV4 for execute-api, as any AWS SDK would."""
from urllib.parse import quote, urlencode, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def encode_query(params: dict | None) -> str:
    """Query string encoded the way SigV4 canonicalises it (spaces as %20)."""
    if not params:
        return ""
    return urlencode(params, doseq=True, quote_via=quote, safe="-_.~")


def signed_headers(method: str, url: str, creds: dict, *, body: bytes = b"",
                   headers: dict | None = None) -> dict:
    """Headers (with Authorization and X-Amz-Date) for a request to url signed with creds."""
    headers = dict(headers or {})
    headers.setdefault("host", urlsplit(url).netloc)
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    SigV4Auth(Credentials(creds["access_key_id"], creds["secret_access_key"]), "execute-api",
              creds["region"]).add_auth(request)
    return dict(request.headers.items())
