"""bin/lf: call the local leadflow API as one of the demo roles, signed with SigV4.

    bin/lf --as sales_manager GET /leads qualification=hot page_size=10
    bin/lf --as sales_rep POST /leads '{"last_name": "Huber", "phone": "0664 1234567"}'
    bin/lf --as sales_rep PATCH /leads/ID '{"qualification": "hot"}' --if-match 1
"""
import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from devstack.signing import encode_query, signed_headers

CREDENTIALS = Path(__file__).resolve().parent.parent / ".leadflow" / "demo-credentials.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bin/lf", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as", dest="role", default="sales_manager", help="demo role to call as")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--if-match", help="version to send in If-Match")
    parser.add_argument("--idempotency-key")
    parser.add_argument("method")
    parser.add_argument("path")
    parser.add_argument("args", nargs="*", help="key=value query parameters, or one JSON body")
    opts = parser.parse_args(argv)
    creds = json.loads(CREDENTIALS.read_text())[opts.role]
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
    request = urllib.request.Request(url, data=body or None, method=opts.method.upper(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    print(f"HTTP {status}", file=sys.stderr)
    try:
        print(json.dumps(json.loads(text), indent=2, ensure_ascii=False))
    except ValueError:
        print(text)
    return 0 if status < 400 else 1


if __name__ == "__main__":
    sys.exit(main())
