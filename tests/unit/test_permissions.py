"""The permission table's rules for the assignee and the refusals: taking a pool lead for oneself is
the one assignment a role without lead.assign may make, and a refusal says to take the lead first
only where taking it would allow the action."""
from chalicelib.domain.lead import allowed_actions
from chalicelib.domain.permissions import Caller, may_assign, refusal

REP = Caller("t1", "rep-a", "sales_rep", "p")
MANAGER = Caller("t1", "manager", "sales_manager", "p")
INTEGRATION = Caller("t1", "web", "integration", "p")


def test_a_rep_may_take_a_pool_lead_for_themselves_and_make_no_other_assignment():
    assert may_assign(REP, None, "rep-a")
    assert not may_assign(REP, None, "rep-b")
    assert not may_assign(REP, "rep-b", "rep-a")
    assert not may_assign(REP, "rep-a", None)


def test_a_manager_assigns_any_lead_to_anyone_and_an_integration_to_nobody():
    assert may_assign(MANAGER, "rep-a", "rep-b") and may_assign(MANAGER, None, "manager")
    assert not may_assign(INTEGRATION, None, "web")


def test_take_is_offered_exactly_where_the_assignment_to_oneself_is_allowed():
    for caller in (REP, MANAGER, INTEGRATION):
        for assignee in (None, caller.user, "someone-else"):
            offered = "take" in allowed_actions(caller, status="open", assignee=assignee, created_by="web")
            allowed = assignee != caller.user and may_assign(caller, assignee, caller.user)
            # a manager may also put another's lead on themselves: that is assign, not take
            assert offered == (allowed and assignee is None), (caller.role, assignee)


def test_a_refusal_on_a_pool_lead_says_to_take_it_first_only_where_taking_would_allow_the_action():
    hint = ": take the lead first (assign it to yourself)"
    assert refusal(REP, "lead.convert", assignee=None, created_by="manager").endswith(hint)
    assert refusal(REP, "lead.convert", assignee="rep-b", created_by="manager") == "your role may not convert this lead"
    assert refusal(REP, "lead.delete", assignee=None, created_by="manager") == "your role may not delete this lead"
    assert refusal(INTEGRATION, "lead.convert", assignee=None, created_by="web") == "your role may not convert this lead"
