"""ADF XML reader: Auto-lead Data Format 1.0 feeds, one lead per <prospect>, parsed defused.

Real feeds start with `<?adf version="1.0"?>` or the spec's own `<?ADF VERSION "1.0"?>` (often
before, or instead of, the XML declaration, which XML forbids): the prolog is rebuilt before
parsing. Entity declarations are refused (XXE, billion laughs); a DOCTYPE naming the ADF DTD
(`<!DOCTYPE adf SYSTEM "adf.dtd">`, which some senders write) is read past, never fetched. Elements the mapping
does not use are appended to the remark as "path: value", so nothing of a lead is lost.
Elements nested deeper than MAX_DEPTH are dropped while parsing and reported on their prospect:
ADF needs five levels, and the walks over a prospect's elements recurse once per level. Nesting
beyond MAX_OPEN_ELEMENTS stops the reading (the parser holds every open element in memory).
defusedxml is imported when a document is parsed, not with the app.
"""
import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from ..domain.names import NameParts, split_full_name
from .columns import put
from .rows import FileFormatError, ImportRow, LeadFile, UnsafeXmlError, row_error
from .values import (
    parse_code, parse_country, parse_datetime, parse_financing, parse_number, parse_purchase,
    parse_text, parse_whole_number, parse_year,
)

HEAD_BYTES = 64 * 1024
KM_PER_MILE = 1.609344
MAX_DEPTH = 32                    # levels below <adf>; deeper content cannot be read
MAX_OPEN_ELEMENTS = 10_000        # the parser holds every open element: beyond this, reading stops
LABEL_CHARS = 100                 # of the path of an element too deep, what its error names
_PROLOG_ITEM = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_ENCODING = re.compile(rb"encoding\W*?([A-Za-z][\w.:-]*)", re.IGNORECASE)
_ADF_VERSION = re.compile(rb"<\?adf\W+version\W*?([0-9][0-9.]*)", re.IGNORECASE)
_TRADE_IN = ("trade-in", "sell")
_NOT_A_PHONE = ("fax", "pager")
_CURRENCIES = ("EUR", "CHF")


