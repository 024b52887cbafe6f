"""End to end: start the real `make run` stack and call it over HTTP on 127.0.0.1, signed with SigV4."""
import datetime as dt
import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.e2e.stack import call

pytestmark = pytest.mark.e2e


def test_credentials_file_has_one_principal_per_role(stack):
    assert {"admin", "sales_manager", "sales_rep", "integration", "auditor"} <= set(stack["creds"])
    for creds in stack["creds"].values():
        assert {"access_key_id", "secret_access_key", "region"} <= set(creds)


def test_every_role_is_recognised(stack):
    for role in ("admin", "sales_manager", "sales_rep", "integration", "auditor"):
        status, me, _ = call(stack, role, "GET", "/me")
        assert status == 200 and me["role"] == role and me["tenant"] == "demo-autohaus"


def test_the_demo_tenant_is_seeded(stack):
    status, page, _ = call(stack, "sales_manager", "GET", "/leads", params={"page_size": 100})
    assert status == 200 and len(page["items"]) == 54
    status, review, _ = call(stack, "sales_manager", "GET", "/leads", params={"needs_review": "true"})
    assert status == 200 and {i["last_name"] for i in review["items"]} == {"Köhler", "Brandt", "Novak"}
    assert all(i["problems"] for i in review["items"])
    status, found, _ = call(stack, "sales_manager", "GET", "/leads", params={"q": "sabine lechner"})
    [lechner] = found["items"]                 # "1100 Wien" in the postal code field: put right, nothing to review
    assert (lechner["postal_code"], lechner["city"], lechner["needs_review"]) == ("1100", "Wien", False)
    status, sources, _ = call(stack, "sales_manager", "GET", "/sources")
    assert "Vienna Autoshow 2017" in {d for s in sources["items"] for d in s["details"]}


def test_a_lead_goes_through_its_life_over_http(stack):
    status, lead, headers = call(stack, "sales_rep", "POST", "/leads", {
        "salutation": "Herr", "first_name": "Jürgen", "last_name": "Weißenböck", "phone": "0676 5556677",
        "postal_code": "1100", "city": "Wien", "qualification": "hot", "source": "Vienna Autoshow",
        "source_detail": "Vienna Autoshow 2026", "vehicle": {"interest": {"make": "Škoda", "models": ["Enyaq"]}}})
    assert status == 201, lead
    assert lead["phone"] == "+436765556677" and lead["due_at"]
    status, found, _ = call(stack, "sales_rep", "GET", "/leads", params={"q": "weissenbock"})
    assert [i["id"] for i in found["items"]] == [lead["id"]]
    status, taken, headers = call(stack, "sales_rep", "PATCH", f"/leads/{lead['id']}", {"assignee": "l.huber"},
                                  headers={"if-match": '"1"'})
    assert status == 200 and taken["assignee"] == "l.huber" and headers["ETag"] == '"2"'
    status, stale, _ = call(stack, "sales_manager", "PATCH", f"/leads/{lead['id']}", {"remark": "x"},
                            headers={"if-match": '"1"'})
    assert status == 412 and stale["current_version"] == 2
    assert call(stack, "sales_rep", "DELETE", f"/leads/{lead['id']}")[0] == 403
    assert call(stack, "sales_manager", "DELETE", f"/leads/{lead['id']}", headers={"if-match": '"2"'})[0] == 204
    status, log, _ = call(stack, "auditor", "GET", f"/leads/{lead['id']}/log")
    assert [e["action"] for e in log["items"]] == ["deleted", "assigned", "created"]


def test_unsigned_and_forged_requests_are_refused(stack):
    assert call(stack, "sales_manager", "GET", "/leads", sign=False)[0] == 401
    forged = dict(stack, creds={"x": dict(stack["creds"]["admin"], secret_access_key="guess")})
    assert call(forged, "x", "GET", "/leads")[0] == 401


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_readme_curl_example_works(stack):
    creds = stack["creds"]["sales_manager"]
    out = subprocess.run(
        ["curl", "-s", "--aws-sigv4", f"aws:amz:{creds['region']}:execute-api",
         "--user", f"{creds['access_key_id']}:{creds['secret_access_key']}",
         stack["base"] + "/leads?qualification=hot"],
        capture_output=True, text=True, timeout=30, check=True)
    page = json.loads(out.stdout)
    assert page["items"] and all(i["qualification"] == "hot" for i in page["items"])


