"""Files dropped into the bucket become leads, each row once, whatever S3 delivers twice."""
import csv
import io
import re
import time
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from chalicelib.services.imports import ImportBusyError
from chalicelib.store.models import LeadItem
from tests.conftest import lead_payload, report_codes, report_rows, notify_importer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
BUCKET = "leadflow-files"


def drop(s3, chalice_client, key, body):
    s3.put_object(Bucket=BUCKET, Key=key, Body=body)
    event = chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key))
    notify_importer(chalice_client, event)


def reinquiries_on(api, days=30):
    admin = api("admin")
    assert admin.patch("/tenant", {"version": admin.get("/tenant").json["version"], "reinquiry_days": days}).status_code == 200


def leads_of(tenant="t1"):
    return [i for i in LeadItem.scan() if i.tenant == tenant]


def report_line(rows: list[list[str]], number: int, field: str) -> list[str]:
    return next(r for r in rows if r[0] == str(number) and r[2] == field)


def test_a_trade_fair_list_becomes_leads_with_counts_and_an_error_report(api, bucket, chalice_client):
    body = (FIXTURES / "vienna-autoshow-2017.bad-rows.csv").read_bytes()
    drop(bucket, chalice_client, "incoming/t1/Vienna Autoshow 2017 (Fehler).csv", body)
    imports = api().get("/imports").json["items"]
    assert len(imports) == 1
    status = api().get(f"/imports/{imports[0]['id']}").json
    # 13 rows: 12 identify someone and are stored, 10 of them with problems to review; one names nobody.
    assert (status["status"], status["counts"]) == ("partial", {
        "rows": 13, "created": 12, "needs_review": 10, "already_imported": 0, "rejected": 1})
    assert len(leads_of()) == 12 and all(l.channel == "import" for l in leads_of())
    assert sum(bool(l.problems) for l in leads_of()) == 10
    report = report_codes(bucket, status)
    assert ["15", "error"] == report[-1][:2]
    assert ["6", "warning", "email", "tom(at)example.at"] == [report_line(report, 6, "email")[i] for i in (0, 1, 2, 4)]


def test_the_error_report_a_dealer_downloads_reads_in_german_with_a_code_column_for_tools(api, bucket, chalice_client):
    body = (FIXTURES / "vienna-autoshow-2017.bad-rows.csv").read_bytes()
    drop(bucket, chalice_client, "incoming/t1/Messe.csv", body)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    header, *lines = report_rows(bucket, status)
    assert header[:7] == ["Zeile", "Stufe", "Feld", "Grund", "Wert wie angegeben", "Code", "Nachname"]
    by_code = {(line[0], line[5]): line for line in lines}
    assert by_code[("2", "warning:birth_date")][1:5] == [
        "Prüfen: importiert", "Geburtsdatum", "„31/12/1980“ ist kein Datum: bitte z. B. 31.12.1980 schreiben",
        "31/12/1980"]
    assert by_code[("6", "warning:email")][2:4] == ["E-Mail", "keine gültige E-Mail-Adresse (das @-Zeichen fehlt)"]
    assert by_code[("3", "warning:vehicle.interest.test_drive")][2] == "Probefahrt"
    assert by_code[("11", "warning:Spalte 14")][2] == "Spalte 14"                   # a column of the file, as named
    assert by_code[("15", "error:last_name")][1:4] == [
        "Fehler: nicht importiert", "Nachname",
        "bezeichnet niemanden: bitte Name, Firma, E-Mail-Adresse oder Telefonnummer angeben"]
    english = [line[3] for line in lines if re.search(r"\b(is|not|the|a|an|use|write)\b", line[3])]
    assert english == []                                     # every reason in German, none left as the API says it


# What Excel, LibreOffice or Google Sheets would run as a formula (or DDE call) in a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def runs_as_formula(cell: str) -> bool:
    return cell.startswith(("\t", "\r")) or cell.lstrip(" ").startswith(FORMULA_STARTS)


def test_no_cell_of_the_error_report_runs_as_a_formula_neither_header_nor_data(api, bucket, chalice_client):
    starts = FORMULA_STARTS + (" =",)                                  # spaces do not hide a formula
    headers = ["Nachname", "Vorname", "Telefon", "E-Mail"] + [f"{s}Spalte{i}" for i, s in enumerate(starts)]
    nobody = ["", "", "", "=kaputt@"] + [f"{s}cmd|' /C calc'!A{i}" for i, s in enumerate(starts)]
    kept = ["Huber", "Eva", "0664 1234567", "@kaputt"] + [f'{s}HYPERLINK("http://x.example"){i}'
                                                         for i, s in enumerate(starts)]
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows([headers, nobody, kept])   # as Excel quotes
    drop(bucket, chalice_client, "incoming/t1/formeln.csv", text.getvalue().encode())
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["counts"]["created"], status["counts"]["rejected"]) == ("partial", 1, 1)
    report = report_rows(bucket, status)
    # The refused row: its e-mail (taken out: not one) and so nobody named; the stored row's e-mail.
    assert [(r[0], r[5]) for r in report[1:]] == [("2", "error:email"), ("2", "error:last_name"), ("3", "warning:email")]
    assert [cell for row in report for cell in row if runs_as_formula(cell)] == []
    # Every such cell is there, behind the spreadsheets' text marker (headers are trimmed on reading).
    marked = lambda cells: [f"'{cell}" if runs_as_formula(cell) else cell for cell in cells]
    assert report[0] == ["Zeile", "Stufe", "Feld", "Grund", "Wert wie angegeben", "Code"] + marked(h.strip() for h in headers)
    assert [report[2][4], *report[2][6:]] == marked(["", *nobody])             # the value as given, the row's cells
    assert [report[3][4], *report[3][6:]] == marked(["@kaputt", *kept])