def open_adf(stream: BinaryIO, *, start_after: int = 0) -> LeadFile:
    """Open an ADF document (a binary file-like object; only read(n) is used).

    The prolog and the root element are read at once: entity declarations raise UnsafeXmlError, a document
    that is not ADF raises FileFormatError. Prospects are then read one at a time.
    """
    from defusedxml.ElementTree import iterparse

    raw = stream.read(HEAD_BYTES)
    if wide := wide_encoding(raw):
        # UTF-16 or UTF-32 (Windows tools write them): read as UTF-8 from here on, as declared then.
        stream = _Transcoded(raw, stream, wide)
        raw = stream.read(HEAD_BYTES)
    head, details = clean_prolog(raw, transcoded=wide)
    events = _guarded(iterparse(_Chained(head, stream), events=("start", "end"), forbid_dtd=False,
                                forbid_entities=True, forbid_external=True))
    event, root = next(events, (None, None))
    if root is None or _name(root) != "adf":
        found = f"<{_name(root)}>" if root is not None else "nothing"
        raise FileFormatError(f"not an ADF file: the root element is {found}, expected <adf>")
    return LeadFile("adf", _prospects(events, root, start_after), details=details)


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
               (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_WIDE_STARTS = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 by its byte order mark, or by a first '<' (XML 1.0, appendix F)."""
    for mark, name in _WIDE_BOMS + _WIDE_STARTS:
        if head.startswith(mark):
            return name
    return None


class _Transcoded:
    """A UTF-16/32 stream read as UTF-8 bytes, a piece at a time (its BOM dropped)."""

    def __init__(self, head: bytes, stream: BinaryIO, encoding: str):
        self._pending, self._stream = head, stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._first, self._done = True, False

    def read(self, size: int = -1) -> bytes:
        if self._done:
            return b""
        data = self._pending + self._stream.read(size if size and size > 0 else -1)
        self._pending = b""
        text = self._decoder.decode(data, final=not data)
        if self._first:
            text, self._first = text.removeprefix("\ufeff"), False
        if not data:
            self._done = True
        return text.encode("utf-8") if text or not data else self.read(size)


def clean_prolog(head: bytes, *, transcoded: str | None = None) -> tuple[bytes, dict]:
    """The first bytes with every processing instruction and comment before the root element
    replaced by one well-formed XML declaration that keeps the declared encoding (UTF-8 for a
    document `transcoded` from UTF-16/32, whose declaration named that)."""
    details: dict = {"version": None, "encoding": "utf-8"}
    encoding = "utf-8" if transcoded else None
    if head.startswith(codecs.BOM_UTF8):
        head, encoding = head[len(codecs.BOM_UTF8):], "utf-8"
    position = 0
    while match := _PROLOG_ITEM.match(head, position):
        item = match.group(1)
        if version := _ADF_VERSION.match(item):
            details["version"] = version.group(1).decode("ascii")
        elif item.startswith(b"<?") and (declared := _ENCODING.search(item)):
            encoding = encoding or declared.group(1).decode("ascii")
        position = match.end()
    if encoding:
        try:
            details["encoding"] = codecs.lookup(encoding).name
        except LookupError:
            raise FileFormatError(f"unknown encoding {encoding!r} in the XML declaration") from None
    declaration = f'<?xml version="1.0" encoding="{details["encoding"]}"?>'.encode("ascii")
    if transcoded:
        details["encoding"] = codecs.lookup(transcoded).name         # what the file was written in
    return declaration + head[position:], details


class _Chained:
    """The cleaned head, then the rest of the stream."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head, self._stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            data, self._head = self._head, b""
            return data
        return self._stream.read(size)


def _guarded(events: Iterator) -> Iterator:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError

    try:
        yield from events
    except DefusedXmlException:
        raise UnsafeXmlError("entity declarations in a DTD are not allowed in ADF files "
                             "(they enable XXE and entity-expansion attacks)") from None
    except ParseError as exc:
        raise FileFormatError(f"not well-formed XML: {exc}") from None


def _name(element) -> str:
    return element.tag.rsplit("}", 1)[-1].lower()


def _prospects(events: Iterator, root, start_after: int) -> Iterator[ImportRow]:
    open_elements, number = [root], 0
    too_deep: list[dict] = []     # of the prospect being read: where content was dropped
    for event, element in events:
        if event == "start":
            open_elements.append(element)
            if len(open_elements) > MAX_OPEN_ELEMENTS:
                raise FileFormatError(f"elements nested more than {MAX_OPEN_ELEMENTS:,} levels deep: "
                                      "this is no ADF document")
            continue
        open_elements.pop()
        depth = len(open_elements)  # of the element that ended: <adf>'s children are at 1
        if depth > MAX_DEPTH:
            # Dropped as soon as it ends, so that neither memory nor any walk below grows
            # with the nesting; its prospect keeps what it holds above this depth.
            parent = open_elements[-1]
            parent.remove(element)
            if depth == MAX_DEPTH + 1:
                too_deep.append(_too_deep(open_elements[2:]))
        elif depth == 1:
            if _name(element) == "prospect":
                number += 1
                if number > start_after:
                    yield _Prospect(element).row(number, too_deep)
                root.remove(element)  # keep memory flat however many prospects follow
            too_deep = []           # reported with its prospect; outside one, on none


def _too_deep(ancestors: list) -> dict:
    """The error of content nested beyond MAX_DEPTH, naming the element it was dropped from."""
    label = "/".join(map(_name, ancestors))
    if len(label) > LABEL_CHARS:
        label = label[:LABEL_CHARS] + "…"
    return row_error(None, label, f"nested deeper than {MAX_DEPTH} levels: what lies deeper was "
                     "not read")


class _Prospect:
    """One <prospect> read into the lead fields; tracks which elements the mapping used."""

    def __init__(self, element):
        self.element = element
        self.used: set = set()
        self.fields: dict = {}
        self.errors: list[dict] = []

    def row(self, number: int, errors: list[dict] = ()) -> ImportRow:
        self.errors.extend(errors)
        self.used.update(self.all("id"))  # kept in raw only
        self.read("received_at", parse_datetime, self.first(self.element, "requestdate"))
        self._vehicles()
        self._customer()
        self._provider()
        self._vendor()
        remark = [self.take(c) for c in self.all("customer", "comments")]
        remark += [f"{path}: {text}" for path, text in self._unused(self.element, "")]
        if any(remark):
            self.fields["remark"] = "\n".join(filter(None, remark))
        return ImportRow(number, self.fields, _flatten(self.element), self.errors)

    # -- the sections of a prospect

    def _vehicles(self) -> None:
        interest = current = None
        for vehicle in self.all("vehicle"):
            kind = (vehicle.get("interest") or "buy").lower()
            if kind in _TRADE_IN and current is None:
                current = vehicle
                self._current_vehicle(vehicle)
            elif kind not in _TRADE_IN and interest is None:
                interest = vehicle
                self._interest_vehicle(vehicle, kind)
            elif kind not in _TRADE_IN and self._same_make(interest, vehicle):
                # Further vehicles of the same make: more models of one interest.
                model = self.first(vehicle, "model")
                if model is not None and self.text(model):
                    interest_fields = self.fields.setdefault("vehicle", {}).setdefault("interest", {})
                    interest_fields.setdefault("models", []).append(self.take(model))
                    self.used.add(self.first(vehicle, "make"))

    def _interest_vehicle(self, vehicle, kind: str) -> None:
        self.read("vehicle.interest.make", parse_text, self.first(vehicle, "make"))
        model = self.first(vehicle, "model")
        if model is not None and self.text(model):
            put(self.fields, "vehicle.interest.models", [self.take(model)])
        price = self.first(vehicle, "price")
        currency = (price.get("currency") or "EUR").upper() if price is not None else None
        if currency in _CURRENCIES and self.text(price):  # other currencies stay in the remark
            self.read("vehicle.interest.price", parse_number, price)
            put(self.fields, "vehicle.interest.currency", currency)
        if vehicle.get("status"):
            self.read_value("vehicle.next.purchase", parse_purchase, vehicle.get("status"), "vehicle@status")
        if kind in ("buy", "lease"):
            put(self.fields, "vehicle.next.usage", "leasing" if kind == "lease" else "buy")
        if kind == "test-drive":
            put(self.fields, "vehicle.interest.test_drive", True)
        self.read("vehicle.next.financing", parse_financing, self.first(vehicle, "finance", "method"))

    def _current_vehicle(self, vehicle) -> None:
        self.read("vehicle.current.make", parse_text, self.first(vehicle, "make"))
        self.read("vehicle.current.model", parse_text, self.first(vehicle, "model"))
        self.read("vehicle.current.year", parse_year, self.first(vehicle, "year"))
        odometer = self.first(vehicle, "odometer")
        miles = odometer is not None and (odometer.get("units") or "km").lower() in ("mi", "miles")
        self.read("vehicle.current.mileage_km",
                  lambda v: round(parse_whole_number(v) * (KM_PER_MILE if miles else 1)), odometer)

    def _customer(self) -> None:
        contact = self.first(self.element, "customer", "contact")
        if contact is None:
            return
        self._names(self.children(contact, "name"))
        self.read("email", parse_text, self.first(contact, "email"))
        phones = [p for p in self.children(contact, "phone")
                  if (p.get("type") or "voice").lower() not in _NOT_A_PHONE]
        self.read("phone", parse_code, phones[0] if phones else None)
        address = self.first(contact, "address")
        if address is None:
            return
        lines = sorted(self.children(address, "street"), key=lambda s: s.get("line") or "1")
        lines += self.children(address, "apartment")
        if lines:
            put(self.fields, "street", ", ".join(filter(None, map(self.take, lines))))
        self.read("city", parse_text, self.first(address, "city"))
        self.read("postal_code", parse_code, self.first(address, "postalcode"))
        self.read("country", parse_country, self.first(address, "country"))

    def _names(self, names: list) -> None:
        """<name part="first|middle|last|full">; a full name is split by split_full_name, a
        business's name (type="business", or "Firma ...") stays whole as the company."""
        parts: dict[str, list] = {}
        for name in names:
            part = (name.get("part") or "full").lower()
            if part in ("first", "middle", "last", "full") and self.text(name):
                if part == "full" and (name.get("type") or "").lower() == "business":
                    part = "business"
                parts.setdefault(part, []).append(name)
        first = [self.take(n) for n in parts.get("first", []) + parts.get("middle", [])]
        last = [self.take(n) for n in parts.get("last", [])]
        company = [self.take(n) for n in parts.get("business", [])]
        person = NameParts()
        for full in parts.get("full", []):
            split = split_full_name(self.text(full))
            if split.salutation == "company" and split.last_name and not company:
                company.append(split.last_name)
            elif split.salutation != "company" and not last and not person.last_name:
                person = split
            else:
                continue  # a second whole name stays in the remark
            self.take(full)
        first_name = " ".join(first) or (None if last else person.first_name)
        last_name = " ".join(last) or person.last_name
        for path, value in (("salutation", person.salutation), ("title", person.title),
                            ("first_name", first_name), ("last_name", last_name),
                            ("company", " ".join(company))):
            if value:
                put(self.fields, path, value)
        if company and not first_name and not last_name:
            put(self.fields, "salutation", "company")

    def _provider(self) -> None:
        provider = self.first(self.element, "provider")
        if provider is None:
            return
        self.read("source", parse_text, self.first(provider, "name"))
        self.read("source_detail", parse_text, self.first(provider, "service"))
        self.used.add(provider)  # its URL, e-mail and phone describe the provider, not the lead

    def _vendor(self) -> None:
        """The dealer the prospect chose: its number (<id>), else its name. Read for an importer's
        forwarding (services/forwarding.py) and, as the sender wrote it, kept in the remark too."""
        vendor = self.first(self.element, "vendor")
        if vendor is None:
            return
        chosen = next((e for e in (self.first(vendor, "id"), self.first(vendor, "vendorname"))
                       if e is not None and self.text(e)), None)
        if chosen is not None:
            self.read_value("vehicle.interest.preferred_dealer", parse_text, self.text(chosen),
                            _label(self.element, chosen))

    # -- helpers

    def all(self, *path: str) -> list:
        found = [self.element]
        for name in path:
            found = [c for parent in found for c in self.children(parent, name)]
        return found

    def first(self, element, *path: str):
        for name in path:
            matches = self.children(element, name) if element is not None else []
            element = matches[0] if matches else None
        return element

    @staticmethod
    def children(element, name: str) -> list:
        return [c for c in element if _name(c) == name]

    @staticmethod
    def text(element) -> str:
        return "".join(element.itertext()).strip() if element is not None else ""

    def take(self, element) -> str:
        self.used.add(element)
        return self.text(element)

    def read(self, path: str, parse, element) -> None:
        if element is None:
            return
        self.used.add(element)
        if self.text(element):
            self.read_value(path, parse, self.text(element), _label(self.element, element))

    def read_value(self, path: str, parse, value: str, label: str) -> None:
        try:
            put(self.fields, path, parse(value))
        except ValueError as exc:
            self.errors.append(row_error(path, label, str(exc), given=value))

    def _same_make(self, interest, vehicle) -> bool:
        make = self.first(vehicle, "make")
        return make is None or self.text(make).lower() == self.text(self.first(interest, "make")).lower()

    def _unused(self, element, prefix: str) -> Iterator[tuple[str, str]]:
        """(path, text) of every leaf with text that the mapping did not use."""
        for child in element:
            if child in self.used:
                continue
            path = f"{prefix}{_name(child)}"
            if len(child):
                yield from self._unused(child, path + "/")
            elif self.text(child):
                yield path, self.text(child)


def _label(root, target) -> str:
    """The path of an element below the prospect, e.g. 'customer/contact/email'."""
    def walk(element, prefix):
        for child in element:
            path = f"{prefix}{_name(child)}"
            if child is target:
                return path
            if len(child) and (found := walk(child, path + "/")):
                return found
        return None
    return walk(root, "") or _name(target)


def _flatten(prospect) -> dict[str, str]:
    """Every text and attribute of a prospect by its path, for the error report."""
    raw: dict[str, str] = {}

    def add(key: str, value: str) -> None:
        n = 1
        while (unique := key if n == 1 else f"{key} ({n})") in raw:
            n += 1
        raw[unique] = value

    def walk(element, path: str) -> None:
        for attr, value in element.attrib.items():
            add(f"{path}@{attr}", value)
        text = (element.text or "").strip()
        if text and path:
            add(path, text)
        for child in element:
            walk(child, f"{path}/{_name(child)}" if path else _name(child))

    walk(prospect, "")
    return raw
