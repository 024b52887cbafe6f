"""The demo tenant: a Viennese dealer with one principal per role, a source catalog, 50 leads (and
four imperfect ones) and a customer master of about 100 customers, some of whom the leads are from."""
import datetime as dt
import random

from chalicelib.domain.lead import LeadInput
from chalicelib.domain.permissions import Caller
from chalicelib.services import intake
from chalicelib.services.tenants import load_tenant
from chalicelib.validation import validate

from .provision import provision_tenant

TENANT = "demo-autohaus"
USERS = {
    "admin": ("e.gruber", "admin"),
    "sales_manager": ("m.steiner", "sales_manager"),
    "sales_rep": ("l.huber", "sales_rep"),
    "sales_rep_2": ("k.bauer", "sales_rep"),
    "integration": ("website", "integration"),
    "auditor": ("p.wagner", "auditor"),
}
SOURCES = {
    "Vienna Autoshow": ["Vienna Autoshow 2017", "Vienna Autoshow 2026"],
    "Website": ["Kontaktformular", "Probefahrt-Formular"],
    "Google Ads": ["Lead Form Extension"],
    "Gewinnspiel": ["Sommer-Gewinnspiel 2026"],
    "Walk-in": [],
}
FIRST = [("Anna", "ms"), ("Lukas", "mr"), ("Katharina", "ms"), ("Maximilian", "mr"), ("Sophie", "ms"),
         ("Florian", "mr"), ("Lena", "ms"), ("Tobias", "mr"), ("Julia", "ms"), ("Stefan", "mr"),
         ("Elisabeth", "ms"), ("Johannes", "mr"), ("Barbara", "ms"), ("Matthias", "mr"),
         ("Verena", "ms"), ("Jürgen", "mr"), ("Ursula", "ms"), ("Günther", "mr"), ("Birgit", "ms"),
         ("Wolfgang", "mr")]
LAST = ["Gruber", "Huber", "Bauer", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer",
        "Hofer", "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber",
        "Schwarz", "Maier", "Reiter", "Mayr", "Wimmer", "Egger", "Brunner", "Baumgartner", "Köhler",
        "Schäfer", "Groß", "Weiß", "Krüger", "Lechner", "Aigner", "Haas"]
PLACES = [
    ("AT", "1070", "Wien", "Mariahilfer Straße"), ("AT", "1030", "Wien", "Landstraßer Hauptstraße"),
    ("AT", "1100", "Wien", "Favoritenstraße"), ("AT", "1020", "Wien", "Praterstraße"),
    ("AT", "1090", "Wien", "Währinger Straße"), ("AT", "8010", "Graz", "Herrengasse"),
    ("AT", "4020", "Linz", "Landstraße"), ("AT", "5020", "Salzburg", "Getreidegasse"),
    ("AT", "6020", "Innsbruck", "Maria-Theresien-Straße"), ("AT", "2340", "Mödling", "Hauptstraße"),
    ("DE", "80331", "München", "Kaufingerstraße"), ("DE", "10117", "Berlin", "Friedrichstraße"),
    ("DE", "20095", "Hamburg", "Mönckebergstraße"), ("DE", "50667", "Köln", "Hohe Straße"),
]
MODELS = [("Volkswagen", ["Golf", "Tiguan", "ID.4", "Passat"]), ("Škoda", ["Octavia", "Kodiaq", "Enyaq"]),
          ("Audi", ["A4", "Q5", "e-tron GT"]), ("SEAT", ["Leon", "Ibiza"]), ("CUPRA", ["Formentor", "Born"])]
MOBILE_PREFIX = {"AT": ["+43664", "+43650", "+43676", "+43699"], "DE": ["+49151", "+49160", "+49171"]}


