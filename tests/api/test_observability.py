"""Logs and metrics of a representative flow (create, search, import, webhook, convert): JSON lines
with request id, tenant, route and outcome and no person's data; metrics in embedded metric format."""
import csv
import datetime as dt
import io
import json
import logging
import re
import time
from pathlib import Path

import pytest

from chalicelib.domain.webhook_signatures import webhook_headers
from chalicelib.observability import get_logger
from tests.conftest import drop_file, import_of, lead_payload

FAIR_LIST = Path(__file__).resolve().parent.parent / "fixtures" / "imports" / "vienna-autoshow-2017.bad-rows.csv"
TYPED = {"salutation": "Frau", "first_name": "Zenzi", "last_name": "Quaxlbauer", "street": "Zieglergasse 77",
         "postal_code": "1070", "city": "Wien", "country": "AT", "phone": "0664 9182736",
         "email": "Zenzi.Quaxlbauer@example.at", "birth_date": "1979-03-14"}
SENT = {"vorname": "Wendelin", "nachname": "Oberkofler", "email": "w.oberkofler@example.de",
        "telefon": "0676 5544332", "geburtsdatum": "02.07.1991", "nachricht": "Rückruf bitte"}
ACTIVITY = {"type": "test_drive", "due_date": (dt.date.today() + dt.timedelta(days=7)).isoformat(), "notes": "Golf GTI"}


def the_people() -> tuple[set[str], set[str]]:
    """Names (matched as whole words) and e-mails, phones, birth dates (matched anywhere, in any
    case and in the forms leadflow stores them) of everyone the flow handles."""
    names = {TYPED["first_name"], TYPED["last_name"], SENT["vorname"], SENT["nachname"]}
    values = {TYPED["email"], TYPED["street"], SENT["email"], TYPED["phone"], SENT["telefon"],
              TYPED["birth_date"], "14.03.1979", SENT["geburtsdatum"], "1991-07-02"}
    for row in csv.DictReader(io.StringIO(FAIR_LIST.read_text("cp1252")), delimiter=";"):
        names |= {row[k] for k in ("Nachname", "Vorname") if row.get(k)}
        values |= {row[k] for k in ("E-Mail", "Telefon", "Geburtsdatum") if row.get(k) and len(row[k]) > 6}
    for phone in [v for v in values if re.fullmatch(r"0[0-9 ]{6,}", v)]:
        digits = phone.replace(" ", "")
        values |= {digits, "+43" + digits[1:]}
    return names, values


@pytest.fixture
def flow(api, bucket, chalice_client, capfd, caplog):
    """Run the flow; return what it printed (stdout and stderr: the JSON lines, EMF included) and
    every record of the logging module, formatted as the JSON handler does (extra fields included)."""
    caplog.set_level(logging.INFO)
    capfd.readouterr()                                            # not the fixtures' own output
    created = api().post("/leads", lead_payload(**TYPED))
    assert created.status_code == 201, created.json
    lead_id = created.json["id"]
    found = api().get("/leads", params={"q": f"{TYPED['first_name']} {TYPED['last_name']}"})
    assert [i["id"] for i in found.json["items"]] == [lead_id]
    assert api().get("/leads", params={"overdue": "true"}).status_code == 200

    drop_file(bucket, chalice_client, "incoming/t1/Vienna Autoshow 2017.csv", FAIR_LIST.read_bytes())
    assert import_of(api, "Vienna Autoshow 2017.csv")["status"] == "partial"

    hook = api("admin").post("/integrations", {"name": "Website", "format": "generic", "default_source": "Website",
                                              "default_source_detail": "Kontaktformular"}).json
    body = json.dumps(SENT).encode()
    for secret, msg_id, status in ((hook["secret"], "msg-1", 201), ("whsec_" + "B" * 44, "msg-2", 401)):
        headers = {"content-type": "application/json", **webhook_headers(secret, msg_id, int(time.time()), body)}
        assert chalice_client.http.post(f"/webhooks/{hook['id']}", body=body, headers=headers).status_code == status

    token = api().get(f"/leads/{lead_id}/duplicates").json["check_token"]
    converted = api().post(f"/leads/{lead_id}/convert", {"decision": "new_customer", "check_token": token,
                                                         "activity": ACTIVITY})
    assert converted.status_code == 201, converted.json

    # Access exports (DSGVO Art. 15) of a typed, a sent and an imported person: their values are
    # in the answers, never in a log line.
    fair = next(row for row in csv.DictReader(io.StringIO(FAIR_LIST.read_text("cp1252")), delimiter=";")
                if row.get("E-Mail") and "@" in row["E-Mail"])
    for subject, kind in (({"email": TYPED["email"], "phone": TYPED["phone"]}, "customers"),
                          ({"email": SENT["email"]}, "raw_payloads"), ({"email": fair["E-Mail"]}, "import_rows")):
        exported = api("admin").post("/privacy/access", subject)
        assert exported.status_code == 200 and exported.json["counts"][kind] >= 1, (kind, exported.json)

    captured = capfd.readouterr()
    formatter = get_logger().registered_formatter
    records = [formatter.format(r) for r in caplog.records] + [r.getMessage() for r in caplog.records]
    return {"printed": (captured.out + captured.err).splitlines(), "records": records}


