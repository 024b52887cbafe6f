"""Importer -> dealer forwarding: the links both sides set up, the importer's market areas, forwarding
a lead, and the dealer's accept or reject."""
from chalice import Blueprint

from .routing import endpoint, lazy

forwarding = lazy("services.forwarding")
links = lazy("services.links")

bp = Blueprint(__name__)


@endpoint(bp, "/links", "GET", summary="This tenant's links with importers or dealers", action="link.read",
          response="Links")
def list_links(ctx):
    """Each link's other tenant, what it is, and whether both sides have put it (only then active)."""
    return links.list_links(ctx.caller)


@endpoint(bp, "/links/dealers/{dealer_tenant}", "PUT", summary="An importer links a dealer (its side)",
          action="link.write", body="domain.forwarding:LinkInput", response="LinkState", optional_body=True)
def put_dealer_link(ctx, dealer_tenant):
    """Active once the dealer's admin links this importer too; codes: what preferred-dealer fields carry."""
    return links.put_link(ctx.caller, dealer_tenant, "dealer", ctx.body)


@endpoint(bp, "/links/dealers/{dealer_tenant}", "DELETE", summary="An importer ends its link with a dealer",
          action="link.write", status=204)
def delete_dealer_link(ctx, dealer_tenant):
    """Nothing is forwarded to the dealer from now on; forwarded leads stay where they are."""
    return links.delete_link(ctx.caller, dealer_tenant, "dealer")


@endpoint(bp, "/links/importers/{importer_tenant}", "PUT", summary="A dealer links an importer (its side)",
          action="link.write", body="domain.forwarding:LinkInput", response="LinkState", optional_body=True)
def put_importer_link(ctx, importer_tenant):
    """Active once the importer's admin links this dealer too."""
    return links.put_link(ctx.caller, importer_tenant, "importer", ctx.body)


@endpoint(bp, "/links/importers/{importer_tenant}", "DELETE", summary="A dealer ends its link with an importer",
          action="link.write", status=204)
def delete_importer_link(ctx, importer_tenant):
    """The importer forwards nothing more to this dealer."""
    return links.delete_link(ctx.caller, importer_tenant, "importer")


@endpoint(bp, "/market-areas", "GET", summary="The importer's market areas (postal codes -> dealer)",
          action="routing.read", response="MarketAreas")
def get_market_areas(ctx):
    """First area that holds a lead's postal code names its dealer (when no preferred dealer does)."""
    return links.get_market_areas(ctx.caller)


@endpoint(bp, "/market-areas", "PUT", summary="Replace the importer's market areas (the whole table)",
          action="routing.write", body="domain.forwarding:MarketAreasInput", response="MarketAreas",
          headers=["If-Match"])
def put_market_areas(ctx):
    """Send every area and the version you read (0 for the first table); each dealer must be linked."""
    return links.put_market_areas(ctx.caller, ctx.body, ctx.if_match())


@endpoint(bp, "/leads/{lead_id}/forward", "POST", summary="Forward an importer's lead to a dealer",
          action="lead.forward", body="domain.forwarding:ForwardInput", response="Lead", headers=["If-Match"],
          optional_body=True)
def forward_lead(ctx, lead_id):
    """To the dealer named, else the lead's preferred dealer, else its market area's; the link must be active."""
    return forwarding.forward_lead(ctx.caller, lead_id, ctx.body.dealer, expected_version=_version(ctx))


@endpoint(bp, "/leads/{lead_id}/accept", "POST", summary="A dealer accepts a forwarded lead",
          action="lead.accept", body="domain.forwarding:AcceptInput", response="Lead", headers=["If-Match"],
          optional_body=True)
def accept_lead(ctx, lead_id):
    """The importer sees the lead accepted."""
    return forwarding.accept(ctx.caller, lead_id, expected_version=_version(ctx))


@endpoint(bp, "/leads/{lead_id}/reject", "POST", summary="A dealer rejects a forwarded lead, with its reason",
          action="lead.reject", body="domain.forwarding:RejectInput", response="Lead", headers=["If-Match"])
def reject_lead(ctx, lead_id):
    """The dealer's lead is rejected; the importer's lead is open again in its pool, with the reason."""
    return forwarding.reject(ctx.caller, lead_id, ctx.body.reason, expected_version=_version(ctx))


def _version(ctx):
    """If-Match, else the body's version, else None (these actions check the version read anyway)."""
    value = ctx.if_match()
    return value if value is not None else ctx.body.version