def test_the_same_event_delivered_again_changes_nothing(api, bucket, chalice_client):
    body = (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes()
    key = "incoming/t1/messe.csv"
    drop(bucket, chalice_client, key, body)
    first = sorted(l.lead_id for l in leads_of())
    assert first
    event = chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key))
    notify_importer(chalice_client, event)
    notify_importer(chalice_client, event)
    assert sorted(l.lead_id for l in leads_of()) == first


def test_an_interrupted_import_resumes_and_writes_each_row_once(api, bucket, chalice_client):
    from chalicelib.store.models import ImportItem
    body = (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes()
    key = "incoming/t1/resume.csv"
    drop(bucket, chalice_client, key, body)
    created = len(leads_of())
    for item in ImportItem.scan():                           # as if the first run died midway
        if item.status:
            item.status, item.rows_done, item.counts = "running", 3, {}
            item.owner, item.lease_until = "a-crashed-invocation", int(time.time()) - 1
            item.save()
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key)))
    assert len(leads_of()) == created
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "done" and status["counts"]["already_imported"] == created - 2


def test_the_same_file_under_another_name_is_recognised(api, bucket, chalice_client):
    body = (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes()
    drop(bucket, chalice_client, "incoming/t1/a.csv", body)
    first = sorted(l.lead_id for l in leads_of())
    drop(bucket, chalice_client, "incoming/t1/b (copy).csv", body)
    assert sorted(l.lead_id for l in leads_of()) == first and len(first) == 6
    by_file = {i["file"]: i for i in api().get("/imports").json["items"]}
    assert (by_file["a.csv"]["status"], by_file["a.csv"]["counts"]["created"]) == ("done", 6)
    second = by_file["b (copy).csv"]
    assert (second["status"], second["counts"], second["error_report"]) == ("duplicate", {}, None)
    assert second["detail"] == f"the same content was imported already as {by_file['a.csv']['id']}; nothing imported"


def test_every_record_of_an_event_is_imported(api, bucket, chalice_client):
    for name in ("vienna-autoshow-2017.cp1252.csv", "vienna-autoshow-2017.en.csv"):
        bucket.put_object(Bucket=BUCKET, Key=f"incoming/t1/{name}", Body=(FIXTURES / name).read_bytes())
    first = chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus("incoming/t1/vienna-autoshow-2017.cp1252.csv"))
    second = chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus("incoming/t1/vienna-autoshow-2017.en.csv"))
    first["Records"] += second["Records"]
    notify_importer(chalice_client, first)
    imported = {i["file"]: (i["status"], i["counts"]["created"]) for i in api().get("/imports").json["items"]}
    assert imported == {"vienna-autoshow-2017.cp1252.csv": ("done", 6), "vienna-autoshow-2017.en.csv": ("done", 6)}
    assert len(leads_of()) == 12


