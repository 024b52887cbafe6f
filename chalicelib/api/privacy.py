"""Personal data routes (DSGVO/GDPR): the access export."""
from chalice import Blueprint

from .routing import endpoint, lazy

privacy = lazy("services.privacy")

bp = Blueprint(__name__)


@endpoint(bp, "/privacy/access", "POST", summary="Export everything held about a person (Art. 15)",
          action="privacy.export", body="services.privacy:AccessRequest",
          body_context="services.privacy:validation_context", response="AccessExport")
def access_export(ctx):
    """One JSON document of the person's leads, customers, activities, consents, audit entries, raw
    payloads and import rows; POST, so that no e-mail or phone is in a URL or an access log."""
    return privacy.export_person(ctx.caller, ctx.body)
