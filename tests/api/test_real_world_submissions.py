"""Deliveries as real senders post them (tests/fixtures/real-world/): each one that identifies
someone is stored with exactly the values and problems its manifest states, and only the flagged
ones are listed for review."""
import datetime as dt
import json
import time
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from chalicelib.domain.webhook_signatures import webhook_headers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "real-world"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
SUBMISSIONS = MANIFEST["submissions"]
SITE = "https://www.autohaus-eins.at"


# ---------------------------------------------------------------- posting as the senders do


def _post(chalice_client, integration_id: str, body: bytes, content_type: str, **headers):
    response = chalice_client.http.post(f"/webhooks/{integration_id}", body=body,
                                        headers={"content-type": content_type, **headers})
    response.json = json.loads(response.body) if response.body and response.body[:1] in (b"{", b"[") else None
    return response


class Senders:
    """One integration per format (and mapping) on tenant t1, and a delivery as its sender makes it."""

    def __init__(self, api, chalice_client):
        self.api, self.client = api, chalice_client
        self.hooks: dict[str, dict] = {}
        self.sent = 0

    def hook(self, submission: dict) -> dict:
        fmt, settings = submission["format"], submission.get("integration", {})
        key = json.dumps([fmt, settings], sort_keys=True)
        if key not in self.hooks:
            body = {"name": f"{fmt} {len(self.hooks)}", "format": fmt, "default_source": "Website",
                    "default_source_detail": "Kontaktformular" if fmt in ("generic", "html_form") else None,
                    **settings}
            if fmt == "html_form":
                body["allowed_origins"] = [SITE]
            created = self.api("admin").post("/integrations", body)
            assert created.status_code == 201, created.json
            self.hooks[key] = created.json
        return self.hooks[key]

    def deliver(self, submission: dict):
        hook = self.hook(submission)
        body = (FIXTURES / submission["file"]).read_bytes()
        self.sent += 1
        fmt = submission["format"]
        if fmt == "google_ads":                # Google authenticates with the key in the body
            payload = json.loads(body)
            body = json.dumps({**payload, "google_key": hook["secret"]}, ensure_ascii=False).encode()
            return _post(self.client, hook["id"], body, submission["content_type"])
        if fmt == "html_form":
            # A browser: its page's origin, no signature; it is answered with a thank-you page,
            # so the lead it made is found in the list.
            before = {lead["id"] for lead in leads_listed(self.api)}
            answer = _post(self.client, hook["id"], body, submission["content_type"], origin=SITE)
            assert answer.headers.get("Content-Type", "").startswith("text/html"), answer.body[:200]
            made = [lead_id for lead_id in (lead["id"] for lead in leads_listed(self.api)) if lead_id not in before]
            answer.json = {"status": "accepted", "lead_id": made[0]} if len(made) == 1 else {"status": "?", "made": made}
            return answer
        headers = webhook_headers(hook["secret"], f"msg_rw_{self.sent}", int(time.time()), body)
        return _post(self.client, hook["id"], body, submission["content_type"], **headers)


@pytest.fixture
def senders(api, chalice_client, bucket):
    return Senders(api, chalice_client)


def outcomes(answer) -> list[dict]:
    """Each lead's answer of a delivery (one lead, or an ADF delivery's several)."""
    return answer.json["leads"] if "leads" in answer.json else [answer.json]


# ---------------------------------------------------------------- what the manifest states


def sent_value(submission: dict, name: str) -> str:
    """What the sender posted in one field, with line breaks as stored (LF)."""
    body = (FIXTURES / submission["file"]).read_bytes()
    if submission["content_type"] == "application/json":
        value = json.loads(body)[name]
    else:
        value = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))[name]
    return value.replace("\r\n", "\n").strip()


def path_of(lead: dict, path: str):
    node = lead
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def matches(expected, got, submission: dict, window: tuple[dt.datetime, dt.datetime]) -> bool:
    if isinstance(expected, dict) and "$sent" in expected:
        return isinstance(got, str) and got.replace("\r\n", "\n").strip() == sent_value(submission, expected["$sent"])
    if isinstance(expected, dict) and "$instant" in expected:
        return got is not None and dt.datetime.fromisoformat(got) == dt.datetime.fromisoformat(expected["$instant"])
    if isinstance(expected, dict) and "$server_time" in expected:
        return got is not None and window[0] <= dt.datetime.fromisoformat(got) <= window[1]
    return got == expected


