"""Canonical principals: what a principals mapping is keyed by.

Two kinds: an IAM user or role ARN, and a person of a Cognito user pool, spelled
`cognito:<user-pool-id>:<sub>`. Deployed, a person signs in to the workspace through the user
pool and calls the API with identity pool credentials; API Gateway then reports the same
assumed-role ARN (session `CognitoIdentityCredentials`) for everyone in a user pool group, so
only the user pool's subject tells people apart.
"""
import re

_IAM_USER = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):user/[\w+=,.@/-]+$")
_IAM_ROLE = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):role/[\w+=,.@/-]+$")
_ASSUMED_ROLE = re.compile(r"^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([\w+=,.@-]+)/[\w+=,.@-]+$")

_REGION = r"[a-z]{2}(?:-[a-z]+)+-\d"
_USER_POOL_ID = rf"{_REGION}_[0-9A-Za-z]+"
_SUB = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_COGNITO = re.compile(rf"^cognito:({_USER_POOL_ID}):({_SUB})$", re.IGNORECASE)
# One entry of API Gateway's requestContext.identity.cognitoAuthenticationProvider, the one
# that names the person: "cognito-idp.<region>.amazonaws.com/<pool>:CognitoSignIn:<sub>".
_COGNITO_SIGN_IN = re.compile(rf"^cognito-idp\.({_REGION})\.amazonaws\.com/({_USER_POOL_ID}):CognitoSignIn:({_SUB})$")


def canonical_iam_principal(arn: str | None) -> str | None:
    """The IAM ARN a mapping is keyed by, or None for anything we do not accept.

    An assumed-role session maps to its role: the session name is chosen by whoever assumes
    the role, so it never identifies a user by itself. A role mapped to a user therefore
    stands for that one user (or one integration), whatever session name it is used with.
    """
    if not arn:
        return None
    if _IAM_USER.match(arn) or _IAM_ROLE.match(arn):
        return arn
    match = _ASSUMED_ROLE.match(arn)
    if match:
        partition, account, role = match.groups()
        return f"arn:{partition}:iam::{account}:role/{role}"
    return None


def canonical_principal(value: str | None) -> str | None:
    """What an admin may map: an IAM ARN (as canonical_iam_principal) or a Cognito person
    (`cognito:<user-pool-id>:<sub>`, the sub in lower case); None for anything else."""
    match = _COGNITO.match(value or "")
    if match:
        return cognito_principal(match[1], match[2])
    return canonical_iam_principal(value)


def cognito_principal(user_pool_id: str, sub: str) -> str:
    """The principal of the person with this subject (`sub`) in this user pool."""
    return f"cognito:{user_pool_id}:{sub.lower()}"


def cognito_user_pool(principal: str) -> str | None:
    """The user pool of a Cognito principal; None for an IAM one."""
    match = _COGNITO.match(principal or "")
    return match[1] if match else None


def aws_account(principal: str) -> str | None:
    """The AWS account of an IAM principal; None for a Cognito one."""
    match = _IAM_USER.match(principal or "") or _IAM_ROLE.match(principal or "")
    return match[1] if match else None


def signed_in_principal(authentication_provider: str | None, user_pool_id: str) -> str | None:
    """The principal of a person API Gateway says signed in through this user pool, or None.

    `authentication_provider` is requestContext.identity.cognitoAuthenticationProvider:
    "cognito-idp.<region>.amazonaws.com/<pool>,cognito-idp.<region>.amazonaws.com/<pool>:CognitoSignIn:<sub>".
    A sign-in through any other pool (or provider) gives None: its subjects are not ours.
    """
    sign_ins = [_COGNITO_SIGN_IN.match(part.strip()) for part in (authentication_provider or "").split(",")
                if ":CognitoSignIn:" in part]
    if len(sign_ins) != 1 or sign_ins[0] is None:
        return None
    region, pool, sub = sign_ins[0].groups()
    if pool != user_pool_id or region != user_pool_id.split("_", 1)[0]:
        return None
    return cognito_principal(pool, sub)
