"""The registry of personal data (DSGVO/GDPR Art. 30): every stored attribute and every S3 prefix,
whether it holds personal data of a prospect or customer, and how the access export (Art. 15)
and erasure (Art. 17) treat it.

Kinds:
  personal  a prospect's or customer's data, or free text that may hold it
  derived   computed from personal data (search tokens, match keys, a folded name in a sort key):
            not exported (it says nothing the personal data does not), erased with its source
  staff     the tenant's users (assignees, actors): their data, not the data subject's
  none      ids, states, times, counters, the tenant's configuration

Erasure:
  delete     the item or value goes
  anonymise  the item stays (its counts and states keep the tenant's figures right) with its
             personal values removed
  expire     kept for a short, fixed time and deleted by the table's TTL or the bucket's lifecycle
  keep       not personal data of the subject: stays

tests/unit/test_personal_data_registry.py fails when a model in store/models.py has an attribute,
a lead's or customer's `data` a field, or store/keys.py an S3 prefix that is not classified here.
"""
from dataclasses import dataclass

PERSONAL, DERIVED, STAFF, NONE = "personal", "derived", "staff", "none"
DELETE, ANONYMISE, EXPIRE, KEEP = "delete", "anonymise", "expire", "keep"


@dataclass(frozen=True)
class Treatment:
    kind: str
    export: bool           # part of the access export (a personal value, or context the subject needs)
    erasure: str
    note: str = ""


def personal(note: str, *, erasure: str = ANONYMISE, export: bool = True) -> Treatment:
    return Treatment(PERSONAL, export, erasure, note)


def derived(note: str, *, erasure: str = DELETE) -> Treatment:
    return Treatment(DERIVED, False, erasure, note)


def staff(note: str = "a user of the tenant", *, export: bool = True) -> Treatment:
    return Treatment(STAFF, export, KEEP, note)


def none(note: str = "", *, export: bool = False) -> Treatment:
    return Treatment(NONE, export, KEEP, note)


ID = none("an id", export=True)
CONTEXT = none("state, time or classification shown with the record", export=True)
INDEX_KEY = none("an index key of tenant, state, time or id")

# ---------------------------------------------------------------- DynamoDB, by model class

_LEAD_INDEX_KEYS = ("recent_pk", "recent_sk", "status_pk", "status_recent_sk", "due_sk", "qualification_pk",
                    "qualification_recent_sk", "qualification_rank_sk", "source_pk", "source_recent_sk",
                    "detail_pk", "detail_recent_sk", "review_pk", "review_sk")