def mismatches(lead: dict, expected: dict, submission: dict, window) -> list[str]:
    """What of a stored lead differs from its expectation (empty: all as stated)."""
    wrong = [f"{path}: expected {want!r}, got {path_of(lead, path)!r}"
             for path, want in expected["fields"].items()
             if not matches(want, path_of(lead, path), submission, window)]
    problems = lead["problems"]
    if sorted(p["field"] for p in problems) != sorted(expected["problems"]):
        wrong.append(f"problems: expected {sorted(expected['problems'])}, got "
                     f"{[(p['field'], str(p['given'])[:60], p['reason'][:80]) for p in problems]}")
    else:
        for p in problems:
            if not matches(expected["problems"][p["field"]], p["given"], submission, window):
                wrong.append(f"problem {p['field']}: expected given {expected['problems'][p['field']]!r}, "
                             f"got {str(p['given'])[:80]!r}")
    if lead["needs_review"] != bool(expected["problems"]):
        wrong.append(f"needs_review: expected {bool(expected['problems'])}, got {lead['needs_review']}")
    remark = lead.get("remark") or ""
    for needle in expected.get("remark_contains", []):
        text = sent_value(submission, needle["$sent"]) if isinstance(needle, dict) else needle
        if text not in remark:
            wrong.append(f"remark lacks {text[:60]!r}… ({len(text)} characters; the remark has {len(remark)})")
    for needle in expected.get("remark_excludes", []):
        if needle in remark:
            wrong.append(f"remark holds {needle!r}")
    for name, chars in expected.get("remark_starts_with_sent", {}).items():
        if not remark.startswith(sent_value(submission, name)[:chars]):
            wrong.append(f"remark does not begin with the first {chars} characters of {name!r}")
    return wrong


def leads_listed(api, **params) -> list[dict]:
    """Every lead of the list (all pages) for the given filters."""
    items, cursor = [], None
    while True:
        page = api().get("/leads", params={"page_size": 100, **params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.json
        items += page.json["items"]
        cursor = page.json["next_cursor"]
        if not cursor:
            return items


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("submission", SUBMISSIONS, ids=[s["file"].rsplit(".", 1)[0] for s in SUBMISSIONS])
def test_a_real_world_submission_is_stored_with_exactly_its_expected_values_and_problems(api, senders, submission):
    before = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    answer = senders.deliver(submission)
    window = (before, dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1))
    assert answer.status_code == 201, (answer.status_code, answer.json)
    results = outcomes(answer)
    assert len(results) == len(submission["expect"]), results
    wrong = {}
    for position, (result, expected) in enumerate(zip(results, submission["expect"]), 1):
        if "refused" in expected:
            assert result["status"] == "refused" and expected["refused"] in json.dumps(result), result
            continue
        assert result["status"] == "accepted", result
        lead = api().get(f"/leads/{result['lead_id']}").json
        assert lead["channel"] == "webhook"
        if found := mismatches(lead, expected, submission, window):
            wrong[f"lead {position}"] = found
    assert not wrong, f"{submission['what']}:\n" + json.dumps(wrong, indent=1, ensure_ascii=False)


def test_every_submission_that_identifies_someone_is_stored_and_exactly_the_flagged_ones_need_review(api, senders):
    expected_flagged, stored, refused = set(), {}, 0
    for submission in SUBMISSIONS:
        answer = senders.deliver(submission)
        assert answer.status_code == 201, (submission["file"], answer.status_code, answer.json)
        for result, expected in zip(outcomes(answer), submission["expect"]):
            if "refused" in expected:
                assert result["status"] == "refused", (submission["file"], result)
                refused += 1
                continue
            assert result["status"] == "accepted", (submission["file"], result)
            stored[result["lead_id"]] = submission["file"]
            if expected["problems"]:
                expected_flagged.add(result["lead_id"])
    expected_leads = sum(len(s["expect"]) for s in SUBMISSIONS) - refused
    assert refused == 1 and len(stored) == expected_leads
    assert {lead["id"] for lead in leads_listed(api)} == set(stored)
    listed = {lead["id"]: lead for lead in leads_listed(api, needs_review="true")}
    assert set(listed) == expected_flagged, {
        "listed, not expected": sorted((stored[i], [p["field"] for p in listed[i]["problems"]])
                                       for i in set(listed) - expected_flagged),
        "expected, not listed": sorted(stored[i] for i in expected_flagged - set(listed))}
    assert all(lead["needs_review"] and lead["problems"] for lead in listed.values())
