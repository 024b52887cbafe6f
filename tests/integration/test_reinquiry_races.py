"""Re-inquiries with real threads against a moto server: touches arriving at once are all counted,
and two first inquiries of one person at once make one lead and one touch.

The server runs in its own process with DynamoDB's write isolation (devstack.moto_speedups); the
threads call the service, as concurrent Lambda invocations would.
"""

import pytest

from chalicelib.domain.permissions import Caller
from tests.conftest import lead_payload
from tests.integration.moto_process import moto_process
from tests.integration.test_races import together

ROUNDS = 4
MANAGER = Caller("t1", "manager", "sales_manager", "arn:aws:iam::000000000000:user/t1-manager")
WEB = Caller("t1", "web", "integration", "arn:aws:iam::000000000000:user/t1-web")


@pytest.fixture(scope="module")
def moto_server():
    with moto_process("reinquiry-race-", reinquiry_days=30):
        yield


def post(email: str, **fields):
    from devstack.direct import create_lead
    # One person per e-mail: the same name and address would make the rounds one person, too.
    name = email.split("@")[0].capitalize()
    return lambda: create_lead(MANAGER, lead_payload(email=email, phone=None, last_name=name, **fields))


def leads_with(email: str):
    from chalicelib.store.models import LeadItem
    return [lead for lead in LeadItem.scan() if lead.tenant == "t1" and lead.data.get("email") == email]


def reinquiry_entries(lead_id: str) -> list:
    from chalicelib.store import audit
    entries, _ = audit.read("t1", "lead", lead_id, limit=100, start=None)
    return [e for e in entries if e.action == "reinquiry"]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_reinquiries_at_once_are_both_counted_on_the_open_lead(moto_server, round_):
    email = f"touch{round_}@example.at"
    first = post(email, qualification="cold")()
    assert first.status == 201
    answers = together(post(email, qualification="warm", remark="Ist der Golf noch da?"),
                       post(email, qualification="hot", remark="Probefahrt am Samstag?"))
    assert all(not isinstance(a, Exception) for a in answers), answers
    assert [a.status for a in answers] == [200, 200]
    [lead] = leads_with(email)
    assert lead.lead_id == first.body["id"]
    assert lead.touches == 2 and lead.version == 3 and lead.qualification == "hot"
    assert len(reinquiry_entries(lead.lead_id)) == 2
    lines = lead.data["remark"].split("\n")                  # neither message lost to the other's write
    assert lines[0] == "Rückruf erwünscht" and sorted(line.split("] ", 1)[1] for line in lines[1:]) == [
        "Ist der Golf noch da?", "Probefahrt am Samstag?"]
    assert sorted(a.body["version"] for a in answers) == [2, 3]          # each answer names the version it wrote


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_first_inquiries_of_one_person_at_once_make_one_lead_and_one_touch(moto_server, round_):
    email = f"first{round_}@example.at"
    answers = together(post(email), post(email))
    assert all(not isinstance(a, Exception) for a in answers), answers
    assert sorted(a.status for a in answers) == [200, 201]
    [lead] = leads_with(email)
    assert lead.touches == 1 and len(reinquiry_entries(lead.lead_id)) == 1
    assert {a.body["id"] for a in answers} == {lead.lead_id}


def test_two_first_inquiries_for_two_makes_at_once_make_two_linked_leads(moto_server):
    email = "makes@example.at"
    answers = together(post(email), post(email, vehicle={"interest": {"make": "Audi"}}))
    assert all(not isinstance(a, Exception) for a in answers), answers
    assert sorted(a.status for a in answers) == [201, 201]
    leads = leads_with(email)
    assert len(leads) == 2
    first, second = sorted(leads, key=lambda lead: lead.version)          # the earlier one was changed by the link
    assert [r["lead_id"] for r in first.related_leads] == [second.lead_id]
    assert [r["lead_id"] for r in second.related_leads] == [first.lead_id]
