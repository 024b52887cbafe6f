"""The standard lead import: the Import button's upload URL, status, counts and error report.
(The files themselves arrive in S3; see services/imports.py.)"""
from chalice import Blueprint

from .routing import endpoint, lazy

imports = lazy("services.imports")

bp = Blueprint(__name__)


@endpoint(bp, "/imports", "POST", summary="Start an import: an id and a presigned upload URL",
          action="import.create", body="services.imports:ImportStart", response="ImportStarted", status=201)
def start_import(ctx):
    """PUT the file to upload.url within 15 minutes; the bucket's notification then imports it."""
    return imports.start_import(ctx.caller, ctx.body)


@endpoint(bp, "/imports", "GET", summary="The tenant's recent imports", action="import.read",
          response="ImportList")
def list_imports(ctx):
    """Newest first: status, counts and the error report's download URL, as for one import."""
    return imports.list_imports(ctx.caller)


@endpoint(bp, "/imports/{import_id}", "GET", summary="One import's status, counts and error report",
          action="import.read", response="Import")
def get_import(ctx, import_id):
    """queued, running, done, partial, failed or duplicate; the counts; a download URL of the report."""
    return imports.get_import(ctx.caller, import_id)
