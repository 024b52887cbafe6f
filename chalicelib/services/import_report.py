"""An import's report: one line per problem of a row (rejected, kept for review) and per
re-inquiry (attached to an open lead instead of creating one), with
the row's original cells in the file's column order, formula-safe for spreadsheets. It reads in
German (report_de.py): the dealer opens it; its code column keeps level and field for tools."""
import json
import tempfile

from ..formats.safe_csv import csv_text
from ..store import files, keys
from . import report_de

ERROR, WARNING = "error", "warning"
REINQUIRY = "reinquiry"          # not a problem: the row was attached to its person's open lead
FIXED_COLUMNS = report_de.HEADERS
ENGLISH_COLUMNS = ["row", "level", "field", "reason", "given"]     # of the reports written before German ones


class ImportReport:
    """Lines spooled to disk beyond a few MB, written as one CSV at the end."""

    def __init__(self):
        self._spool = tempfile.SpooledTemporaryFile(max_size=4 * 2**20, mode="w+", encoding="utf-8")
        self._columns: dict[str, None] = {}
        self.lines = 0

    def columns_from(self, headers: list[str]) -> None:
        """The file's own columns, in its order (more may appear later, e.g. in ADF)."""
        self._columns.update(dict.fromkeys(headers))

    def add(self, number: int, level: str, problems: list[dict], raw: dict) -> None:
        self._columns.update(dict.fromkeys(raw))
        for problem in problems:
            given = problem.get("given")
            line = [number, level, problem.get("field") or problem.get("column") or "",
                    problem.get("reason") or problem.get("message") or "",
                    "" if given is None else given if isinstance(given, str) else json.dumps(given, ensure_ascii=False),
                    raw]
            self._spool.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.lines += 1

    def write(self, tenant: str, import_id: str, bucket: str | None = None) -> str | None:
        """The report's key in the bucket, or None when there was nothing to report."""
        if not self.lines:
            return None
        columns = list(self._columns)
        self._spool.seek(0)
        rows = []
        for text in self._spool:
            number, level, field, reason, given, raw = json.loads(text)
            rows.append([str(number), report_de.LEVELS[level], report_de.field_name(field), report_de.reason(reason),
                         given, report_de.code(level, field), *(str(raw.get(c, "")) for c in columns)])
        key = keys.report_key(tenant, import_id)
        # UTF-8 with BOM: Excel opens it with umlauts intact.
        files.put(key, csv_text([*FIXED_COLUMNS, *columns], rows).encode("utf-8-sig"),
                  content_type="text/csv; charset=utf-8", bucket=bucket)
        return key
