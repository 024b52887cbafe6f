"""S3 access: the file bucket's objects (imports, error reports, raw webhook payloads)."""
from collections.abc import Iterator

from botocore.exceptions import ClientError

from ..config import get_settings
from .clients import client


def s3():
    return client("s3")


def _bucket(bucket: str | None) -> str:
    return bucket or get_settings().bucket


def bucket_name() -> str:
    """The files bucket's name (store/erasure.py lists and deletes versions in it)."""
    return _bucket(None)


# Metadata of an object leadflow itself wrote anew under incoming/ (an erasure blanking rows): its
# notification is no new file to import (services/imports.py run_import ignores it).
REWRITTEN = "leadflow-rewritten"


def put(key: str, body: bytes, *, content_type: str, metadata: dict | None = None, bucket: str | None = None) -> None:
    s3().put_object(Bucket=_bucket(bucket), Key=key, Body=body, ContentType=content_type, Metadata=metadata or {})


def head(key: str, *, bucket: str | None = None, version_id: str | None = None) -> dict | None:
    """Size, ETag, time and version of an object (the given version, else the current one); None if it is gone."""
    try:
        return s3().head_object(Bucket=_bucket(bucket), Key=key, **_version(version_id))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise


def chunks(key: str, *, bucket: str | None = None, version_id: str | None = None, size: int = 2**20) -> Iterator[bytes]:
    """The object's bytes (the given version, else the current one), a chunk at a time."""
    yield from s3().get_object(Bucket=_bucket(bucket), Key=key, **_version(version_id))["Body"].iter_chunks(size)


def version_of(head: dict) -> str | None:
    """The version a head_object or put_object answer names; None where the bucket keeps no versions."""
    version = head.get("VersionId")
    return None if version in (None, "null") else version


def _version(version_id: str | None) -> dict:
    return {"VersionId": version_id} if version_id else {}


def upload_url(key: str, *, expires_in: int) -> str:
    """A presigned PUT: the browser (or any client) uploads the file straight to the bucket."""
    return s3().generate_presigned_url("put_object", Params={"Bucket": _bucket(None), "Key": key},
                                       ExpiresIn=expires_in)


def download_url(key: str, *, file_name: str, expires_in: int) -> str:
    """A presigned GET that a browser saves under file_name."""
    return s3().generate_presigned_url("get_object", Params={
        "Bucket": _bucket(None), "Key": key,
        "ResponseContentDisposition": f'attachment; filename="{file_name}"'}, ExpiresIn=expires_in)
