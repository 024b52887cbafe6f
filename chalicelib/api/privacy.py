"""Personal data routes (DSGVO/GDPR): the access export, the erasure and other tenants' erasure requests."""
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


erasure = lazy("services.erasure")


@endpoint(bp, "/privacy/erasure/preview", "POST", summary="What an erasure of a person would remove (Art. 17)",
          action="privacy.erase", body="services.erasure:ErasureRequest",
          body_context="services.privacy:validation_context", response="ErasurePreview")
def erasure_preview(ctx):
    """By kind, with counts and ids; nothing is written."""
    return erasure.preview(ctx.caller, ctx.body)


@endpoint(bp, "/privacy/erasure", "POST", summary="Erase a person everywhere (Art. 17)",
          action="privacy.erase", body="services.erasure:ErasureOrder",
          body_context="services.privacy:validation_context", response="ErasureResult")
def erase(ctx):
    """The person (or another tenant's erasure request) erased after `"confirm": true`; audited."""
    return erasure.erase_person(ctx.caller, ctx.body)


@endpoint(bp, "/privacy/requests", "GET", summary="Erasure requests other tenants left for this one",
          action="privacy.erase", response="ErasureRequests")
def erasure_requests(ctx):
    """A forwarded lead's importer asks this tenant to erase its copy."""
    return erasure.requests(ctx.caller)


retention = lazy("services.retention")


@endpoint(bp, "/privacy/retention", "GET", summary="What the next retention run removes",
          action="privacy.retention", response="RetentionPreview")
def retention_preview(ctx):
    """Per rule (unconverted and junk leads, raw payloads, error reports): counts, the first lead ids
    with why and when received, and the leads it keeps (legal hold); nothing is written."""
    return retention.preview(ctx.caller)