def test_a_rep_converts_leads_all_three_ways_over_http(stack):
    status, mine, _ = call(stack, "sales_rep", "GET", "/leads", params={"assignee": "me", "page_size": 50})
    assert status == 200
    checks = {}
    for lead in mine["items"]:
        if lead["status"] != "open":
            continue
        status, check, _ = call(stack, "sales_rep", "GET", f"/leads/{lead['id']}/duplicates")
        assert status == 200, check
        verdict = check["candidates"][0]["verdict"] if check["candidates"] else "none"
        checks.setdefault("duplicate" if verdict == "duplicate" else "other", []).append((lead, check))
    assert len(checks.get("duplicate", [])) >= 2 and checks.get("other")
    (first, first_check), (second, second_check) = checks["duplicate"][:2]
    customer = first_check["candidates"][0]["customer"]
    changed = [f["field"] for f in first_check["candidates"][0]["fields"] if f["differs"]]
    status, done, _ = call(stack, "sales_rep", "POST", f"/leads/{first['id']}/convert", {
        "decision": "update_customer", "customer_id": customer["id"], "fields": changed or ["phone"],
        "check_token": first_check["check_token"], "activity": {"type": "test_drive", "due_date": (dt.date.today() + dt.timedelta(days=7)).isoformat()}})
    assert status == 201, done
    assert done["lead"]["status"] == "converted" and done["activity"]["customer_id"] == customer["id"]
    kept = second_check["candidates"][0]["customer"]
    status, done, _ = call(stack, "sales_rep", "POST", f"/leads/{second['id']}/convert", {
        "decision": "keep_customer", "customer_id": kept["id"], "check_token": second_check["check_token"],
        "activity": {"type": "call"}})
    assert status == 201 and done["customer"]["version"] == kept["version"], done
    new, new_check = checks["other"][0]
    status, done, _ = call(stack, "sales_rep", "POST", f"/leads/{new['id']}/convert", {
        "decision": "new_customer", "check_token": new_check["check_token"], "activity": {"type": "offer"}},
        headers={"idempotency-key": "e2e-new"})
    assert status == 201 and done["customer"]["last_name"] == new["last_name"], done
    status, activities, _ = call(stack, "sales_rep", "GET", "/activities")
    assert len(activities["items"]) >= 3


def wait_for_import(stack, file_name, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        items = [i for i in call(stack, "sales_manager", "GET", "/imports")[1]["items"] if i["file"] == file_name]
        if items and items[0]["status"] in ("done", "partial", "failed", "duplicate"):
            return call(stack, "sales_manager", "GET", f"/imports/{items[0]['id']}")[1]
        time.sleep(0.5)
    raise AssertionError(f"{file_name} was not imported within {seconds} s")


def test_a_trade_fair_list_dropped_into_the_local_bucket_is_imported_once(stack):
    import boto3
    s3 = boto3.client("s3", endpoint_url=stack["moto"], region_name="eu-central-1",
                      aws_access_key_id="local", aws_secret_access_key="local")
    def imported_leads():
        found = call(stack, "sales_manager", "GET", "/leads", params={"page_size": 100})[1]
        return {i["id"] for i in found["items"] if i["channel"] == "import"}
    before = imported_leads()
    body = (ROOT / "tests" / "fixtures" / "imports" / "vienna-autoshow-2017.bad-rows.csv").read_bytes()
    s3.put_object(Bucket="leadflow-files", Key="incoming/demo-autohaus/Vienna Autoshow 2017.csv", Body=body)
    status = wait_for_import(stack, "Vienna Autoshow 2017.csv")
    assert (status["status"], status["counts"]["created"], status["counts"]["needs_review"],
            status["counts"]["rejected"]) == ("partial", 12, 10, 1)
    with urllib.request.urlopen(status["error_report"]["url"], timeout=10) as r:      # the download URL, as a browser
        report = r.read().decode("utf-8-sig")
    assert report.startswith("Zeile;Stufe;Feld;Grund;Wert wie angegeben;Code;Nachname;Vorname")
    imported = imported_leads()
    assert len(imported - before) == 12
    # The same list again, under another name: recognised, nothing imported twice.
    s3.put_object(Bucket="leadflow-files", Key="incoming/demo-autohaus/nochmal.csv", Body=body)
    again = wait_for_import(stack, "nochmal.csv")
    assert again["status"] == "duplicate" and "imported already" in again["detail"]
    assert imported_leads() == imported


def test_each_kind_of_sender_delivers_over_http_and_a_replay_changes_nothing(stack):
    from devstack.webhooks import delivery, post
    fixtures = ROOT / "tests" / "fixtures" / "webhooks"
    before = {i["id"] for i in call(stack, "sales_manager", "GET", "/leads", params={"page_size": 100})[1]["items"]}
    sent = {"json": json.dumps({"vorname": "Jana", "nachname": "Huber", "email": "jana.e2e@example.at"}).encode(),
            "form": (fixtures / "contact-form.urlencoded").read_bytes().replace(b"80331", b"1010"),
            "google": (fixtures / "google-ads-lead.json").read_bytes(),
            "adf": (fixtures / "adf-lead.xml").read_bytes()}
    for kind, body in sent.items():
        hook = stack["webhooks"][kind]
        data, headers = delivery(kind, hook, body, msg_id=f"e2e-{kind}")
        first = post(hook["url"], data, headers)
        assert first[0] in (200, 201), (kind, first)
        again = post(hook["url"], *delivery(kind, hook, body, msg_id=f"e2e-{kind}"))
        assert again == first, (kind, first, again)      # a form reposted within 10 minutes: a resubmission
        forged = post(hook["url"], *delivery(kind, hook, body, msg_id=f"e2e-{kind}-forged", forge=True))
        assert forged[0] == 401, (kind, forged)
    after = call(stack, "sales_manager", "GET", "/leads", params={"page_size": 100})[1]["items"]
    new = [i for i in after if i["id"] not in before]
    assert sorted(i["channel"] for i in new) == ["webhook"] * 4     # json, form, google, adf: once each
    google = [i for i in new if i["source"] == "Google Ads"]
    assert len(google) == 1 and google[0]["qualification"] == "hot"


def test_a_form_posted_in_windows_1252_or_as_multipart_arrives_byte_for_byte_over_http(stack):
    from devstack.webhooks import FORM_ORIGINS, post
    hook = stack["webhooks"]["form"]
    legacy = "nachname=Gößl&email=goessl.e2e@example.at".encode("cp1252")
    boundary = "----leadflowe2e"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"nachname\"\r\n\r\nWörz\r\n"
                 f"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nwoerz.e2e@example.at\r\n"
                 f"--{boundary}--\r\n").encode()
    for body, content_type in ((legacy, "application/x-www-form-urlencoded; charset=windows-1252"),
                               (multipart, f"multipart/form-data; boundary={boundary}")):
        status, _ = post(hook["url"], body, {"content-type": content_type, "origin": FORM_ORIGINS[0],
                                             "accept": "application/json"})
        assert status in (200, 201, 303), (content_type, status)
    for q, name in (("goessl.e2e@example.at", "Gößl"), ("woerz.e2e@example.at", "Wörz")):
        found = call(stack, "sales_manager", "GET", "/leads", params={"q": q})[1]["items"]
        assert [i["last_name"] for i in found] == [name], (q, found)


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_an_unknown_route_answers_problem_json_404_signed_or_not(stack, method):
    for sign in (True, False):
        status, problem, headers = call(stack, "sales_manager", method, "/no/such/route", sign=sign)
        assert status == 404 and headers["Content-Type"] == "application/problem+json", (sign, problem)
        assert problem["detail"] == "no such route"