def _lead(rng: random.Random, i: int, now: dt.datetime) -> tuple[dict, str]:
    first, salutation = rng.choice(FIRST)
    last = rng.choice(LAST)
    country, postal, city, street = rng.choice(PLACES)
    number = f"{rng.randint(1, 180)}/{rng.randint(1, 12)}/{rng.randint(1, 30)}" if country == "AT" and rng.random() < 0.5 else str(rng.randint(1, 180))
    make, models = rng.choice(MODELS)
    source = rng.choice(list(SOURCES))
    details = SOURCES[source]
    digits = 7 if country == "AT" else 8
    lead = {
        "salutation": salutation, "first_name": first, "last_name": last,
        "title": rng.choice([None] * 8 + ["Mag.", "Dr.", "DI", "Ing."]),
        "street": f"{street} {number}", "postal_code": postal, "city": city, "country": country,
        "phone": rng.choice(MOBILE_PREFIX[country]) + "".join(str(rng.randint(0, 9)) for _ in range(digits)),
        "email": f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.at".replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss"),
        "birth_date": dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
        "qualification": rng.choices(["hot", "warm", "cold", "junk"], [3, 4, 2, 1])[0],
        "source": source, "source_detail": rng.choice(details) if details else None,
        "received_at": (now - dt.timedelta(days=rng.uniform(0, 21))).isoformat(),
        "vehicle": {
            "current": {"make": rng.choice(["Opel", "Ford", "Toyota", "Renault"]), "model": rng.choice(["Astra", "Focus", "Corolla", "Clio"]),
                        "year": rng.randint(2008, 2022), "mileage_km": rng.randint(20, 220) * 1000},
            "next": {"purchase": rng.choice(["new", "used"]), "usage": rng.choice(["buy", "leasing"]),
                     "financing": rng.choice(["cash", "loan", "leasing", "undecided"]),
                     "timeframe": rng.choice(["immediately", "within_3_months", "within_6_months"])},
            "interest": {"make": make, "models": rng.sample(models, k=rng.randint(1, 2)),
                         "price": rng.randint(25, 90) * 1000, "currency": "EUR",
                         "brochure": rng.random() < 0.5, "test_drive": rng.random() < 0.6,
                         "offer": rng.random() < 0.4, "purchase": rng.random() < 0.2,
                         "accessories_catalogue": rng.random() < 0.1},
        },
        "remark": rng.choice([None, "Bitte nur abends anrufen.", "Interesse an Inzahlungnahme.",
                              "Hat am Stand eine Probefahrt vereinbart.", "Rückruf erwünscht."]),
        "assignee": rng.choice([None, None, "l.huber", "k.bauer"]),
    }
    channel = {"Vienna Autoshow": "import", "Gewinnspiel": "import", "Website": "webhook",
               "Google Ads": "webhook"}.get(source, "api")
    return {k: v for k, v in lead.items() if v is not None}, channel


PERSON = ("salutation", "title", "first_name", "last_name", "street", "postal_code", "city", "country",
          "phone", "email", "birth_date")


def _customer_of(rng: random.Random, lead: dict, n: int) -> dict:
    """The customer the dealer system already has for a returning prospect: same person, its own
    spelling and some older data (another phone, the street written out differently)."""
    customer = {k: lead[k] for k in PERSON if k in lead}
    customer["external_id"] = f"DMS-{10000 + n}"
    if "Straße" in customer.get("street", ""):
        customer["street"] = customer["street"].replace("Straße", "Str.")
    if rng.random() < 0.5:
        customer.pop("phone", None)
    if rng.random() < 0.5:
        customer["email"] = customer["email"].upper()
    return customer


# A few submissions as senders really make them: a typo in the e-mail next to a good phone, a
# German mobile number without country, a town in the postal code field, a note after the number.
IMPERFECT = [
    {"first_name": "Jana", "last_name": "Köhler", "email": "jana.koehler@gmx,at", "phone": "0664 2345678",
     "remark": "Bitte Rückruf wegen Probefahrt"},
    {"first_name": "Tim", "last_name": "Brandt", "phone": "0151 23456789", "remark": "Interesse am ID.4"},
    {"salutation": "keine Angabe", "first_name": "Sabine", "last_name": "Lechner", "postal_code": "1100 Wien",
     "street": "Favoritenstraße 12", "phone": "+43 699 1234567 (ab 17 Uhr)"},
    {"last_name": "Novak", "phone": "0664 123", "email": "novak@example.at", "birth_date": "31.02.1985"},
]


