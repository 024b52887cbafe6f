"""bench/import_file.py measures an import in each format, not re-inquiries of the format before it."""
import re

from bench import import_file


def test_each_format_imports_its_rows_as_new_leads(capsys):
    import_file.main(["--rows", "12", "--formats", "csv,xlsx"])
    out = capsys.readouterr().out
    counts = re.findall(r"import: status=(\w+) rows=(\d+) created=(\d+) .* reinquiries=(\d+)", out)
    # 12 rows name 12 people (no visitor twice that early): every one a new lead in either format,
    # none a re-inquiry of the warm-up file's or the other format's leads.
    assert counts == [("done", "12", "12", "0"), ("done", "12", "12", "0")], out