def test_an_unreadable_file_fails_with_its_reason_and_other_tenants_see_nothing(api, bucket, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/kaputt.xlsx", b"PK\x03\x04 not really a workbook")
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "failed" and status["detail"]
    assert api(tenant="t2").get("/imports").json["items"] == []
    assert api(tenant="t2").get(f"/imports/{status['id']}").status_code == 404


def test_a_header_broken_by_a_stray_carriage_return_fails_the_import_with_its_reason(api, bucket, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/kopfzeile.csv", b"Nachname;\rVorname;E-Mail\r\nHuber;Eva;eva@example.at\r\n")
    status = api().get("/imports").json["items"][0]
    assert (status["status"], status["counts"]["created"]) == ("failed", 0)
    assert status["detail"]                                  # says why, as for any unreadable file
    assert leads_of() == []


def test_the_import_button_hands_out_an_upload_url_and_the_upload_is_imported(api, bucket, chalice_client):
    started = api().post("/imports", {"file_name": "Vienna Autoshow 2017.csv"})
    assert started.status_code == 201, started.json
    upload = started.json["upload"]
    assert upload["key"] == f"incoming/t1/{started.json['id']}/Vienna Autoshow 2017.csv" and upload["url"].startswith("http")
    assert api().get(f"/imports/{started.json['id']}").json["status"] == "queued"
    drop(bucket, chalice_client, upload["key"], (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes())
    status = api().get(f"/imports/{started.json['id']}").json
    assert status["status"] == "done" and status["counts"]["created"] == len(leads_of())
    assert api().post("/imports", {"file_name": ""}).status_code == 422


def test_an_unknown_default_source_is_refused_naming_the_field_as_the_request_does(api):
    for path, body in (("/imports", {"file_name": "x.csv"}), ("/integrations", {"name": "Web", "format": "generic"})):
        got = api("admin").post(path, {**body, "default_source": "Nope"})
        assert got.status_code == 422, got.json
        assert [e["field"] for e in got.json["errors"]] == ["default_source"]
        assert "source catalog" in got.json["errors"][0]["message"]


def test_a_running_import_held_by_another_invocation_is_left_alone(api, bucket, chalice_client):
    from chalicelib.store.models import ImportItem
    key = "incoming/t1/held.csv"
    drop(bucket, chalice_client, key, (FIXTURES / "vienna-autoshow-2017.cp1252.csv").read_bytes())
    for item in ImportItem.scan():
        if item.status:
            item.status, item.rows_done, item.counts = "running", 0, {}
            item.owner, item.lease_until = "someone-else", int(time.time()) + 600
            item.save()
    event = chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key))
    with pytest.raises(ImportBusyError):                      # so that Lambda delivers the event again later
        notify_importer(chalice_client, event)
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "running" and status["counts"] == {}
    for item in ImportItem.scan():                           # the holder crashed: its lease runs out
        if item.status:
            item.lease_until = int(time.time()) - 1
            item.save()
    notify_importer(chalice_client, event)
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "done" and status["counts"]["already_imported"] == len(leads_of())


CUSTOMER_EXPORT = """Kundennummer;Anrede;Vorname;Nachname;Straße;PLZ;Ort;Telefon;E-Mail
K-1001;Herr;Josef;Gruber;Hauptstraße 5;1100;Wien;0664 1234567;josef.gruber@example.at
K-1002;Frau;Maria;Huber;Ringstraße 12/3/4;8010;Graz;;maria.huber@example.at
;Herr;Ohne;Nummer;;;;;ohne@example.at
K-1004;Frau;Eva;Bauer;;;;;kaputt@
""".encode("cp1252")


def test_a_dealer_systems_customer_export_loads_the_customer_master(api, bucket, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/customers/dms-export.csv", CUSTOMER_EXPORT)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert status["status"] == "partial", status
    assert status["counts"] == {"rows": 4, "created": 3, "updated": 0, "unchanged": 0, "needs_review": 1,
                                "rejected": 1, "conflict": 0}
    found = api().get("/customers", params={"q": "gruber"}).json["items"]
    assert [c["external_id"] for c in found] == ["K-1001"] and found[0]["phone"] == "+436641234567"
    bauer = api().get("/customers", params={"q": "bauer"}).json["items"][0]
    assert bauer["needs_review"] and bauer["problems"][0]["given"] == "kaputt@" and bauer["email"] is None
    rows = report_codes(bucket, status)
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [("4", "error", "external_id"), ("5", "warning", "email")]
    changed = CUSTOMER_EXPORT.replace(b"Hauptstra\xdfe 5", b"Hauptstra\xdfe 7")
    drop(bucket, chalice_client, "incoming/t1/customers/dms-export-2.csv", changed)
    again = [i for i in api().get("/imports").json["items"] if i["file"] == "dms-export-2.csv"][0]
    assert (again["counts"]["updated"], again["counts"]["unchanged"], again["counts"]["created"]) == (1, 2, 0)


def test_the_test_event_s3_sends_when_the_notification_is_set_up_imports_nothing_and_does_not_fail(api, chalice_client):
    import json
    test_event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2026-12-02T10:00:00.000Z",
                  "Bucket": BUCKET, "RequestId": "5582815E1AEA5ADF", "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
    chalice_client.lambda_.invoke("import_files", chalice_client.events.generate_sqs_event(
        message_bodies=[json.dumps(test_event)], queue_name="leadflow-imports"))
    assert api().get("/imports").json["items"] == []


def adf_prospect(last_name: str, inside: str = "") -> bytes:
    return (f'<prospect><customer><contact><name part="last">{last_name}</name>'
            f'<email>{last_name.lower()}@example.at</email></contact></customer>{inside}</prospect>').encode()


def test_an_adf_file_with_a_prospect_nested_a_thousand_levels_deep_imports_every_prospect(api, bucket, chalice_client):
    deep = adf_prospect("Tief", "<x>" * 1000 + "</x>" * 1000)
    drop(bucket, chalice_client, "incoming/t1/tief.xml", b"<adf>" + adf_prospect("Vorher") + deep
         + adf_prospect("Nachher") + b"</adf>")
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["counts"]["rows"], status["counts"]["created"],
            status["counts"]["needs_review"]) == ("done", 3, 3, 1), status
    tief = api().get(f"/leads/{next(l.lead_id for l in leads_of() if l.data['last_name'] == 'Tief')}").json
    assert tief["email"] == "tief@example.at" and tief["needs_review"]
    assert "nested deeper than 32 levels" in tief["problems"][0]["reason"]
    assert sorted(l.data["last_name"] for l in leads_of()) == ["Nachher", "Tief", "Vorher"]


def failing_on(last_name: str, error: Exception):
    """A reader that fails, as a bug of leadflow's would, on the row of `last_name`."""
    from chalicelib.formats.columns import ColumnMap
    read = ColumnMap.read

    def read_or_fail(self, cells):
        if last_name in cells:
            raise error
        return read(self, cells)
    return read_or_fail


def test_a_reader_failing_unexpectedly_mid_file_ends_the_import_with_the_rows_before_it(
        api, bucket, chalice_client, monkeypatch):
    from chalicelib.formats.columns import ColumnMap
    monkeypatch.setattr(ColumnMap, "read", failing_on("Kaputt", RecursionError("maximum recursion depth exceeded")))
    body = b"Nachname;E-Mail\nErste;erste@example.at\nZweite;zweite@example.at\nKaputt;k@example.at\nDanach;d@example.at\n"
    key = "incoming/t1/absturz.csv"
    drop(bucket, chalice_client, key, body)
    status = api().get("/imports").json["items"][0]
    assert (status["status"], status["counts"]["rows"], status["counts"]["created"]) == ("partial", 2, 2), status
    assert status["detail"].startswith("reading stopped after row 3: an error in leadflow's reader")
    assert sorted(l.data["last_name"] for l in leads_of()) == ["Erste", "Zweite"]
    # Final: the queue's next delivery of the same file finds it done and raises nothing.
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key)))
    assert api().get("/imports").json["items"][0]["status"] == "partial"


