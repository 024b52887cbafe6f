"""Who is calling: a verified IAM principal mapped to tenant, user and role. Fails closed."""
import logging

from ..auth import sigv4
from ..config import get_settings
from ..domain.permissions import ROLES, Caller
from ..domain.principals import canonical_principal
from ..errors import ForbiddenError, UnauthenticatedError
from ..store import directory

log = logging.getLogger(__name__)


def _verified_principal_arn(request) -> str | None:
    settings = get_settings()
    if settings.auth_mode == "iam":
        # API Gateway's IAM authorizer has verified SigV4 and fills in the caller's ARN.
        return ((request.context or {}).get("identity") or {}).get("userArn")
    if settings.auth_mode == "local-sigv4":
        try:
            akid = sigv4.verify(
                method=request.method, raw_path=request.context.get("path") or request.path,
                query=_multi(request.query_params), headers=dict(request.headers),
                body=request.raw_body or b"", region=settings.region,
                secret_for=lambda k: getattr(directory.get_local_access_key(k), "secret_access_key", None))
        except sigv4.SignatureError as exc:
            raise UnauthenticatedError(f"request signature not accepted: {exc}") from None
        return directory.get_local_access_key(akid).principal
    return None


def _multi(params) -> dict[str, list[str]]:
    if not params:
        return {}
    return {key: params.getlist(key) for key in params}


def resolve_caller(request) -> Caller:
    arn = _verified_principal_arn(request)
    principal = canonical_principal(arn)
    if principal is None:
        raise UnauthenticatedError("no verified AWS IAM principal: sign the request with SigV4")
    item = directory.get_principal(principal)
    if item is None or not item.active or item.role not in ROLES:
        raise ForbiddenError("this IAM principal has no active leadflow user")
    return Caller(tenant=item.tenant, user=item.user, role=item.role, principal=principal)
