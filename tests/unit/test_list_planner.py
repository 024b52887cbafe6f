"""Each common view of the leads list is served by one index partition, in the view's order."""
import pytest

from chalicelib.domain.lead_filter import LeadFilter
from chalicelib.store.lead_queries import plan


@pytest.mark.parametrize("f, sort, index, pk", [
    (LeadFilter(), "received", "recent", "t1"),
    (LeadFilter(status="open"), "received", "status_recent", "t1#open"),
    (LeadFilter(assignee="rep-a"), "due", "assignee_due", "t1#rep-a"),
    (LeadFilter(unassigned=True), "received", "assignee_recent", "t1#~none"),
    (LeadFilter(overdue=True, now="2026-11-29T00:00:00.000000Z"), "due", "status_due", "t1#open"),
    (LeadFilter(qualification="hot"), "received", "qualification_recent", "t1#hot"),
    (LeadFilter(source="Vienna Autoshow"), "received", "source_recent", "t1#Vienna Autoshow"),
    (LeadFilter(source="A#B", source_detail="C"), "received", "detail_recent", "t1#A%23B#C"),
    (LeadFilter(), "last_name", "name", "t1"),
    (LeadFilter(), "qualification", "qualification_rank", "t1"),
])
def test_common_views(f, sort, index, pk):
    p = plan("t1", f, sort, descending=sort == "received")
    assert (p.index, p.pk) == (index, pk)


def test_overdue_is_a_key_condition_not_a_filter():
    p = plan("t1", LeadFilter(overdue=True, now="2026-11-29T00:00:00.000000Z"), "due", descending=False)
    assert p.sk_high == "2026-11-29T00:00:00.000000Z" and "overdue" in p.implied


def test_a_received_range_narrows_the_key_range():
    p = plan("t1", LeadFilter(received_from="2026-01-01T00:00:00.000000Z"), "received", descending=True)
    assert p.sk_low == "2026-01-01T00:00:00.000000Z" and "received" in p.implied