MODELS: dict[str, dict[str, Treatment]] = {
    "LeadItem": {
        "pk": INDEX_KEY, "tenant": ID, "lead_id": ID,
        "data": personal("the prospect, vehicle, remark and consent sections: see LEAD_DATA"),
        "status": CONTEXT, "qualification": CONTEXT, "source": CONTEXT, "source_detail": CONTEXT,
        "assignee": staff(), "channel": CONTEXT, "received_at": CONTEXT, "due_at": CONTEXT,
        "created_at": CONTEXT, "created_by": staff("a user, or the integration or import that sent it"),
        "updated_at": CONTEXT, "updated_by": staff(),
        "tokens": derived("the search tokens written for the lead (folded names, e-mail, phone digits)"),
        "problems": personal("values a sender got wrong, as given", erasure=DELETE),
        "origin": none("where it came from: the raw payload's key, the import and row (Art. 15(1)(g))",
                       export=True),
        "customer_id": ID, "activity_id": ID, "first_contact_at": CONTEXT,
        "escalation": staff("steps taken: who was reminded or notified, reassignments"),
        "forwarding": none("the dealer it was forwarded to, status and reason (a recipient, Art. 15(1)(c))",
                           export=True),
        "forwarded_from": none("the importer and its lead id", export=True),
        "touches": CONTEXT, "last_touch_at": CONTEXT,
        "related_leads": none("ids and makes of the person's other leads", export=True),
        "legal_hold": personal("while the lead is held: the reason (free text that may name people), who put "
                               "the hold and when; retention and erasure leave a held lead alone", erasure=DELETE),
        "version": CONTEXT,
        **{name: INDEX_KEY for name in _LEAD_INDEX_KEYS},
        "assignee_pk": staff("tenant + assignee", export=False),
        "assignee_recent_sk": INDEX_KEY,
        "open_assignee_pk": staff("tenant + assignee", export=False),
        "name_sk": derived("the folded last and first name: the list's order by name"),
    },
    "CustomerItem": {
        "pk": INDEX_KEY, "tenant": ID, "customer_id": ID,
        "data": personal("the person fields: see CUSTOMER_DATA"),
        "external_id": personal("the customer's number in the dealer management system", erasure=DELETE),
        "match_keys": derived("the duplicate check's keys (name, birth date, phone, e-mail blocks)"),
        "problems": personal("values a loading system got wrong, as given", erasure=DELETE),
        "surname_code": derived("phonetic codes of the surname"),
        "tokens": derived("search tokens"),
        "recent_sk": INDEX_KEY, "created_at": CONTEXT, "created_by": staff(), "updated_at": CONTEXT,
        "updated_by": staff(), "version": CONTEXT,
    },
    "MatchKeyItem": {
        "pk": derived("tenant + a match key built from name, birth date, phone or e-mail (or s:{surname code}, "
                      "x:{external id})"),
        "sk": none("a customer id, or the key's head"),
        "v": none("the key's change counter"), "n": none("a counter"), "customer_id": none("a customer id"),
        # Erasure: the customer's member item under each key goes; a head other customers share gets
        # its counter raised (a duplicate check read before is stale), a head it alone had goes (its
        # key spells the person's values); s:{code} and a total shard count one less; x:{id} goes.
    },
    "ActivityItem": {
        "pk": INDEX_KEY, "tenant": ID, "activity_id": ID, "customer_id": ID, "lead_id": ID,
        "type": CONTEXT, "status": CONTEXT, "due_date": CONTEXT, "assignee": staff(),
        "notes": personal("free text about the contact", erasure=DELETE),
        "details": personal("the type's data (a test drive's car and time, an offer)", erasure=DELETE),
        "person": personal("the customer's person fields, copied at creation"),
        "consent_exception": personal("why it was created without the consent its type needs (a documented "
                                      "exception, chalicelib/domain/consents.py)", erasure=DELETE),
        "created_at": CONTEXT, "created_by": staff(), "updated_at": CONTEXT, "updated_by": staff(),
        "version": CONTEXT, "customer_pk": INDEX_KEY, "created_sk": INDEX_KEY,
        "open_pk": staff("tenant + assignee", export=False), "due_sk": INDEX_KEY,
    },
    "ImportItem": {
        "pk": INDEX_KEY, "tenant": ID, "import_id": ID, "status": none(), "key": none("the file's S3 key"),
        "version_id": none("the version of the file the import read"), "file_name": none("the name marketing gave the file"), "content_hash": none(), "counts": none(),
        "rows_done": none(), "owner": none(), "lease_until": none(),
        "report_key": none("the error report's S3 key"),
        "detail": none("why an import stopped (about the file, not a row)"), "kind": none(),
        "defaults": none("source, detail, qualification for rows without"), "created_at": none(),
        "created_sk": INDEX_KEY,
    },
    "SearchTokenItem": {
        "pk": derived("tenant + the token's first letters or digits"),
        "sk": derived("the token (folded word, compact e-mail, phone digits) + entity id"),
        "entity_id": none("a lead's or customer's id"), "received_at": none(),
    },
    "AuditItem": {
        "pk": INDEX_KEY, "sk": INDEX_KEY, "action": CONTEXT, "actor": staff(), "role": CONTEXT,
        "channel": CONTEXT, "at": CONTEXT,
        "changes": personal("fields changed with old and new values (submissions of re-inquiries included); "
                            "erasure keeps the field names and the values of domain/erasure.py NEUTRAL_FIELDS "
                            "(status, qualification, assignee...), removes every other value"),
    },
    "ConsentItem": {
        "pk": INDEX_KEY, "sk": INDEX_KEY, "entry_id": ID,
        "purpose": CONTEXT, "channel": CONTEXT, "state": CONTEXT, "at": CONTEXT, "source": CONTEXT,
        "notice": none("the privacy notice's version or text the person was shown", export=True),
        "ip": personal("a web form's sender address as the server saw it (Art. 7 proof)", erasure=DELETE),
        "given_at": CONTEXT,
        "actor": staff("the user, integration or import that recorded it"), "role": CONTEXT,
        "lead_id": ID,
        "note": personal("free text about the consent (the person's words, a sender's claim)", erasure=DELETE),
    },
    "TenantItem": {
        "tenant": none(), "item": none("settings | user#{id} | source#{key} | link#{tenant} | "
                                       "erasure-request#{id} (ids of another tenant's request: no values) | ..."),
        "data": staff("settings, users (names, e-mail), sources, rules, links: the tenant's, no prospect's",
                      export=False),
        "active": none(), "admins": none(), "turns": none(), "listed": none(), "version": none(),
    },
    "PrincipalItem": {
        "principal": staff("an IAM principal ARN", export=False), "tenant": none(),
        "user": staff(export=False), "role": none(), "name": staff(export=False), "active": none(),
        "version": none(),
    },
    "LocalAccessKeyItem": {
        "access_key_id": none("make run and tests only"), "secret_access_key": none("make run and tests only"),
        "principal": none("make run and tests only"),
    },
    "IdempotencyItem": {
        "pk": none("tenant, principal, operation and the client's key"),
        "request_hash": derived("SHA-256 of the request body", erasure=EXPIRE),
        "status_code": none(),
        "response": personal("the first answer, a copy of the lead as created (read by nobody but a retry); "
                             "erasure replaces it by the lead's id and \"erased\" (found by lead_pk), so that a "
                             "retry is still answered and stores nothing again; else the TTL removes it",
                             erasure=ANONYMISE, export=False),
        "expires_at": none("TTL: a day (API), a week (webhook deliveries)"),
        "lead_pk": INDEX_KEY,
    },
    "RateWindowItem": {"pk": none("tenant, integration, minute"), "n": none(), "expires_at": none()},
    "ContactClaimItem": {
        "pk": derived("tenant + the person's normalised e-mail or phone (until the re-inquiry window ends)"),
        "lead_id": none("the newest lead of that contact"), "expires_at": none("TTL: the re-inquiry window"),
    },
}

