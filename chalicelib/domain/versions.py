"""Optimistic concurrency: an edit names the version it was made on, or it is not applied."""
from ..errors import StaleVersionError, VersionRequiredError


def require_version(current: int | None, expected: int | None, what: str = "lead") -> None:
    """Raise unless the client sent the version it edited and it is still the current one."""
    if expected is None:
        raise VersionRequiredError(
            "send the version you edited in If-Match (or as \"version\" in the body)", current_version=current)
    if expected != current:
        raise StaleVersionError(
            f"the {what} changed since you read it (you sent version {expected}, it is at {current}); "
            "reload and apply your change again", current_version=current)
