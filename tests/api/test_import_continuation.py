"""Long imports: stopped before the Lambda's time runs out, continued, retried under throttling; each row once."""
import csv
import io
import time
from collections import Counter
from urllib.parse import quote_plus

import boto3
import pytest
from pynamodb.connection.table import TableConnection

from chalicelib.services import import_events, imports
from chalicelib.store import batches
from chalicelib.store.models import AuditItem, ImportItem, LeadItem, SearchTokenItem
from tests.conftest import report_rows, notify_importer

BUCKET = "leadflow-files"


@pytest.fixture
def queue(aws):
    sqs = boto3.client("sqs", region_name="eu-central-1")
    return sqs, sqs.create_queue(QueueName="leadflow-import-continue")["QueueUrl"]


def trade_fair_list(rows: int) -> bytes:
    """A fair list whose row 4 identifies nobody (only a broken e-mail address); its last row
    is row 3's visitor again (with re-inquiries off, as the tests' tenants have them, a lead of its own)."""
    lines = ["Nachname;Vorname;E-Mail"] + [f"Besucher{i:05d};Max;besucher{i}@example.at" for i in range(rows)]
    lines[3] = ";;kaputt@"
    lines.append("Besucher00001;Max;besucher1@example.at")
    return "\n".join(lines).encode()


def leads_of(tenant="t1"):
    return [i for i in LeadItem.scan() if i.tenant == tenant]


def drop(s3, chalice_client, key, body):
    s3.put_object(Bucket=BUCKET, Key=key, Body=body)
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key)))


def retry_after_the_lease(chalice_client, key):
    """As Lambda retries a crashed import once its lease has run out."""
    for item in ImportItem.scan():
        if item.status:
            item.lease_until = int(time.time()) - 1
            item.save()
    notify_importer(chalice_client, chalice_client.events.generate_s3_event(bucket=BUCKET, key=quote_plus(key)))


def deliver_continuations(chalice_client, sqs, queue_url, limit=20) -> int:
    """What Lambda's SQS trigger does: hand each message to the continue function, then delete it."""
    delivered = 0
    while delivered < limit:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1).get("Messages", [])
        if not messages:
            return delivered
        event = chalice_client.events.generate_sqs_event(message_bodies=[messages[0]["Body"]],
                                                         queue_name="leadflow-import-continue")
        chalice_client.lambda_.invoke("continue_imports", event)
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=messages[0]["ReceiptHandle"])
        delivered += 1
    raise AssertionError("the import never finished")


def test_an_import_stops_before_its_time_runs_out_and_continues_with_each_row_once(
        api, bucket, queue, chalice_client, monkeypatch):
    monkeypatch.setattr(imports, "LEAD_BATCH", 40)
    monkeypatch.setattr(imports, "STOP_BEFORE_END_SECONDS", 10**6)    # every invocation's time is nearly up
    drop(bucket, chalice_client, "incoming/t1/lange-liste.csv", trade_fair_list(100))
    first = api().get("/imports").json["items"][0]
    assert first["status"] == "running" and "continuing after row" in first["detail"]
    assert 0 < len(leads_of()) < 99

    invocations = deliver_continuations(chalice_client, *queue)

    status = api().get(f"/imports/{first['id']}").json
    assert invocations >= 2 and status["status"] == "partial", status
    assert status["counts"] == {"rows": 101, "created": 100, "needs_review": 0, "already_imported": 0, "rejected": 1}
    assert len(leads_of()) == 100
    report = "\n".join(";".join(r) for r in report_rows(bucket, status))
    assert "kaputt@" in report                    # the line of a row of the first invocation


