"""Local SigV4 verification agrees with botocore's signer; principals are canonicalised safely."""
import datetime as dt

import pytest

from chalicelib.auth.sigv4 import SignatureError, verify
from chalicelib.domain.principals import canonical_principal
from devstack.signing import signed_headers

CREDS = {"access_key_id": "AKIAEXAMPLEEXAMPLE00", "secret_access_key": "s3cr3t", "region": "eu-central-1"}


def check(method, url, headers, body=b"", query=None, path=None, secret="s3cr3t"):
    from urllib.parse import parse_qs, urlsplit
    parts = urlsplit(url)
    return verify(method=method, raw_path=path or parts.path,
                  query=query if query is not None else parse_qs(parts.query, keep_blank_values=True),
                  headers=headers, body=body, region="eu-central-1",
                  secret_for=lambda akid: secret if akid == CREDS["access_key_id"] else None)


def test_a_botocore_signature_verifies():
    url = "http://127.0.0.1:8000/leads?q=anna%20m%C3%BCller&page_size=10"
    headers = signed_headers("GET", url, CREDS)
    assert check("GET", url, headers) == CREDS["access_key_id"]


def test_a_signed_body_verifies_and_a_changed_one_does_not():
    url = "http://127.0.0.1:8000/leads"
    headers = signed_headers("POST", url, CREDS, body=b'{"a":1}', headers={"content-type": "application/json"})
    assert check("POST", url, headers, body=b'{"a":1}')
    with pytest.raises(SignatureError):
        check("POST", url, headers, body=b'{"a":2}')


@pytest.mark.parametrize("change", ["method", "path", "query", "secret", "header"])
def test_any_change_breaks_the_signature(change):
    url = "http://127.0.0.1:8000/leads/abc?x=1"
    headers = signed_headers("GET", url, CREDS, headers={"if-match": '"1"'})
    kwargs = {"method": "GET", "url": url, "headers": dict(headers)}
    if change == "method":
        kwargs["method"] = "DELETE"
    elif change == "path":
        kwargs["path"] = "/leads/abd"
    elif change == "query":
        kwargs["query"] = {"x": ["2"]}
    elif change == "secret":
        kwargs["secret"] = "other"
    elif change == "header":
        kwargs["headers"]["if-match"] = '"2"'
    with pytest.raises(SignatureError):
        check(**kwargs)


def test_the_clock_skew_is_limited():
    url = "http://127.0.0.1:8000/leads"
    headers = signed_headers("GET", url, CREDS)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=6)
    with pytest.raises(SignatureError, match="expired"):
        verify(method="GET", raw_path="/leads", query={}, headers=headers, body=b"", region="eu-central-1",
               secret_for=lambda _: "s3cr3t", now=later)


def test_a_declared_payload_hash_must_match_the_body():
    url = "http://127.0.0.1:8000/leads"
    headers = signed_headers("POST", url, CREDS, body=b"{}", headers={"x-amz-content-sha256": "0" * 64})
    with pytest.raises(SignatureError, match="does not match the body"):
        check("POST", url, headers, body=b"{}")


@pytest.mark.parametrize("arn, expected", [
    ("arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice"),
    ("arn:aws:iam::123456789012:role/dealer-app", "arn:aws:iam::123456789012:role/dealer-app"),
    ("arn:aws:sts::123456789012:assumed-role/dealer-app/alice", "arn:aws:iam::123456789012:role/dealer-app"),
    ("arn:aws:sts::123456789012:assumed-role/dealer-app/admin", "arn:aws:iam::123456789012:role/dealer-app"),
    ("arn:aws:iam::123456789012:root", None),
    ("", None), (None, None), ("not-an-arn", None),
])
def test_session_names_never_pick_the_user(arn, expected):
    assert canonical_principal(arn) == expected