def test_a_known_route_with_another_method_answers_problem_json_405(stack):
    status, problem, headers = call(stack, None, "DELETE", "/health", sign=False)
    assert status == 405 and headers["Content-Type"] == "application/problem+json" and problem["status"] == 405


def test_head_of_health_answers_200_without_a_body_over_http(stack):
    """As an uptime monitor asks: chalice local (like API Gateway) routes HEAD to the GET's handler."""
    status, body, headers = call(stack, None, "HEAD", "/health", sign=False)
    assert (status, body) == (200, None) and headers["Content-Type"] == "application/json"


def test_a_100_kb_cursor_answers_problem_json_414(stack):
    status, problem, headers = call(stack, "sales_manager", "GET", "/leads", params={"cursor": "a" * 100_000})
    assert status == 414 and headers["Content-Type"] == "application/problem+json" and problem["status"] == 414


def test_a_100_kb_header_answers_problem_json_431(stack):
    status, problem, headers = call(stack, "sales_manager", "GET", "/leads", headers={"x-padding": "a" * 100_000})
    assert status == 431 and headers["Content-Type"] == "application/problem+json" and problem["status"] == 431


def test_a_malformed_request_line_answers_problem_json_400(stack):
    host, port = stack["base"].removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:    # a space left unencoded:
        conn.sendall(b"GET /leads?q=Anna Malformed HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b"".join(iter(lambda: conn.recv(65536), b""))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ") and b"Content-Type: application/problem+json" in head
    assert json.loads(body)["status"] == 400


def test_the_stack_log_holds_no_query_string(stack):
    status, _, _ = call(stack, "sales_manager", "GET", "/leads", params={"q": "Zyxwvut 0664 7654321"})
    assert status == 200
    host, port = stack["base"].removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:   # a line http.server refuses
        conn.sendall(b"GET /leads?q=Zyxwvut Qwertzy HTTP/1.1\r\nHost: x\r\n\r\n")
        assert conn.recv(65536).startswith(b"HTTP/1.1 400 ")
    log = stack["log_file"].read_text()
    assert '"GET /leads HTTP/1.1" 200' in log
    assert "Zyxwvut" not in log and "7654321" not in log and "Qwertzy" not in log


def test_make_run_says_that_leadflow_verifies_signatures_not_that_all_requests_pass(stack):
    assert call(stack, "sales_manager", "GET", "/me")[0] == 200
    assert call(stack, "sales_manager", "GET", "/me", sign=False)[0] == 401
    log = stack["log_file"].read_text()
    assert "IAMAuthorizer is not" not in log and "will be authorized" not in log
    assert "every route but /health, /openapi.json and /webhooks/{integration_id} needs a signature; " \
           "leadflow verifies it" in log


def test_ctrl_c_stops_everything(stack):
    proc = stack["proc"]
    proc.send_signal(signal.SIGINT)
    assert proc.wait(30) == 0
    stack["log"].seek(0)
    assert "leadflow stopped." in stack["log"].read()
