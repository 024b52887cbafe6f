"""Assignment rules (which salesperson a new lead goes to), their dry run, users' absences."""
import datetime as dt

from chalice import Blueprint

from .routing import endpoint, lazy

assignment = lazy("services.assignment")
leads = lazy("services.leads")

bp = Blueprint(__name__)


@endpoint(bp, "/routing-rules", "GET", summary="The tenant's assignment rules, in order", action="routing.read",
          response="RoutingRules")
def get_rules(ctx):
    """First match wins; a lead no rule takes stays in the pool."""
    return assignment.get_rules(ctx.caller)


@endpoint(bp, "/routing-rules", "PUT", summary="Replace the assignment rules (the whole ordered list)",
          action="routing.write", body="services.assignment:RulesInput", response="RoutingRules", headers=["If-Match"])
def put_rules(ctx):
    """Send every rule in its order and the version you read (0 for the first rules)."""
    return assignment.put_rules(ctx.caller, ctx.body, ctx.if_match())


@endpoint(bp, "/routing-rules/dry-run", "POST", summary="Where a sample lead would go, and why",
          action="routing.read", body="services.assignment:DryRun", body_context="services.leads:validation_context",
          response="RoutingDecision")
def dry_run(ctx):
    """Runs the rules on the sample without storing anything or taking a round-robin turn."""
    return assignment.dry_run(ctx.caller, ctx.body, dt.datetime.now(dt.timezone.utc))


@endpoint(bp, "/users/{user_id}/absences", "PUT", summary="A user's absences (no new leads on those days)",
          action="user.absence", body="services.assignment:AbsencesInput", response="UserAbsences")
def put_absences(ctx, user_id):
    """The whole list of the user's absences; the round robin passes them by on those days."""
    return assignment.set_absences(ctx.caller, user_id, ctx.body)