def _store(caller: Caller, payload: dict, channel: str) -> None:
    """A demo lead through the one intake, as its channel would bring it when it was received (the
    demo is a history as it was lived: leads overdue since, not an old list imported today)."""
    tenant = load_tenant(TENANT)
    lead = validate(LeadInput, payload, {"country": tenant.country, "tenant_kind": tenant.kind, "problems": []})
    now = lead.received_at or dt.datetime.now(dt.timezone.utc)
    intake.store(intake.build(caller, tenant, intake.admit_person(tenant, lead), channel=channel, now=now))


def seed_demo(keys: dict | None = None, leads: int = 50, other_customers: int = 80) -> dict:
    """Provision the demo tenant, its leads and a customer master; returns the credentials by role.

    Every third lead is a returning customer (the dealer system's master has the person), and the
    first of those are assigned to the demo sales rep, so a rep can convert leads all three ways.
    """
    from chalicelib.services.customers import bulk_load
    credentials = provision_tenant(TENANT, name="Autohaus Gruber GmbH", country="AT", subdivision="9",
                                   users=USERS, sources=SOURCES, keys=keys)
    manager = credentials["sales_manager"]
    caller = Caller(TENANT, manager["user"], manager["role"], manager["principal"])
    rng = random.Random(2017)
    now = dt.datetime.now(dt.timezone.utc)
    customers = []
    for i in range(leads):
        payload, channel = _lead(rng, i, now)
        if i % 3 == 0:
            customers.append(_customer_of(rng, payload, i))
            payload["assignee"] = "l.huber" if i < 24 else payload.get("assignee")
        elif i % 3 == 1 and i < 24:
            payload["assignee"] = "l.huber"
        _store(caller, payload, channel)
    for fields in IMPERFECT:                 # what web forms and fair lists really send: kept, flagged
        admitted = intake.admit_machine(intake.Book(load_tenant(TENANT)), fields,
                                        defaults=intake.Defaults("Website", "Kontaktformular"))
        intake.store(intake.build(Caller(TENANT, "website", "integration", "demo"), load_tenant(TENANT), admitted,
                                  channel="webhook", now=now))
    for n in range(other_customers):
        person, _ = _lead(rng, 1000 + n, now)
        customers.append({"external_id": f"DMS-{20000 + n}", **{k: person[k] for k in PERSON if k in person}})
    admin = credentials["admin"]
    bulk_load(Caller(TENANT, admin["user"], admin["role"], admin["principal"]), customers, channel="import")
    return credentials


# ---------------------------------------------------------------- an importer and its dealers

IMPORTER = "demo-importeur"
GRAZ = "demo-autohaus-graz"
IMPORTER_USERS = {
    "admin": ("a.koller", "admin"),
    "sales_manager": ("s.brandner", "sales_manager"),
    "sales_rep": ("t.lang", "sales_rep"),
    "sales_rep_2": ("n.frank", "sales_rep"),
    "integration": ("website", "integration"),
    "auditor": ("r.fink", "auditor"),
}
IMPORTER_SOURCES = {
    "Google Ads": ["Lead Form Extension"],
    "Website": ["Händlersuche", "Kontaktformular"],
    "mobile.de": ["Händleranfrage"],
    "Vienna Autoshow": ["Vienna Autoshow 2026"],
}
GRAZ_USERS = {
    "admin": ("h.pail", "admin"),
    "sales_manager": ("g.reiter", "sales_manager"),
    "sales_rep": ("c.kern", "sales_rep"),
    "sales_rep_2": ("d.wolf", "sales_rep"),
    "integration": ("website", "integration"),
    "auditor": ("i.lenz", "auditor"),
}
# The dealer numbers the importer's forms and portals carry for each dealer (Google's preferred
# dealership, ADF's vendor), besides the dealer's id and name.
DEALER_CODES = {TENANT: ["AT-1001", "Autohaus Gruber"], GRAZ: ["AT-8001", "Autohaus Steirer"]}
MARKET_AREAS = [{"dealer": TENANT, "postal_codes": ["1*"], "country": "AT"},
                {"dealer": GRAZ, "postal_codes": ["8*"], "country": "AT"}]
