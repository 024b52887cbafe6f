"""Anyone can run the duplicate check over their own files: bench/check_files.py."""
import json

import pytest

from bench.check_files import main


def test_the_duplicate_check_runs_over_json_lines_files_and_writes_a_line_per_lead(tmp_path):
    customers, leads, out = tmp_path / "c.jsonl", tmp_path / "l.jsonl", tmp_path / "o.jsonl"
    customers.write_text("\n".join(json.dumps(r) for r in [
        {"id": "K1", "first_name": "Anna", "last_name": "Müller", "email": "anna@example.at", "phone": "0664 1234567",
         "postal_code": "1070", "street": "Mariahilfer Straße 12", "birth_date": "1980-12-31"},
        {"id": "K2", "first_name": "Anna", "last_name": "Müller", "postal_code": "8010", "city": "Graz",
         "phone": "0316 / 12 34 5"},                                      # a number the library rejects
        {"id": "K3", "city": "Wien"}]) + "\n")
    leads.write_text("\n".join(json.dumps(r) for r in [
        {"id": "L1", "first_name": "Anna", "last_name": "Mueller", "phone": "+43 664 1234567", "birth_date": None},
        {"id": "L2", "first_name": "Anna", "last_name": "Müller", "phone": "0316 12345", "email": ""},
        {"id": "L3", "remark": "nur Text"}]) + "\n")
    assert main(["--customers", str(customers), "--leads", str(leads), "--out", str(out)]) == 0
    lines = {r["lead"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert lines["L1"]["candidates"][0]["customer"] == "K1" and lines["L1"]["candidates"][0]["verdict"] == "duplicate"
    assert {c["field"] for c in lines["L1"]["candidates"][0]["reasons"]} >= {"last_name", "first_name", "phone"}
    phone = [c for c in lines["L2"]["candidates"][0]["reasons"] if c["field"] == "phone"]
    assert lines["L2"]["candidates"][0]["customer"] == "K2" and phone[0]["outcome"] == "agree"
    assert "identifies nobody" in lines["L3"]["refused"]


def test_a_file_with_a_byte_order_mark_numbers_and_broken_lines_is_read_and_the_broken_lines_reported(tmp_path):
    customers, leads, out = tmp_path / "c.jsonl", tmp_path / "l.jsonl", tmp_path / "o.jsonl"
    customers.write_bytes("\ufeff".encode() + "\n".join([
        json.dumps({"id": 7, "first_name": "Josef", "last_name": "Huber", "postal_code": 1030, "phone": 6641234567}),
        "[1, 2]", "{not json", ""]).encode())
    leads.write_bytes("\n".join([
        json.dumps({"id": "L1", "first_name": "Sepp", "last_name": "Huber", "phone": "0664 1234567"}),
        "not json at all"]).encode("cp1252") + "\n".encode() + json.dumps(
        {"id": "L2", "first_name": "Jörg", "last_name": "Müller", "email": "jörg@müller.de"}, ensure_ascii=False).encode("cp1252"))
    assert main(["--customers", str(customers), "--leads", str(leads), "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["lead"] == "L1" and lines[0]["candidates"][0]["customer"] == "7"
    assert lines[0]["candidates"][0]["verdict"] == "duplicate"
    assert lines[1] == {"lead": "line 2", "unreadable": lines[1]["unreadable"]} and "not JSON" in lines[1]["unreadable"]
    assert lines[2]["lead"] == "L2" and lines[2]["problems"] == []      # Windows-1252 read as such: Jörg Müller


def test_keys_named_as_the_file_import_names_its_headers_are_read_and_keys_naming_no_field_are_listed(tmp_path, capsys):
    customers, leads, out = tmp_path / "c.jsonl", tmp_path / "l.jsonl", tmp_path / "o.jsonl"
    customers.write_text(json.dumps({"Kundennummer": "K-9", "Vorname": "Josef", "Nachname": "Huber", "PLZ": "1030",
                                     "Mobil": "0664 1234567", "Geburtsdatum": "03.04.1971", "segment": "A"}) + "\n")
    leads.write_text(json.dumps({"id": "L1", "firstname": "Josef", "surname": "Huber", "zip": "1030",
                                 "mobile": "+43 664 1234567", "Date of birth": "1971-04-03", "label": "K-9"}) + "\n")
    assert main(["--customers", str(customers), "--leads", str(leads), "--out", str(out)]) == 0
    line = json.loads(out.read_text())
    best = line["candidates"][0]
    assert line["lead"] == "L1" and best["customer"] == "K-9" and best["verdict"] == "duplicate"
    assert {"first_name", "last_name", "phone", "birth_date"} <= {c["field"] for c in best["reasons"]
                                                                  if c["outcome"] == "agree"}
    err = capsys.readouterr().err
    assert "customers: keys that name no field, not read: segment (1 lines)" in err
    assert "leads: keys that name no field, not read: label (1 lines)" in err


def test_a_missing_input_or_an_output_that_is_an_input_is_refused_in_one_line_and_no_file_is_touched(tmp_path, capsys):
    customers, leads = tmp_path / "c.jsonl", tmp_path / "l.jsonl"
    customers.write_text(json.dumps({"id": "K1", "last_name": "Huber", "phone": "0664 1234567"}) + "\n")
    leads.write_text(json.dumps({"id": "L1", "last_name": "Huber", "phone": "0664 1234567"}) + "\n")
    kept = leads.read_text()
    for args, says in ((["--customers", str(tmp_path / "none.jsonl"), "--leads", str(leads)], "no such file"),
                       (["--customers", str(customers), "--leads", str(leads), "--out", str(leads)], "would be emptied"),
                       (["--customers", str(customers), "--leads", str(leads), "--out", str(tmp_path / "x" / "o.jsonl")],
                        "no folder")):
        if "--out" not in args:
            args += ["--out", str(tmp_path / "o.jsonl")]
        with pytest.raises(SystemExit) as stop:
            main(args)
        err = capsys.readouterr().err
        assert stop.value.code == 2 and says in err and "Traceback" not in err
    assert leads.read_text() == kept and not (tmp_path / "o.jsonl").exists()


def test_the_evaluation_command_given_files_runs_the_same_check_over_them(tmp_path):
    # python -m bench.matching_eval --customers FILE --leads FILE --out FILE, as the issue asked it.
    from bench import matching_eval
    customers, leads = tmp_path / "c.jsonl", tmp_path / "l.jsonl"
    customers.write_text(json.dumps({"id": "K1", "first_name": "Anna", "last_name": "Müller",
                                     "email": "anna@example.at", "postal_code": "1070"}) + "\n")
    leads.write_text(json.dumps({"id": "L1", "first_name": "Anna", "last_name": "Mueller", "email": "ANNA@example.at"}) + "\n")
    outputs = []
    for run, out in ((matching_eval.main, tmp_path / "eval.jsonl"), (main, tmp_path / "check.jsonl")):
        assert run(["--customers", str(customers), "--leads", str(leads), "--out", str(out)]) == 0
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1] and json.loads(outputs[0])["candidates"][0]["customer"] == "K1"


def test_a_labelled_set_gets_the_figures_the_evaluation_prints_for_it(tmp_path, capsys):
    # The second world written out as files with its labels: the same precision, recall and F1.
    from bench.eval_sets import second_world
    from bench.matching_eval import evaluate_set
    world = second_world.build(1500, 300, 3)
    customers, leads, out = tmp_path / "c.jsonl", tmp_path / "l.jsonl", tmp_path / "o.jsonl"
    customers.write_text("".join(json.dumps({"id": cid, **person}) + "\n" for cid, person in world.customers.items()))
    leads.write_text("".join(json.dumps({**lead.person, "id": f"L{n}", "customer": sorted(lead.truth) or None}) + "\n"
                             for n, lead in enumerate(world.leads)))
    expected = evaluate_set(world)
    assert main(["--customers", str(customers), "--leads", str(leads), "--out", str(out), "--truth", "customer"]) == 0
    printed = capsys.readouterr()
    assert (f"precision {expected['precision']:.3f}  recall {expected['recall']:.3f}  F1 {expected['f1']:.3f}"
            in printed.out), printed.out
    assert f"true customer in the top 5 {expected['top5']:.3f}" in printed.out
    assert "customer (" not in printed.err                      # the label is no unread key
