"""A lead's allowed_actions are exactly what the API accepts: for each role (a rep on an own and on
a pool lead) and status, every action offered succeeds and every other one is refused, storing
nothing. The table of offered actions is written here, independently of domain/lead.py. Take is
assigning the lead to oneself, assign to someone else."""
import itertools
import json

import pytest

from chalicelib.store.models import ALL_MODELS
from tests.conftest import TENANT_USERS, lead_payload

ACTIONS = ("log", "edit", "delete", "assign", "take", "convert", "close", "reopen", "contact")
STATUSES = ("open", "closed", "converted")

# viewer: (role, the lead's assignee, who creates the lead)
VIEWERS = {
    "admin": ("admin", None, "sales_manager"),
    "sales_manager": ("sales_manager", None, "sales_manager"),
    "sales_rep_own_lead": ("sales_rep", "rep-a", "sales_manager"),
    "sales_rep_pool_lead": ("sales_rep", None, "sales_manager"),
    "auditor": ("auditor", None, "sales_manager"),
    "integration": ("integration", None, "integration"),     # reads back only the leads it sent
}

OFFERED = {
    #                      open                                                closed         converted
    "admin":               (("log", "edit", "delete", "assign", "take", "convert", "close", "contact"), ("log", "reopen"), ("log",)),
    "sales_manager":       (("log", "edit", "delete", "assign", "take", "convert", "close", "contact"), ("log", "reopen"), ("log",)),
    "sales_rep_own_lead":  (("log", "edit", "convert", "contact"), ("log",), ("log",)),
    "sales_rep_pool_lead": (("log", "edit", "take", "contact"), ("log",), ("log",)),
    "auditor":             (("log",), ("log",), ("log",)),
    "integration":         ((), (), ()),
}

REFUSALS = (403, 404, 409, 422)
_numbers = itertools.count()


def stored_state() -> dict:
    """Every item of every table, to tell that a refused request wrote nothing."""
    return {name: sorted(json.dumps(item.serialize(), sort_keys=True, default=str) for item in model.scan())
            for name, model in ALL_MODELS.items()}


def convert(client, lead_id):
    check = client.get(f"/leads/{lead_id}/duplicates")
    if check.status_code != 200:
        return check
    return client.post(f"/leads/{lead_id}/convert", {"decision": "new_customer", "check_token": check.json["check_token"],
                                                     "activity": {"type": "call"}})


def fresh_lead(api, viewer: str, status: str) -> dict:
    """A new lead in the status, as the manager sees it."""
    _, assignee, creator = VIEWERS[viewer]
    n = next(_numbers)
    payload = lead_payload(last_name=f"Aktion{n}", first_name="Test", email=f"aktion{n}@example.at", phone=None,
                           street=None, postal_code=None, city=None, assignee=assignee)
    created = api(creator).post("/leads", payload)
    assert created.status_code == 201, created.json
    manager, lead_id = api("sales_manager"), created.json["id"]
    if status == "closed":
        assert manager.patch(f"/leads/{lead_id}", {"status": "closed"}, headers={"if-match": '"1"'}).status_code == 200
    elif status == "converted":
        assert convert(manager, lead_id).status_code == 201
    lead = manager.get(f"/leads/{lead_id}").json
    assert lead["status"] == status
    return lead


def perform(client, action: str, lead: dict, user: str):
    """The request (or, for convert, the two requests) of a row action by the user; the last response."""
    path, if_match = f"/leads/{lead['id']}", {"if-match": f'"{lead["version"]}"'}
    if action == "log":
        return client.get(f"{path}/log")
    if action == "edit":
        return client.patch(path, {"remark": "x"}, headers=if_match)
    if action == "delete":
        return client.delete(path, headers=if_match)
    if action == "assign":
        return client.patch(path, {"assignee": "rep-b"}, headers=if_match)
    if action == "take":
        return client.patch(path, {"assignee": user}, headers=if_match)
    if action == "convert":
        return convert(client, lead["id"])
    if action == "close":
        return client.patch(path, {"status": "closed"}, headers=if_match)
    if action == "reopen":
        return client.patch(path, {"status": "open"}, headers=if_match)
    if action == "contact":
        return client.post(f"{path}/contacts", {"kind": "call", "outcome": "reached"}, headers=if_match)
    raise AssertionError(action)


def effect_of(api, action: str, lead: dict, user: str) -> bool:
    """Whether the manager now sees what the action did."""
    after = api("sales_manager").get(f"/leads/{lead['id']}")
    if action == "delete":
        return after.status_code == 404
    after = after.json
    return {
        "log": after == lead,
        "edit": after["remark"] == "x" and after["version"] == lead["version"] + 1,
        "assign": after["assignee"] == "rep-b",
        "take": after["assignee"] == user,
        "convert": after["status"] == "converted" and after["customer_id"] is not None,
        "close": after["status"] == "closed",
        "reopen": after["status"] == "open",
        "contact": after["first_contact_at"] is not None and after["version"] == lead["version"] + 1,
    }[action]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_action_offered_succeeds_and_every_other_one_is_refused_storing_nothing(api, viewer, status):
    role = VIEWERS[viewer][0]
    client, user = api(role), TENANT_USERS[role][0]
    offered = OFFERED[viewer][STATUSES.index(status)]
    got, want = {}, {}
    for action in ACTIONS:
        lead = fresh_lead(api, viewer, status)
        seen = client.get(f"/leads/{lead['id']}")
        assert seen.status_code == 200, seen.json
        assert seen.json["allowed_actions"] == list(offered)
        before = stored_state()
        r = perform(client, action, lead, user)
        if action in offered:
            want[action] = "done"
            got[action] = "done" if r.status_code < 300 and effect_of(api, action, lead, user) else (
                f"{r.status_code} {(r.json or {}).get('detail')}")
        else:
            want[action] = "refused"
            unchanged = stored_state() == before
            # Taking a lead that is the caller's already is a PATCH that changes nothing: 200, nothing stored.
            no_op = action == "take" and lead["assignee"] == user and r.status_code == 200
            got[action] = "refused" if (r.status_code in REFUSALS or no_op) and unchanged else (
                f"{r.status_code}{'' if unchanged else ', and stored a change'}")
    assert got == want
