"""Canonical IAM principals: what a principals mapping is keyed by."""
import re

_IAM_USER = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):user/[\w+=,.@/-]+$")
_IAM_ROLE = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):role/[\w+=,.@/-]+$")
_ASSUMED_ROLE = re.compile(r"^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([\w+=,.@-]+)/[\w+=,.@-]+$")


def canonical_principal(arn: str | None) -> str | None:
    """The ARN a mapping is keyed by, or None for anything we do not accept.

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
