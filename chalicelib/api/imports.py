"""The standard lead import's status (the files arrive in S3; see services/imports.py)."""
from chalice import Blueprint

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..services import imports
from ..validation import validate
from .routing import endpoint


class ImportStart(BaseModel):
    """The file about to be uploaded."""
    model_config = ConfigDict(extra="forbid")
    file_name: Annotated[str, Field(min_length=1, max_length=200)]

bp = Blueprint(__name__)


@endpoint(bp, "/imports", "POST", summary="Start an import: an id and a presigned upload URL",
          action="import.create", body=ImportStart, status=201)
def start_import(ctx):
    """PUT the file to upload.url within 15 minutes; the S3 event then imports it."""
    body = validate(ImportStart, ctx.body)
    return imports.start_import(ctx.caller, body.file_name)


@endpoint(bp, "/imports", "GET", summary="The tenant's recent imports", action="import.read")
def list_imports(ctx):
    """Newest first: status, counts, where the error report is."""
    return imports.list_imports(ctx.caller)


@endpoint(bp, "/imports/{import_id}", "GET", summary="One import's status and counts", action="import.read")
def get_import(ctx, import_id):
    """queued, running, done, partial or failed; rows, created, duplicates, already imported, rejected."""
    return imports.get_import(ctx.caller, import_id)