def test_a_reader_failing_unexpectedly_on_the_header_fails_the_import_with_a_reason(
        api, bucket, chalice_client, monkeypatch):
    from chalicelib.formats import csv_reader
    monkeypatch.setattr(csv_reader, "sniff_delimiter", lambda line: {}["a bug"])
    drop(bucket, chalice_client, "incoming/t1/kopf.csv", b"Nachname;E-Mail\nErste;erste@example.at\n")
    status = api().get("/imports").json["items"][0]
    assert (status["status"], status["counts"]["rows"]) == ("failed", 0)
    assert status["detail"] == ("the file cannot be read: an error in leadflow's reader, not necessarily in the file "
                                "(logged for support)")


def test_a_quote_never_closed_swallows_no_row_and_its_row_is_flagged(api, bucket, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/offen.csv",
         b'Nachname;E-Mail;Bemerkung\nQuote;q@example.at;"offen\nZweite;zweite@example.at;ok\n')
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["counts"]["rows"], status["counts"]["created"],
            status["counts"]["needs_review"]) == ("done", 2, 2, 1), status
    by_name = {l.data["last_name"]: api().get(f"/leads/{l.lead_id}").json for l in leads_of()}
    assert (by_name["Quote"]["remark"], by_name["Zweite"]["remark"]) == ('"offen', "ok")
    assert by_name["Quote"]["needs_review"] and not by_name["Zweite"]["needs_review"]
    assert "never closed" in by_name["Quote"]["problems"][0]["reason"]
    assert ["2", "warning"] == report_codes(bucket, status)[1][:2]


def test_a_line_over_a_million_characters_is_one_rejected_row_and_the_rows_after_it_are_imported(
        api, bucket, chalice_client):
    body = b"Nachname;E-Mail\nVorher;v@example.at\n" + b"x" * 1_000_001 + b"\nNachher;n@example.at\n"
    drop(bucket, chalice_client, "incoming/t1/lang.csv", body)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["detail"]) == ("partial", None)
    assert (status["counts"]["rows"], status["counts"]["created"], status["counts"]["rejected"]) == (3, 2, 1)
    assert sorted(l.data["last_name"] for l in leads_of()) == ["Nachher", "Vorher"]
    line = report_codes(bucket, status)[1]
    assert line[:2] == ["3", "error"] and "länger als 1.000.000 Zeichen" in line[3]
    assert line[4] == "x" * 100 + "…"


def test_a_dealer_systems_export_delimited_by_bars_is_imported(api, bucket, chalice_client):
    """A file of 'Nachname|Vorname|Telefon' failed as having no last-name column: only ; , and tab
    were looked for, and the whole header was one column."""
    drop(bucket, chalice_client, "incoming/t1/dms.csv", "Nachname|Vorname|Telefon\nBalken|Berta|0664 1234567\n".encode())
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["counts"]["created"]) == ("done", 1), status
    [item] = leads_of()
    assert (item.data["last_name"], item.data["first_name"], item.data["phone"]) == ("Balken", "Berta", "+436641234567")


