"""The re-inquiry rules, without AWS: who is the same person, which make, the window, the qualification."""
import datetime as dt

from chalicelib.domain.reinquiries import (
    Candidate, Decision, contact_keys, decide, earlier_due, hotter, make_of, remark_with_message, within_window,
)
from chalicelib.domain.lead import MAX_REMARK

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone.utc)


def candidate(lead_id="L1", *, status="open", days=0, make="volkswagen", contacts=("e:anna@example.at",)):
    return Candidate(lead_id, status, T0 + dt.timedelta(days=days), make, frozenset(contacts))


def test_contacts_are_the_normalised_email_and_the_private_and_mobile_phones_not_the_work_phone():
    person = {"email": "Anna.Mueller+autos@Example.AT", "phone": "+436641234567", "mobile_phone": "+436991112223",
              "work_phone": "+4312345678"}
    assert contact_keys(person) == ["e:anna.mueller@example.at", "p:+436641234567", "p:+436991112223"]
    assert contact_keys({"email": "a.b.c@googlemail.com"}) == contact_keys({"email": "abc@gmail.com"})
    assert contact_keys({"last_name": "Müller", "phone": "0664 kaputt"}) == []


def test_the_make_is_the_interests_folded_and_missing_counts_as_the_same():
    assert make_of({"vehicle": {"interest": {"make": "Škoda "}}}) == make_of({"vehicle": {"interest": {"make": "SKODA"}}})
    assert make_of({"vehicle": {"interest": {"make": "Mercedes-Benz"}}}) == "mercedesbenz"
    assert make_of({}) is None and make_of({"vehicle": {"current": {"make": "Ford"}}}) is None


def test_the_window_is_inclusive_on_both_sides_and_zero_is_off():
    assert within_window(T0, T0 + dt.timedelta(days=30), 30)
    assert within_window(T0, T0 - dt.timedelta(days=30), 30)
    assert not within_window(T0, T0 + dt.timedelta(days=30, seconds=1), 30)
    assert not within_window(T0, T0, 0)


def test_an_open_lead_of_the_same_person_and_make_is_touched():
    assert decide(["e:anna@example.at"], "volkswagen", T0, [candidate()], 30) == Decision(attach_to="L1")
    assert decide(["e:anna@example.at"], None, T0, [candidate()], 30) == Decision(attach_to="L1")
    assert decide(["e:anna@example.at"], "audi", T0, [candidate(make=None)], 30) == Decision(attach_to="L1")


def test_closed_converted_foreign_or_old_leads_are_not_touched():
    for other in (candidate(status="closed"), candidate(status="converted"),
                  candidate(contacts=("e:someone@example.at",)), candidate(days=-31)):
        assert decide(["e:anna@example.at"], "volkswagen", T0, [other], 30) == Decision()
    assert decide([], "volkswagen", T0, [candidate()], 30) == Decision()
    assert decide(["e:anna@example.at"], "volkswagen", T0, [candidate()], 0) == Decision()


def test_another_make_links_to_the_newest_open_lead_and_the_same_explicit_make_wins_a_choice():
    leads = [candidate("L1", make="volkswagen", days=-5), candidate("L2", make="audi", days=-1)]
    assert decide(["e:anna@example.at"], "skoda", T0, leads, 30) == Decision(link_to="L2")
    assert decide(["e:anna@example.at"], "volkswagen", T0, leads, 30) == Decision(attach_to="L1")
    general = [candidate("L1", make=None, days=-1), candidate("L2", make="volkswagen", days=-5)]
    assert decide(["e:anna@example.at"], "volkswagen", T0, general, 30) == Decision(attach_to="L2")


def test_a_reinquiry_only_raises_the_qualification_and_never_moves_the_deadline_later():
    assert hotter("warm", "hot") == "hot" and hotter("hot", "cold") == "hot" and hotter("junk", "warm") == "warm"
    assert hotter("warm", "junk") == "warm"
    assert earlier_due("2026-11-09T22:59:59.999999Z", "2026-11-05T22:59:59.999999Z") == "2026-11-05T22:59:59.999999Z"
    assert earlier_due("2026-11-05T22:59:59.999999Z", "2026-11-09T22:59:59.999999Z") == "2026-11-05T22:59:59.999999Z"
    assert earlier_due(None, "2026-11-05T22:59:59.999999Z") == "2026-11-05T22:59:59.999999Z"


def test_without_a_shared_contact_the_same_name_and_address_is_the_same_person():
    from chalicelib.domain.reinquiries import name_key
    anna = {"last_name": "Müller", "first_name": "Anna", "postal_code": "1070", "street": "Mariahilfer Straße 12"}
    assert name_key(anna) == name_key({**anna, "last_name": "MUELLER", "street": "Mariahilfer Strasse 12"})
    assert name_key({**anna, "street": None}) is None
    lead = candidate(contacts=("e:other@example.at",))
    keyed = Candidate(lead.lead_id, lead.status, lead.received_at, lead.make, lead.contacts, name_key(anna))
    assert decide(["e:anna@example.at"], None, T0, [keyed], 30) == Decision()
    assert decide(["e:anna@example.at"], None, T0, [keyed], 30, person_key=name_key(anna)) == Decision(attach_to="L1")
    assert decide([], None, T0, [keyed], 30, person_key=name_key({**anna, "postal_code": "1060"})) == Decision()


DAY = dt.date(2026, 12, 4)


def test_a_reinquirys_message_is_appended_as_a_dated_line_after_the_leads_own_remark():
    assert remark_with_message("Rückruf erwünscht", " Probefahrt am Samstag? ", DAY) == (
        "Rückruf erwünscht\n[re-inquiry 2026-12-04] Probefahrt am Samstag?")
    assert remark_with_message(None, "Probefahrt am Samstag?", DAY) == "[re-inquiry 2026-12-04] Probefahrt am Samstag?"


def test_no_message_or_one_the_remark_already_says_leaves_the_remark_as_it_is():
    earlier = "Rückruf erwünscht\n[re-inquiry 2026-12-01] Probefahrt am Samstag?"
    for remark, message in (("Rückruf erwünscht", None), ("Rückruf erwünscht", "  "), (earlier, "Probefahrt am Samstag?"),
                            ("Rückruf erwünscht", "Rückruf erwünscht"), ("Rückruf erwünscht\nZeile 2", "Rückruf erwünscht")):
        assert remark_with_message(remark, message, DAY) is None
    assert remark_with_message("Interesse am Golf GTI", "Golf", DAY).endswith("] Golf")       # a word of it is news


def test_a_message_past_the_remarks_length_is_cut_short_or_left_to_the_log():
    cut = remark_with_message("x" * (MAX_REMARK - 40), "Probefahrt am Samstag? " * 5, DAY)
    assert len(cut) <= MAX_REMARK and cut.endswith("Probefahrt am…") and cut.startswith("x" * (MAX_REMARK - 40) + "\n[re-inquiry")
    assert remark_with_message("x" * (MAX_REMARK - 30), "Probefahrt am Samstag?", DAY) is None
    assert remark_with_message("x" * MAX_REMARK, "Probefahrt", DAY) is None