def json_lines(lines: list[str]) -> list[dict]:
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            continue
    return [p for p in parsed if isinstance(p, dict)]


def test_no_name_email_phone_or_birth_date_of_the_flow_appears_in_any_log_line(flow):
    names, values = the_people()
    # JSON may escape non-ASCII letters: look in each line as written and as decoded.
    lines = flow["printed"] + flow["records"]
    text = "\n".join(lines + [json.dumps(p, ensure_ascii=False) for p in json_lines(lines)])
    leaked = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
    leaked += [v for v in values if v.lower() in text.lower()]
    assert not leaked, leaked
    assert len(flow["printed"]) > 10 and len(flow["records"]) > 10           # the flow did log


def test_each_request_has_an_access_line_with_request_id_tenant_user_route_and_status(flow):
    lines = json_lines(flow["printed"])
    requests = [p for p in lines if p.get("message") == "request"]
    by_route = {(p["method"], p["route"], p["status"]): p for p in requests}
    for key in [("POST", "/leads", 201), ("GET", "/leads", 200), ("POST", "/leads/{lead_id}/convert", 201),
                ("GET", "/imports/{import_id}", 200), ("POST", "/integrations", 201),
                ("POST", "/privacy/access", 200)]:
        line = by_route[key]
        assert (line["tenant"], line["service"]) == ("t1", "leadflow") and line["user"] in ("manager", "admin")
    webhook = {p["status"] for p in requests if p["route"] == "/webhooks/{integration_id}"}
    assert webhook == {201, 401}
    assert all(p["request_id"] and isinstance(p["ms"], float) for p in requests)
    assert len({p["request_id"] for p in requests}) == len(requests)
    [run] = [p for p in lines if p.get("message") == "invocation"]
    assert (run["function"], run["event"], run["outcome"]) == ("import_files", "SQSEvent", "ok") and run["request_id"]
    [finished] = [p for p in lines if p.get("message") == "import finished"]
    assert (finished["tenant"], finished["status"], finished["request_id"]) == ("t1", "partial", run["request_id"])


def test_the_flow_emits_its_metrics_in_embedded_metric_format(flow):
    sent = {}
    for emf in [p for p in json_lines(flow["printed"]) if "_aws" in p]:
        [directive] = emf["_aws"]["CloudWatchMetrics"]
        assert directive["Namespace"] == "leadflow"
        dimensions = tuple(sorted((d, emf[d]) for d in directive["Dimensions"][0] if d != "service"))
        for m in directive["Metrics"]:
            sent[(m["Name"], dimensions)] = sent.get((m["Name"], dimensions), 0) + sum(emf[m["Name"]])
    assert sent[("LeadsCreated", (("channel", "api"),))] == 1
    assert sent[("LeadsCreated", (("channel", "import"),))] == 12
    assert sent[("LeadsNeedingReview", (("channel", "import"),))] == 10
    assert sent[("LeadsCreated", (("channel", "webhook"),))] == 1
    assert sent[("Imports", (("outcome", "partial"),))] == 1
    assert sent[("WebhookRefusals", (("reason", "signature"),))] == 1
    assert sent[("Conversions", (("decision", "new_customer"),))] == 1
    assert ("OverdueLeads", ()) in sent