def test_unprocessed_items_are_written_again_with_growing_pauses(api, bucket, chalice_client, monkeypatch):
    real = TableConnection.batch_write_item
    calls = Counter()

    def half_unprocessed(self, put_items=None, **kwargs):
        calls["requests"] += 1
        if calls["requests"] % 3 == 0 or len(put_items) < 2:           # throttled: DynamoDB takes only a part
            return real(self, put_items=put_items, **kwargs)
        half = len(put_items) // 2
        real(self, put_items=put_items[:half], **kwargs)
        left = [{"PutRequest": {"Item": i}} for i in put_items[half:]]
        return {"UnprocessedItems": {self.table_name: left}}

    pauses = []
    monkeypatch.setattr(TableConnection, "batch_write_item", half_unprocessed)
    monkeypatch.setattr(batches.time, "sleep", pauses.append)
    drop(bucket, chalice_client, "incoming/t1/gedrosselt.csv", trade_fair_list(60))
    status = api().get("/imports").json["items"][0]
    assert status["counts"]["created"] == 60 == len(leads_of())
    assert pauses and max(pauses) <= batches.MAX_DELAY
    tokens = Counter(t.entity_id for t in SearchTokenItem.scan())
    assert len(tokens) == 60 and all(n >= 3 for n in tokens.values())


