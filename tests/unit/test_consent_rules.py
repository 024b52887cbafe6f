"""The consent ledger's rules (domain/consents.py), without AWS."""
from chalicelib.domain import consents


def entry(purpose, channel=None, state="granted", at="2026-12-01T10:00:00.000000Z", **more):
    return {"purpose": purpose, "channel": channel, "state": state, "at": at, "id": more.pop("id", at), **more}


def test_the_latest_entry_of_a_purpose_and_channel_is_its_state_whatever_order_they_come_in():
    entries = [entry("marketing", "email", "withdrawn", at="2026-12-02T10:00:00.000000Z"),
               entry("marketing", "email", at="2026-12-01T10:00:00.000000Z"),
               entry("marketing", "phone")]
    state = consents.current(entries)
    assert state["marketing_email"] is False and state["marketing_phone"] is True
    assert state["dealer_contact"] is False and state["data_transfer"] is False


def test_a_web_forms_grants_carry_the_servers_address_and_a_files_the_senders_claim():
    consent = {"marketing_email": True, "marketing_sms": False, "privacy_notice_version": "v3", "ip": "192.0.2.1",
               "given_at": "2019-05-01T00:00:00Z"}
    [form] = consents.marketing_grants(consent, channel="webhook")
    [file] = consents.marketing_grants(consent, channel="import")
    assert (form["source"], form["ip"], form.get("given_at"), form["note"]) == ("form", "192.0.2.1", None, None)
    assert (file["source"], file["given_at"], file["note"]) == ("file", "2019-05-01T00:00:00Z",
                                                                "time and address as the sender stated them")


def test_an_inquiry_grants_dealer_contact_but_a_sweepstake_entry_only_when_it_asks_for_a_dealer():
    def purposes(**kw):
        return [e["purpose"] for e in consents.initial_entries(None, channel="api", **kw)]
    assert purposes(sweepstake=False, wants_dealer=False, importer=False) == ["dealer_contact"]
    assert purposes(sweepstake=True, wants_dealer=False, importer=False) == []
    assert purposes(sweepstake=True, wants_dealer=True, importer=True) == ["dealer_contact", "data_transfer"]
    assert purposes(sweepstake=False, wants_dealer=True, importer=False) == ["dealer_contact"]   # a dealer transfers nothing


def test_sweepstake_sources_are_recognised_by_their_words():
    assert consents.is_sweepstake("Gewinnspiel", "Sommer 2026")
    assert consents.is_sweepstake("Website", "Sweepstake Autumn")
    assert consents.is_sweepstake("Facebook", "Verlosung E-Bike")
    assert not consents.is_sweepstake("Vienna Autoshow", "Vienna Autoshow 2017")
    assert not consents.is_sweepstake(None, None)


def test_an_activity_needs_consent_only_for_the_channel_it_reaches_the_person_by():
    state = dict.fromkeys(consents.ALL_KEYS, False)
    assert consents.activity_channel("call") == "phone" and consents.activity_channel("test_drive") is None
    assert consents.activity_channel("brochure_dispatch", {"brochure_dispatch": "post"}) == "post"
    assert consents.activity_channel("call", {"call": None}) == "phone"        # a tenant adds, never takes away
    assert not consents.permits(state, "phone")
    assert consents.permits({**state, "marketing_phone": True}, "phone")
    assert consents.permits({**state, "dealer_contact": True}, "phone")
    assert not consents.permits({**state, "marketing_email": True}, "phone")


def test_the_leads_consent_section_follows_the_ledger():
    previous = {"marketing_email": True, "privacy_notice_version": "v1", "given_at": "2026-11-01T00:00:00Z"}
    entries = [entry("marketing", "email", at="2026-11-01T00:00:00.000000Z", notice="v1"),
               entry("marketing", "email", "withdrawn", at="2026-12-01T00:00:00.000000Z"),
               entry("marketing", "sms", at="2026-12-02T00:00:00.000000Z", notice="v2", ip="192.0.2.9")]
    section = consents.snapshot(previous, entries)
    assert section["marketing_email"] is False and section["marketing_sms"] is True
    assert section["privacy_notice_version"] == "v2" and section["ip"] == "192.0.2.9"
    assert consents.snapshot(None, [entry("dealer_contact", state="withdrawn")]) is None
