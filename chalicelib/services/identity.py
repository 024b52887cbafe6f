"""Who is calling: a verified principal (IAM, or a person signed in through the stack's Cognito
user pool) mapped to tenant, user and role. Fails closed."""
import logging

from ..auth import sigv4
from ..config import Settings, get_settings
from ..domain.permissions import ROLES, Caller
from ..domain.principals import (
    canonical_iam_principal, canonical_principal, cognito_user_pool, signed_in_principal,
)
from ..errors import ForbiddenError, UnauthenticatedError
from ..store import directory

log = logging.getLogger(__name__)

# What API Gateway's IAM authorizer fills in for a caller with Cognito identity pool credentials
# (and leaves null for any other caller).
_COGNITO_FIELDS = ("cognitoIdentityPoolId", "cognitoIdentityId", "cognitoAuthenticationType",
                   "cognitoAuthenticationProvider")


def _verified_principal(request) -> str | None:
    settings = get_settings()
    if settings.auth_mode == "iam":
        # API Gateway's IAM authorizer has verified SigV4 and describes the caller.
        identity = (request.context or {}).get("identity") or {}
        if any(identity.get(field) for field in _COGNITO_FIELDS):
            return _cognito_principal(identity, settings)
        return canonical_iam_principal(identity.get("userArn"))
    if settings.auth_mode == "local-sigv4":
        try:
            akid = sigv4.verify(
                method=request.method, raw_path=request.context.get("path") or request.path,
                query=_multi(request.query_params), headers=dict(request.headers),
                body=request.raw_body or b"", region=settings.region,
                secret_for=lambda k: getattr(directory.get_local_access_key(k), "secret_access_key", None))
        except sigv4.SignatureError as exc:
            raise UnauthenticatedError(f"request signature not accepted: {exc}") from None
        return canonical_principal(directory.get_local_access_key(akid).principal)
    return None


def _cognito_principal(identity: dict, settings: Settings) -> str:
    """A person with identity pool credentials, by their user pool subject.

    Never by the ARN: everyone in a user pool group calls as the same assumed role (session
    `CognitoIdentityCredentials`). Only the stack's own user pool (and identity pool) count: a
    subject of any other pool says nothing about who the person is here.
    """
    if identity.get("cognitoAuthenticationType") != "authenticated":
        raise UnauthenticatedError("no one signed in: sign in to the workspace through the user pool")
    pool = settings.cognito_user_pool_id
    identity_pool = settings.cognito_identity_pool_id
    principal = signed_in_principal(identity.get("cognitoAuthenticationProvider"), pool) if pool else None
    if principal is None or (identity_pool and identity.get("cognitoIdentityPoolId") != identity_pool):
        log.warning("refused a Cognito sign-in that is not through this stack's pools",
                    extra={"identity_pool": identity.get("cognitoIdentityPoolId")})
        raise ForbiddenError("this sign-in is not through leadflow's user pool")
    return principal


def _multi(params) -> dict[str, list[str]]:
    if not params:
        return {}
    return {key: params.getlist(key) for key in params}


def resolve_caller(request) -> Caller:
    principal = _verified_principal(request)
    if principal is None:
        raise UnauthenticatedError("no verified AWS IAM principal: sign the request with SigV4")
    item = directory.get_principal(principal)
    if item is None or not item.active or item.role not in ROLES:
        if cognito_user_pool(principal):
            # The person may tell an admin what to map (POST /principals); it names only them.
            raise ForbiddenError(f"no active leadflow user is mapped to your sign-in ({principal})")
        raise ForbiddenError("this IAM principal has no active leadflow user")
    return Caller(tenant=item.tenant, user=item.user, role=item.role, principal=principal)
