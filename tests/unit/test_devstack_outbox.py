"""make run's outbox: the escalation notifications of this run only."""
from devstack.run import fresh_outbox


def test_a_new_make_run_starts_with_an_empty_outbox_since_the_leads_it_named_are_gone(tmp_path):
    outbox = tmp_path / "outbox.jsonl"
    outbox.write_text('{"lead_id": "01OLDRUN", "action": "remind_assignee"}\n')
    fresh_outbox(outbox)
    assert outbox.read_text() == ""


def test_no_outbox_yet_is_no_error(tmp_path):
    fresh_outbox(tmp_path / "outbox.jsonl")
    assert not (tmp_path / "outbox.jsonl").exists()
