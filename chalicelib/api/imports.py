"""The standard lead import's status (the files arrive in S3; see services/imports.py)."""
from chalice import Blueprint

from ..services import imports
from .routing import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/imports", "GET", summary="The tenant's recent imports", action="import.read")
def list_imports(ctx):
    """Newest first: status, counts, where the error report is."""
    return imports.list_imports(ctx.caller)


@endpoint(bp, "/imports/{import_id}", "GET", summary="One import's status and counts", action="import.read")
def get_import(ctx, import_id):
    """queued, running, done, partial or failed; rows, created, duplicates, already imported, rejected."""
    return imports.get_import(ctx.caller, import_id)
