"""make run's outbox: the escalation notifications of this run only; the commands its banner shows."""
from devstack import run
from devstack.run import client_commands, fresh_outbox


def test_a_new_make_run_starts_with_an_empty_outbox_since_the_leads_it_named_are_gone(tmp_path):
    outbox = tmp_path / "outbox.jsonl"
    outbox.write_text('{"lead_id": "01OLDRUN", "action": "remind_assignee"}\n')
    fresh_outbox(outbox)
    assert outbox.read_text() == ""


def test_no_outbox_yet_is_no_error(tmp_path):
    fresh_outbox(tmp_path / "outbox.jsonl")
    assert not (tmp_path / "outbox.jsonl").exists()


def test_the_banner_names_the_ports_of_a_stack_started_on_other_ones(monkeypatch, tmp_path):
    assert client_commands(8000, 4566) == ("bin/lf", "make import")
    assert client_commands(8401, 4801) == ("LEADFLOW_PORT=8401 bin/lf", "LEADFLOW_MOTO_PORT=4801 make import")
    monkeypatch.setattr(run, "CREDENTIALS", tmp_path / "creds.json")
    assert client_commands(8000, 4566)[0] == f"LEADFLOW_CREDENTIALS_FILE={tmp_path / 'creds.json'} bin/lf"