def test_a_row_whose_remark_is_longer_than_excel_allows_is_imported_with_it_cut_and_flagged(
        api, bucket, chalice_client):
    """A dealer system's export put a whole mail thread on one line of the remark: the row (name,
    phone and all) was rejected, while a web form's field so long is cut and kept."""
    body = ("Nachname;Telefon;Bemerkung\nLangtext;0664 1234567;" + "Bitte um Rückruf. " * 3000 + "\n").encode("utf-8")
    drop(bucket, chalice_client, "incoming/t1/langtext.csv", body)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["counts"]["created"], status["counts"]["rejected"]) == ("done", 1, 0), status
    [item] = leads_of()
    lead = api().get(f"/leads/{item.lead_id}").json
    assert (lead["last_name"], lead["phone"]) == ("Langtext", "+436641234567")
    assert lead["remark"].startswith("Bitte um Rückruf.") and lead["needs_review"]
    assert any("longer than 32767 characters (54,000)" in p["reason"] for p in lead["problems"]), lead["problems"]
    assert report_codes(bucket, status)[1][:3] == ["2", "warning", "remark"]


def test_a_person_twice_in_one_file_is_a_reinquiry_and_another_sharing_their_phone_a_lead_of_their_own(
        api, bucket, chalice_client):
    """A household's landline on two rows is two people, each a lead (linked as a household); the
    same visitor scanned twice is one lead whose second row is a re-inquiry that adds the Passat,
    as a row of a later file would be. Nothing of either row is lost."""
    reinquiries_on(api)
    body = ("Vorname;Nachname;Telefon;E-Mail;Marke;Modell;Bemerkung\n"
            "Maria;Hausberger;01 5551234;;VW;Golf;Gewinnspiel\n"
            "Josef;Brandstetter;01 5551234;;VW;;anderer Mensch\n"
            "Eva;Doppel;;doppel@example.at;VW;Golf;\n"
            "Eva;Doppel;;doppel@example.at;VW;Passat;Probefahrt Samstag\n").encode()
    drop(bucket, chalice_client, "incoming/t1/haushalt.csv", body)

    status = api().get("/imports").json["items"][0]
    assert status["counts"] == {"rows": 4, "created": 3, "reinquiries": 1, "needs_review": 0, "already_imported": 0,
                                "rejected": 0}, status
    leads = {(lead.data["last_name"], lead.data.get("first_name")): lead for lead in leads_of()}
    assert set(leads) == {("Hausberger", "Maria"), ("Brandstetter", "Josef"), ("Doppel", "Eva")}
    eva = api().get(f"/leads/{leads[('Doppel', 'Eva')].lead_id}").json
    assert eva["touches"] == 1 and eva["vehicle"]["interest"]["models"] == ["Golf", "Passat"], eva
    assert "Probefahrt Samstag" in eva["remark"]
    josef = api().get(f"/leads/{leads[('Brandstetter', 'Josef')].lead_id}").json
    assert josef["phone"] == "+4315551234" and josef["remark"] == "anderer Mensch"
    status = api().get(f"/imports/{status['id']}").json
    lines = report_codes(bucket, status)
    assert [(r[0], r[1]) for r in lines[1:]] == [("5", "reinquiry")]


def test_an_integration_sees_its_imports_status_but_not_the_report_of_rows_it_may_not_read(api, bucket, chalice_client):
    """The report holds every flagged row's cells (names, phones): the integration role reads back
    only the leads it sent, so it gets status and counts; a manager gets the download."""
    drop(bucket, chalice_client, "incoming/t1/bericht.csv", b"Vorname;Nachname;E-Mail\nMaria;Huber;kaputt@\n;;\n")
    [item] = api("integration").get("/imports").json["items"]
    seen = api("integration").get(f"/imports/{item['id']}")
    assert seen.status_code == 200 and seen.json["counts"]["rows"] >= 1
    assert seen.json["error_report"]["name"] and not seen.json["error_report"].get("url")
    assert api("sales_manager").get(f"/imports/{item['id']}").json["error_report"]["url"]