def test_throttling_that_does_not_end_pauses_the_import_and_loses_no_row(
        api, bucket, queue, chalice_client, monkeypatch):
    real = TableConnection.batch_write_item

    def always_throttled(self, put_items=None, **kwargs):
        left = [{"PutRequest": {"Item": i}} for i in put_items]
        return {"UnprocessedItems": {self.table_name: left}}

    monkeypatch.setattr(imports, "LEAD_BATCH", 20)
    monkeypatch.setattr(batches.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(TableConnection, "batch_write_item", always_throttled)
    drop(bucket, chalice_client, "incoming/t1/messe.csv", trade_fair_list(50))
    paused = api().get("/imports").json["items"][0]
    assert paused["status"] == "running" and "throttled" in paused["detail"] and leads_of() == []
    sqs, url = queue
    delayed = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesDelayed"])
    assert delayed["Attributes"]["ApproximateNumberOfMessagesDelayed"] == "1"

    monkeypatch.setattr(TableConnection, "batch_write_item", real)      # the table has capacity again
    body = '{"bucket": "%s", "key": "incoming/t1/messe.csv"}' % BUCKET
    chalice_client.lambda_.invoke("continue_imports", chalice_client.events.generate_sqs_event(message_bodies=[body]))
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "partial" and status["counts"]["created"] == 50 == len(leads_of())


def test_a_crash_in_the_middle_of_a_batch_leaves_no_lead_without_its_tokens_and_audit_entry(
        api, bucket, chalice_client, monkeypatch):
    real = batches.put_all

    def crash_midway(models, **kwargs):
        real(models[:len(models) * 9 // 10], **kwargs)      # the items in the order the import gave them
        raise RuntimeError("Lambda timed out")

    monkeypatch.setattr(batches, "put_all", crash_midway)
    with pytest.raises(RuntimeError):
        drop(bucket, chalice_client, "incoming/t1/absturz.csv", trade_fair_list(30))
    monkeypatch.setattr(batches, "put_all", real)
    retry_after_the_lease(chalice_client, "incoming/t1/absturz.csv")

    status = api().get("/imports").json["items"][0]
    assert status["counts"]["created"] + status["counts"]["already_imported"] == 30 == len(leads_of())
    audits = Counter(a.pk for a in AuditItem.scan())
    assert len(audits) == 30 and set(audits.values()) == {1}      # written twice, still one entry each
    assert {t.entity_id for t in SearchTokenItem.scan()} == {lead.lead_id for lead in leads_of()}


def test_a_file_with_too_many_rows_imports_up_to_the_limit_and_says_so(api, bucket, chalice_client, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    drop(bucket, chalice_client, "incoming/t1/riesig.csv", trade_fair_list(30))
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "partial" and "more than 10 rows" in status["detail"]
    assert status["counts"]["rows"] == 10 and len(leads_of()) == 9


def test_an_import_taken_over_by_another_invocation_stops_writing(api, bucket, chalice_client, monkeypatch):
    monkeypatch.setattr(imports, "LEAD_BATCH", 10)
    real = imports.state.renew

    def overtaken(item, seconds, **checkpoint):
        if checkpoint:                                       # at the first checkpoint another one takes over
            ImportItem(item.pk).update(actions=[ImportItem.owner.set("a-faster-invocation")])
        real(item, seconds, **checkpoint)

    monkeypatch.setattr(imports.state, "renew", overtaken)
    drop(bucket, chalice_client, "incoming/t1/uebernommen.csv", trade_fair_list(50))
    assert len(leads_of()) == 10                             # the first batch, then it let go
    assert api().get("/imports").json["items"][0]["status"] == "running"


def test_an_import_whose_retries_ran_out_is_continued_by_the_sweep(api, bucket, queue, chalice_client):
    drop(bucket, chalice_client, "incoming/t1/liegengeblieben.csv", trade_fair_list(30))
    for item in ImportItem.scan():                           # crashed after 10 rows (row 11: the header is row 1)
        if item.status:
            item.status, item.rows_done, item.counts = "running", 11, {"rows": 10, "created": 9, "rejected": 1}
            item.owner, item.lease_until = "crashed", int(time.time()) - import_events.STALLED_AFTER_SECONDS - 1
            item.save()
    fresh = api().post("/imports", {"file_name": "noch nicht hochgeladen.csv"}).json     # queued: left alone
    assert import_events.sweep_stalled_imports() == 1
    assert deliver_continuations(chalice_client, *queue) == 1
    status = [i for i in api().get("/imports").json["items"] if i["file"] == "liegengeblieben.csv"][0]
    assert status["status"] == "partial" and status["counts"]["rows"] == 31
    assert api().get(f"/imports/{fresh['id']}").json["status"] == "queued"
    assert import_events.sweep_stalled_imports() == 0


def test_an_import_that_lost_its_lease_before_its_first_write_writes_nothing(api, bucket, chalice_client, monkeypatch):
    real = imports.open_lead_file

    def overtaken_while_reading(*args, **kwargs):
        for item in ImportItem.scan():                       # this invocation stalled; another one took over
            if item.status == "running":
                ImportItem(item.pk).update(actions=[ImportItem.owner.set("a-faster-invocation")])
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "open_lead_file", overtaken_while_reading)
    drop(bucket, chalice_client, "incoming/t1/verspaetet.csv", trade_fair_list(30))
    assert leads_of() == []
    status = api().get("/imports").json["items"][0]
    assert status["status"] == "running" and status["counts"] == {}


def test_two_rows_touching_one_open_lead_and_a_crash_between_them_count_each_touch_once(
        api, bucket, chalice_client, monkeypatch):
    """The batch reads its rows' leads at once; each row must change its own copy. Sharing one made
    the first row's write carry the second's touch, and a retry counted it again: touches 4, not 2."""
    from chalicelib.services import intake
    from tests.conftest import lead_payload
    admin = api("admin")
    assert admin.patch("/tenant", {"version": admin.get("/tenant").json["version"], "reinquiry_days": 30}).status_code == 200
    lead = api().post("/leads", lead_payload(last_name="Perschl", email="perschl@example.at", phone="0664 7771234",
                                             vehicle={"interest": {"make": "VW"}})).json
    body = ("Nachname;E-Mail;Telefon;Marke;Bemerkung\n"
            "Perschl;perschl@example.at;;VW;erste\nPerschl;;0664 7771234;VW;zweite\n").encode()
    real, stored = intake.store, []

    def crash_after_the_first(outcome):
        if stored:
            raise RuntimeError("Lambda timed out")
        stored.append(real(outcome))
        return stored[-1]
    monkeypatch.setattr(intake, "store", crash_after_the_first)
    with pytest.raises(RuntimeError):
        drop(bucket, chalice_client, "incoming/t1/zweimal.csv", body)
    assert api().get(f"/leads/{lead['id']}").json["touches"] == 1            # the first row's touch alone
    monkeypatch.setattr(intake, "store", real)
    retry_after_the_lease(chalice_client, "incoming/t1/zweimal.csv")
    touched = api().get(f"/leads/{lead['id']}").json
    assert touched["touches"] == 2 and "erste" in touched["remark"] and "zweite" in touched["remark"], touched
    counts = [c for e in api().get(f"/leads/{lead['id']}/log").json["items"] for c in e["changes"] if c["field"] == "touches"]
    assert sorted((c["old"], c["new"]) for c in counts) == [(0, 1), (1, 2)]
