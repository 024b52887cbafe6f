"""The demo tenant: a Viennese dealer with one principal per role, a source catalog, 50 leads and
a customer master of about 100 customers, some of whom the leads are from."""
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
    """A demo lead through the one intake, as its channel would bring it."""
    tenant = load_tenant(TENANT)
    lead = validate(LeadInput, payload, {"country": tenant.country, "tenant_kind": tenant.kind, "problems": []})
    now = dt.datetime.now(dt.timezone.utc)
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