# ---------------------------------------------------------------- inside `data`

PERSON = personal("a person field")
PERSON_FIELDS = ("salutation", "title", "first_name", "last_name", "company", "street", "postal_code", "city",
                 "country", "phone", "mobile_phone", "work_phone", "email", "birth_date")

# A lead's `data`: LeadInput's fields without those kept as attributes (services/intake.py TOP_LEVEL).
LEAD_DATA: dict[str, Treatment] = {
    **{name: PERSON for name in PERSON_FIELDS},
    "vehicle": personal("the current vehicle, the next one, the interest: anonymous once the person fields "
                        "are gone", erasure=KEEP),
    "remark": personal("free text", erasure=DELETE),
    "consent": personal("marketing consent per channel, privacy notice, time and IP address (Art. 7), as the "
                        "lead's consent ledger (ConsentItem) has it now", erasure=DELETE),
}
# A customer's `data`: the person fields (services/customers.py CustomerInput); an activity's `person` too.
CUSTOMER_DATA: dict[str, Treatment] = {name: PERSON for name in PERSON_FIELDS}

# ---------------------------------------------------------------- S3, by key prefix (store/keys.py)

S3_PREFIXES: dict[str, Treatment] = {
    "webhooks/": personal("a webhook delivery's body as received; found by the lead's origin.raw_payload "
                          "(and a re-inquiry's, in its audit entry); erasure deletes every version of it (a "
                          "delivery of several people's leads loses its body for all of them)", erasure=DELETE),
    "incoming/": personal("an imported file: many people's rows; the subject's rows are found by the lead's "
                          "origin (import + row) and exported; erasure rewrites a CSV file with those rows (and "
                          "rows naming the subject's e-mail or phone) blanked, so other leads' row numbers stay "
                          "right, and deletes every older version; an XLSX or ADF file is deleted whole. A "
                          "customer-master file's rows are found by the origin in the customer's log (each "
                          "load that created or changed it) and by the customer's number in the file's "
                          "customer-number column, and treated alike. A deleted lead's own rows go at its "
                          "deletion. Files go with the bucket's lifecycle (ImportedFileRetentionDays)"),
    "reports/": personal("an import's error report: rows' original cells; the subject's lines are found by "
                         "import + row (and by the subject's e-mail or phone: a refused row made no lead); "
                         "erasure rewrites the report without them and deletes every older version"),
}


def treatment(model: str, attribute: str) -> Treatment | None:
    return MODELS.get(model, {}).get(attribute)


def s3_treatment(key: str) -> Treatment | None:
    """The treatment of an object by its key's prefix (None: a prefix the registry does not know)."""
    return next((t for prefix, t in S3_PREFIXES.items() if key.startswith(prefix)), None)
