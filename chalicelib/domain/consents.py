"""The consent ledger's rules (DSGVO/GDPR Art. 7, UWG § 7, TKG § 174): purposes, channels and
sources, a person's current state, what a new lead records, and which activity needs which consent.

Purposes:
  marketing       advertising by one channel (email, phone, sms, post): only with the person's grant
  dealer_contact  the tenant's sales staff contact the person about what they asked for
  data_transfer   the person's data go to a dealer (an importer's lead that asks for a dealer's contact)

Decisions:
- An inquiry asks to be answered: every new lead records a `dealer_contact` grant (its source the
  channel's), so that a rep may call back the person who asked, by any channel, and the conversion's
  follow-up activity needs nothing more. Not a sweepstake entry (source or detail Gewinnspiel):
  taking part in a prize draw asks for no sales call, so such a lead is contacted only with a
  marketing grant (and marked without one), unless it asks for a dealer's contact in so many words.
- Marketing is recorded exactly as given: a grant per ticked channel, nothing for an unticked box (an
  unticked box withdraws nothing the person granted before).
- An importer's lead asking for a dealer's contact also records `data_transfer`: passing it on is
  what the person asked for. The dealer's copy records its own `dealer_contact` (source forwarding);
  marketing consent stays with the importer it was given to.
- The latest entry (by server time) of a purpose and channel is its state; a withdrawal counts from
  the moment it is stored.
"""
from collections.abc import Iterable

from .text import words

PURPOSES = ("marketing", "dealer_contact", "data_transfer")
CHANNELS = ("email", "phone", "sms", "post")
STATES = ("granted", "withdrawn")
GRANTED, WITHDRAWN = STATES
SOURCES = ("form", "file", "api", "in_person", "workspace", "conversion", "forwarding")
# What a person records through the API (the others are leadflow's own).
RECORDING_SOURCES = ("in_person", "workspace", "api")
# The source of a new lead's entries, by the channel it came through.
SOURCE_OF_CHANNEL = {"webhook": "form", "import": "file", "api": "api", "forward": "forwarding"}

# The activity types that reach the person through a channel, and which; a tenant's setting
# `consent_channels` adds its own types (it cannot take one of these away).
ACTIVITY_CHANNELS = {"call": "phone", "email": "email", "letter": "post", "sms": "sms"}

# Words of a source or detail that name a prize draw.
SWEEPSTAKE_WORDS = frozenset({"gewinnspiel", "gewinnspiele", "preisausschreiben", "verlosung", "sweepstake",
                              "sweepstakes", "giveaway", "raffle"})


def key_of(purpose: str, channel: str | None) -> str:
    """A purpose's name in the current state: marketing_email, ..., dealer_contact, data_transfer."""
    return f"{purpose}_{channel}" if purpose == "marketing" else purpose


ALL_KEYS = tuple([key_of("marketing", c) for c in CHANNELS] + ["dealer_contact", "data_transfer"])


def current(entries: Iterable[dict]) -> dict[str, bool]:
    """Each purpose (and channel) granted or not, by its latest entry; entries oldest first."""
    state = dict.fromkeys(ALL_KEYS, False)
    for entry in sorted(entries, key=lambda e: (e["at"], e.get("id") or "")):
        state[key_of(entry["purpose"], entry.get("channel"))] = entry["state"] == GRANTED
    return state


def snapshot(previous: dict | None, entries: list[dict]) -> dict | None:
    """The lead's `consent` section as the ledger has it now (what the lead view shows): each
    channel's state, and the privacy notice, time and address of the latest marketing grant. None for
    a lead whose ledger never had a marketing entry and that had no section."""
    marketing = [e for e in sorted(entries, key=lambda e: (e["at"], e.get("id") or "")) if e["purpose"] == "marketing"]
    if not marketing and not previous:
        return None
    state = current(entries)
    section = {**(previous or {}), **{key_of("marketing", c): state[key_of("marketing", c)] for c in CHANNELS}}
    grants = [e for e in marketing if e["state"] == GRANTED]
    if grants:
        latest = grants[-1]
        section.update({"privacy_notice_version": (latest.get("notice") or "")[:50] or section.get("privacy_notice_version"),
                        "given_at": latest.get("given_at") or latest["at"], "ip": latest.get("ip")})
    return {k: v for k, v in section.items() if v is not None}


def has_marketing(consent: dict | None) -> bool:
    """Whether a lead's consent section grants marketing on any channel."""
    return any((consent or {}).get(key_of("marketing", c)) for c in CHANNELS)


def is_sweepstake(source: str | None, detail: str | None) -> bool:
    """A lead from a prize draw (Gewinnspiel): its source or detail says so."""
    return any(w in SWEEPSTAKE_WORDS for w in words(" ".join(v for v in (source, detail) if v)))


def sweepstake_without_consent(lead) -> bool:
    """A sweepstake lead whose person has not granted marketing on any channel: not to be
    contacted for sales until they do (the lead view's marker and the list's filter)."""
    return is_sweepstake(lead.source, lead.source_detail) and not has_marketing((lead.data or {}).get("consent"))


def marketing_grants(consent: dict | None, *, channel: str) -> list[dict]:
    """A submission's marketing grants: one per ticked channel, with the privacy notice and proof."""
    consent = consent or {}
    source = SOURCE_OF_CHANNEL[channel]
    notice = consent.get("privacy_notice_version")
    # A web form's time and address are the server's (services/webhooks.py; the sender's claim is in
    # the remark); a file's or an API sender's are what it states, kept as such.
    proof = {"notice": notice, "ip": consent.get("ip")}
    note = None
    if source != "form":
        proof["given_at"] = consent.get("given_at")
        if consent.get("ip") or consent.get("given_at"):
            note = "time and address as the sender stated them"
    return [{"purpose": "marketing", "channel": c, "state": GRANTED, "source": source, **proof, "note": note}
            for c in CHANNELS if consent.get(key_of("marketing", c))]


def initial_entries(consent: dict | None, *, channel: str, sweepstake: bool, wants_dealer: bool,
                    importer: bool) -> list[dict]:
    """What a new lead's ledger starts with, from the submission's consent section (server-stamped
    for a web form: services/webhooks.py): one grant per ticked marketing channel, dealer contact
    for an inquiry (a sweepstake entry only when it asks for a dealer's contact, or was forwarded as
    such), data transfer for an importer's lead asking for a dealer."""
    source = SOURCE_OF_CHANNEL[channel]
    notice = (consent or {}).get("privacy_notice_version")
    entries = marketing_grants(consent, channel=channel)
    if not sweepstake or wants_dealer or channel == "forward":
        why = ("forwarded by the importer: the person asked for a dealer's contact" if channel == "forward"
               else "the inquiry: the person asked to be answered")
        entries.append({"purpose": "dealer_contact", "channel": None, "state": GRANTED, "source": source,
                        "notice": notice, "note": why})
    if importer and wants_dealer:
        entries.append({"purpose": "data_transfer", "channel": None, "state": GRANTED, "source": source,
                        "notice": notice, "note": "the inquiry asks for a dealer's contact"})
    return entries


def activity_channel(activity_type: str, extra: dict | None = None) -> str | None:
    """The channel an activity reaches the person by (it then needs consent), or None."""
    return {**(extra or {}), **ACTIVITY_CHANNELS}.get(activity_type)


def permits(state: dict[str, bool], channel: str) -> bool:
    """Whether the person may be reached by this channel: marketing by it, or dealer contact."""
    return state.get(key_of("marketing", channel), False) or state.get("dealer_contact", False)