def test_the_list_of_imports_links_each_error_report_as_the_single_import_does(api, bucket, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/mit-fehlern.csv", b"Vorname;Nachname;E-Mail\nMaria;Huber;kaputt@\n")
    drop(bucket, chalice_client, "incoming/t1/sauber.csv", b"Vorname;Nachname;E-Mail\nJosef;Bauer;josef@example.at\n")
    listed = {item["file"]: item for item in api("sales_manager").get("/imports").json["items"]}
    flawed = listed["mit-fehlern.csv"]["error_report"]
    assert flawed["name"] == "mit-fehlern.csv.errors.csv" and flawed["expires_in"] == 300
    assert report_rows(bucket, listed["mit-fehlern.csv"]) == report_rows(
        bucket, api("sales_manager").get(f"/imports/{listed['mit-fehlern.csv']['id']}").json)
    assert listed["sauber.csv"]["error_report"] is None                  # nothing to report, nothing to link
    # The integration role reads back only its own leads: the list names the report, links nothing.
    [seen] = [i for i in api("integration").get("/imports").json["items"] if i["file"] == "mit-fehlern.csv"]
    assert seen["error_report"]["name"] and not seen["error_report"].get("url")


def test_a_workbook_is_read_from_its_first_sheet_with_data_and_other_sheets_with_data_are_named(
        api, bucket, chalice_client):
    """An empty 'Tabelle1' before the list failed the import; a second sheet of leads was skipped
    without a word. The first sheet with data is read; the others holding data are named."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Leer"
    for title, people in (("Messe", [("Maria", "Huber"), ("Josef", "Gruber")]), ("Mehr", [("Eva", "Berger")])):
        sheet = book.create_sheet(title)
        sheet.append(["Vorname", "Nachname", "E-Mail"])
        for first, last in people:
            sheet.append([first, last, f"{first.lower()}.{last.lower()}@example.at"])
    stream = io.BytesIO()
    book.save(stream)
    drop(bucket, chalice_client, "incoming/t1/Messe mit Blättern.xlsx", stream.getvalue())
    status = api().get("/imports").json["items"][0]
    assert status["counts"]["created"] == 2 and status["status"] == "partial", status
    assert "'Messe'" in status["detail"] and "'Mehr'" in status["detail"], status["detail"]
    assert sorted(lead.data["last_name"] for lead in leads_of()) == ["Gruber", "Huber"]


def test_a_customer_number_twice_in_a_dms_export_names_the_row_that_was_loaded(api, bucket, chalice_client):
    body = "Kundennummer;Nachname;Vorname;E-Mail\nK-7;Gruber;Josef;j@example.at\nK-7;Gruber;Sepp;sepp@example.at\n"
    drop(bucket, chalice_client, "incoming/t1/customers/doppelt.csv", body.encode())
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert status["counts"]["created"] == 1 and status["counts"]["rejected"] == 1, status
    [line] = [r for r in report_codes(bucket, status)[1:] if r[1] == "error"]
    assert line[0] == "3" and "Zeile 2 dieser Datei" in line[3], line


def test_a_visitor_twice_in_one_file_by_name_and_address_alone_is_a_reinquiry_as_in_a_later_file(
        api, bucket, chalice_client):
    reinquiries_on(api)
    body = ("Vorname;Nachname;PLZ;Straße;E-Mail;Marke\n"
            "Eva;Ringseis;1010;Ring 1;eva.ringseis@example.at;VW\n"
            "Eva;Ringseis;1010;Ring 1;;VW\n").encode()
    drop(bucket, chalice_client, "incoming/t1/ohne-kontakt.csv", body)
    status = api().get("/imports").json["items"][0]
    assert (status["counts"]["created"], status["counts"].get("reinquiries")) == (1, 1), status


def test_a_files_rows_are_reinquiries_of_leads_sent_before_by_contact_or_by_name_and_address(
        api, bucket, chalice_client):
    """The rows' earlier leads are read for the whole batch at once (store/reinquiries.py Prefetched):
    each row still finds its own person's lead, by e-mail, by phone, or by name and address alone."""
    reinquiries_on(api)
    earlier = {}
    for last, extra in (("Perschl", {"email": "perschl@example.at"}), ("Tauber", {"phone": "0664 7771234"}),
                        ("Ringhofer", {"email": "r1@example.at", "postal_code": "1010", "street": "Ring 1"})):
        person = {"email": None, "phone": None, "street": None, "postal_code": None, **extra}
        made = api().post("/leads", lead_payload(first_name="Eva", last_name=last, vehicle={"interest": {"make": "VW"}},
                                                 **person))
        assert made.status_code == 201, made.json
        earlier[last] = made.json["id"]
    body = ("Vorname;Nachname;PLZ;Straße;Telefon;E-Mail;Marke;Modell\n"
            "Eva;Perschl;;;;PERSCHL@example.at;VW;Golf\n"
            "Eva;Tauber;;;+43 664 7771234;;VW;Polo\n"
            "Eva;Ringhofer;1010;Ring 1;;ganz-neu@example.at;VW;Passat\n"
            "Eva;Neumann;1010;Ring 2;;neumann@example.at;VW;Golf\n").encode()
    drop(bucket, chalice_client, "incoming/t1/wieder-da.csv", body)
    status = api().get("/imports").json["items"][0]
    assert (status["counts"]["created"], status["counts"].get("reinquiries")) == (1, 3), status
    for last, model in (("Perschl", "Golf"), ("Tauber", "Polo"), ("Ringhofer", "Passat")):
        lead = api().get(f"/leads/{earlier[last]}").json
        assert lead["touches"] == 1 and model in lead["vehicle"]["interest"]["models"], (last, lead)


def test_an_imports_batch_reads_its_rows_earlier_leads_together_not_row_by_row(
        api, bucket, chalice_client, monkeypatch):
    from chalicelib.store import reinquiries
    reinquiries_on(api)
    calls = {"claims": 0, "batches": 0}
    real_claims, real_init = reinquiries.claims_of, reinquiries.Prefetched.__init__

    def counted_claims(*args, **kwargs):
        calls["claims"] += 1
        return real_claims(*args, **kwargs)

    def counted_init(self, *args, **kwargs):
        calls["batches"] += 1
        real_init(self, *args, **kwargs)
    monkeypatch.setattr(reinquiries, "claims_of", counted_claims)
    monkeypatch.setattr(reinquiries.Prefetched, "__init__", counted_init)
    rows = "".join(f"Eva;Person{i};person{i}@example.at;VW\n" for i in range(60))
    drop(bucket, chalice_client, "incoming/t1/sechzig.csv", ("Vorname;Nachname;E-Mail;Marke\n" + rows).encode())
    assert api().get("/imports").json["items"][0]["counts"]["created"] == 60
    assert calls == {"claims": 1, "batches": 1}          # one read of the 60 rows' claims, not 60


def test_a_row_with_thousands_of_cells_beyond_the_header_is_stored_flagged_and_the_next_row_too(
        api, bucket, chalice_client):
    """2,500 values without a header made a problem each: the lead passed the store's item size, the
    batch failed and the import stayed running forever. One problem names them; the row is kept."""
    wide = "Extra;extra@example.at;Wien;" + ";".join("w" * 3 for _ in range(2500))
    body = f"Nachname;E-Mail;Ort\n{wide}\nNormal;normal@example.at;Graz\n".encode()
    drop(bucket, chalice_client, "incoming/t1/breit.csv", body)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert status["status"] in ("done", "partial") and status["counts"]["created"] == 2, status
    leads = {lead.data["last_name"]: lead for lead in leads_of()}
    [problem] = [p for p in leads["Extra"].problems if "without header" in p["reason"]]
    assert problem["reason"].startswith("2500 values") and problem["given"].endswith(" […]")


def test_a_row_whose_every_cell_is_wrong_and_huge_keeps_a_bounded_record():
    from chalicelib.domain.review import MAX_PROBLEMS, MAX_RECORD_GIVEN_CHARS, bounded, problem
    many = [problem(f"f{i}", "x" * 30_000, "wrong") for i in range(300)]
    kept = bounded(many)
    assert len(kept) == MAX_PROBLEMS + 1 and "260 more problems" in kept[-1]["reason"]
    assert sum(len(p["given"] or "") for p in kept) <= MAX_RECORD_GIVEN_CHARS + MAX_PROBLEMS * 210
    assert kept[0]["given"] == "x" * 30_000                      # what fits is kept whole


def test_a_bare_carriage_return_after_a_quoted_line_break_loses_no_row(api, bucket, chalice_client):
    """csv refused the line ("new-line character seen in unquoted field") while the reader looked
    ahead inside the quoted value, and the whole file failed as leadflow's own error."""
    body = ('Nachname;E-Mail;Bemerkung\n"Huber\nJunior";cr.huber@example.at;Zeile\r2\n'
            'Maier;cr.maier@example.at;ok\nBauer;cr.bauer@example.at;ok\n').encode()
    drop(bucket, chalice_client, "incoming/t1/wagenruecklauf.csv", body)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert status["status"] in ("done", "partial"), status
    assert {"Maier", "Bauer"} <= {lead.data["last_name"] for lead in leads_of()}


def test_a_customer_number_excel_wrote_as_a_float_or_in_scientific_notation_is_read_or_refused_with_why(
        api, bucket, chalice_client):
    """100236.0 is customer 100236 (as the same number in an XLSX cell); 1,00235E+11 lost its last
    digits, so it cannot be the number the next export sends: refused with why, not stored so."""
    body = ("Kundennummer;Nachname;Vorname;E-Mail\n100236.0;Gruber;Josef;josef.gruber@example.at\n"
            "1,00235E+11;Wimmer;Eva;eva.wimmer@example.at\n").encode()
    drop(bucket, chalice_client, "incoming/t1/customers/excel.csv", body)
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    found = {c["last_name"]: c for c in api().get("/customers").json["items"]}
    assert found["Gruber"]["external_id"] == "100236"
    assert found.get("Wimmer", {}).get("external_id") != "1,00235E+11"
    line = [r for r in report_rows(bucket, status)[1:] if r[0] == "3"][0]
    assert "wissenschaftlicher Schreibweise" in line[3], line


@pytest.mark.parametrize("name", [".DS_Store", "._Messe.csv", "~$Messe.xlsx", "Thumbs.db", "customers/desktop.ini"])
def test_what_a_mac_windows_or_office_leaves_beside_a_dropped_file_is_no_import(api, bucket, chalice_client, name):
    drop(bucket, chalice_client, f"incoming/t1/{name}", b"\x00\x05\x16\x07 binary")
    drop(bucket, chalice_client, "incoming/t1/Messe.csv", b"Nachname;Telefon\nGruber;0664 1234567\n")
    assert [i["file"] for i in api().get("/imports").json["items"]] == ["Messe.csv"]


def test_a_file_with_a_header_and_no_rows_fails_and_says_so(api, bucket, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/nur-kopf.csv", b"Nachname;Vorname;E-Mail\n\n;;\n")
    status = api().get(f"/imports/{api().get('/imports').json['items'][0]['id']}").json
    assert (status["status"], status["counts"]["rows"]) == ("failed", 0), status
    assert "no rows to import" in status["detail"]


def test_a_customer_loaded_before_as_100236_point_0_is_the_same_customer_when_a_file_now_reads_100236(
        api, bucket, chalice_client):
    loaded = api("admin").post("/customers/bulk", {"customers": [
        {"external_id": "100236.0", "last_name": "Gruber", "first_name": "Josef"}]})
    assert loaded.status_code == 200, loaded.json
    body = "Kundennummer;Nachname;Vorname;Ort\n100236.0;Gruber;Josef;Wien\n".encode()
    drop(bucket, chalice_client, "incoming/t1/customers/wieder.csv", body)
    customers = api().get("/customers").json["items"]
    assert len(customers) == 1 and customers[0]["city"] == "Wien", customers


def test_a_second_upload_to_the_same_upload_url_is_an_import_of_its_own_and_the_first_keeps_its_file(
        api, bucket, chalice_client):
    """The upload URL stays valid for minutes: a corrected file sent to it again replaced the
    object, was never imported, and the first import's rows then pointed into the other file."""
    started = api().post("/imports", {"file_name": "Messe Korrektur.csv"}).json
    key = started["upload"]["key"]
    drop(bucket, chalice_client, key, "Nachname;Vorname;E-Mail\nErstfassung;Emma;emma.erst@example.at\n".encode())
    drop(bucket, chalice_client, key, ("Nachname;Vorname;E-Mail\nKorrigiert;Karl;karl.korr@example.at\n"
                                       "Neu;Nina;nina.neu@example.at\n").encode())
    imports = {i["id"]: i for i in api().get("/imports").json["items"] if i["file"] == "Messe Korrektur.csv"}
    assert len(imports) == 2, imports
    assert imports[started["id"]]["counts"]["created"] == 1
    [second] = [i for i in imports.values() if i["id"] != started["id"]]
    assert (second["status"], second["counts"]["created"]) == ("done", 2)
    assert sorted(lead.data["last_name"] for lead in leads_of()) == ["Erstfassung", "Korrigiert", "Neu"]
    # Each import's rows are the rows of the file it read: Emma's row is Emma's, not Karl's.
    doc = api("admin").post("/privacy/access", {"email": "emma.erst@example.at"}).json
    [row] = doc["import_rows"]
    assert (row["row"], row["cells"]["Nachname"]) == (2, "Erstfassung"), row


def test_an_import_going_on_reads_the_version_it_began_with_not_a_file_written_over_it(api, bucket, chalice_client):
    """A paused import's continuation read whatever was at the key by then: rows of two files mixed."""
    from chalicelib.services.import_events import handle_continuations
    from chalicelib.services.imports import continuation
    from chalicelib.store.models import ImportItem
    key = "incoming/t1/Messe Lang.csv"
    rows = "".join(f"Reihe{n};Rita;rita{n}@example.at\n" for n in range(1, 6))
    drop(bucket, chalice_client, key, f"Nachname;Vorname;E-Mail\n{rows}".encode())
    [item] = [i for i in ImportItem.scan() if i.file_name == "Messe Lang.csv"]
    assert item.version_id
    for lead in leads_of():                       # as if the first invocation stopped after row 3
        if lead.data["last_name"] in ("Reihe4", "Reihe5"):
            lead.delete()
    item.update(actions=[ImportItem.status.set("running"), ImportItem.rows_done.set(4),
                         ImportItem.counts.set({"rows": 3, "created": 3}), ImportItem.owner.remove()])
    bucket.put_object(Bucket=BUCKET, Key=key, Body="Nachname;Vorname;E-Mail\nFremd;Fritz;fritz@example.at\n".encode())
    handle_continuations([__import__("json").dumps(continuation(item, BUCKET))])
    names = sorted(lead.data["last_name"] for lead in leads_of())
    assert names == ["Reihe1", "Reihe2", "Reihe3", "Reihe4", "Reihe5"], names


def test_an_import_whose_file_was_deleted_before_it_ended_fails_saying_so_and_is_not_swept_forever(
        api, bucket, chalice_client):
    from chalicelib.services.import_events import handle_continuations, sweep_stalled_imports
    from chalicelib.services.imports import continuation
    from chalicelib.store.models import ImportItem
    key = "incoming/t1/Messe Weg.csv"
    drop(bucket, chalice_client, key, "Nachname;E-Mail\nWeg;weg@example.at\n".encode())
    [item] = [i for i in ImportItem.scan() if i.file_name == "Messe Weg.csv"]
    item.update(actions=[ImportItem.status.set("running"), ImportItem.owner.remove()])
    bucket.delete_object(Bucket=BUCKET, Key=key, VersionId=item.version_id)
    handle_continuations([__import__("json").dumps(continuation(item, BUCKET))])
    status = api().get(f"/imports/{item.import_id}").json
    assert (status["status"], status["detail"]) == ("failed", "the file was deleted before its import ended")
    assert sweep_stalled_imports(now=time.time() + 3600) == 0