FORWARD_RULE = {"id": "haendlerkontakt", "name": "Händlerkontakt: an den Händler weiterleiten",
                "target": {"kind": "forward"}}
# The importer's own leads: two ask for a dealer in Graz (forwarded there as they arrive), one in
# Linz (no market area: it stays in the importer's pool, the log says why), three want a brochure.
IMPORTER_LEADS = [
    ("Martina", "Hofbauer", "8010", "Graz", True), ("Peter", "Url", "8020", "Graz", True),
    ("Sandra", "Kogler", "4020", "Linz", True), ("Thomas", "Resch", "5020", "Salzburg", False),
    ("Monika", "Pölzl", "1050", "Wien", False), ("Andreas", "Zach", "6020", "Innsbruck", False),
]


def seed_importer(keys: dict | None = None) -> dict:
    """The importer "Auto Import Austria GmbH" and a second dealer in Graz, linked from both sides
    with each other and with the demo dealer; the importer's market areas and its forward rule.
    Returns the credentials by tenant, then role. Nothing is forwarded to the demo dealer here (its
    leads stay as seeded): the walkthrough sends one."""
    from chalicelib.domain.forwarding import LinkInput, MarketAreasInput
    from chalicelib.services import assignment, links
    keys = keys or {}
    credentials = {
        IMPORTER: provision_tenant(IMPORTER, name="Auto Import Austria GmbH", country="AT", subdivision="9",
                                   kind="importer", users=IMPORTER_USERS, sources=IMPORTER_SOURCES,
                                   keys=keys.get(IMPORTER)),
        GRAZ: provision_tenant(GRAZ, name="Autohaus Steirer Graz", country="AT", subdivision="6", users=GRAZ_USERS,
                               sources={"Website": ["Kontaktformular"], "Walk-in": []}, keys=keys.get(GRAZ)),
    }
    admin = _caller(credentials[IMPORTER]["admin"])
    for dealer, codes in DEALER_CODES.items():
        links.put_link(admin, dealer, "dealer", LinkInput(codes=codes))
        dealer_admin = credentials[GRAZ]["admin"] if dealer == GRAZ else None
        dealer_caller = _caller(dealer_admin) if dealer_admin else Caller(dealer, USERS["admin"][0], "admin", "seed")
        links.put_link(dealer_caller, IMPORTER, "importer", None)
    links.put_market_areas(admin, MarketAreasInput(areas=MARKET_AREAS, version=0), None)
    assignment.put_rules(admin, assignment.RulesInput(rules=[FORWARD_RULE], version=0), None)
    tenant = load_tenant(IMPORTER)
    manager = _caller(credentials[IMPORTER]["sales_manager"])
    now = dt.datetime.now(dt.timezone.utc)
    for n, (first, last, postal, city, dealer_contact) in enumerate(IMPORTER_LEADS):
        payload = {"first_name": first, "last_name": last, "postal_code": postal, "city": city, "country": "AT",
                   "email": f"{first.lower()}.{last.lower().replace('ö', 'oe')}@example.at", "qualification": "warm",
                   "source": "Website", "source_detail": "Händlersuche" if dealer_contact else "Kontaktformular",
                   "received_at": (now - dt.timedelta(hours=3 * n + 1)).isoformat(),
                   "vehicle": {"interest": {"make": "Volkswagen", "models": ["ID.4"], "dealer_contact": dealer_contact,
                                            "brochure": not dealer_contact}}}
        lead = validate(LeadInput, payload, {"country": tenant.country, "tenant_kind": tenant.kind, "problems": []})
        intake.store(intake.build(manager, tenant, intake.admit_person(tenant, lead), channel="api", now=now,
                                  reinquiry=False))
    return credentials


def _caller(creds: dict) -> Caller:
    return Caller(creds["tenant"], creds["user"], creds["role"], creds["principal"])
