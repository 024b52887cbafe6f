"""Domain errors; api/problems.py maps each to an HTTP status in one place."""


class LeadflowError(Exception):
    """Base of every error a client can cause; carries a message safe to show."""

    def __init__(self, detail: str, **extra):
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class BadRequestError(LeadflowError):
    """The request cannot be read: malformed JSON, bad cursor, bad query parameter."""


class InvalidInputError(LeadflowError):
    """The request was read but its content breaks a rule; `errors` names each field."""

    def __init__(self, detail: str, errors: list[dict]):
        super().__init__(detail, errors=errors)
        self.errors = errors


class PayloadTooLargeError(LeadflowError):
    pass


class UnsupportedMediaTypeError(LeadflowError):
    pass


class UnauthenticatedError(LeadflowError):
    """No verified principal: never fall back to a default identity."""


class SenderUnverifiedError(UnauthenticatedError):
    """A webhook sender did not prove who it is (signature, key or origin); not an IAM challenge."""


class ForbiddenError(LeadflowError):
    pass


class NotFoundError(LeadflowError):
    """Missing, or in another tenant, or out of the caller's reach: indistinguishable on purpose."""


class ConflictError(LeadflowError):
    """The resource's state forbids the change (e.g. the lead is no longer open)."""


class StaleVersionError(LeadflowError):
    """The client's version is not the current one; carries current_version."""


class VersionRequiredError(LeadflowError):
    """An update without If-Match or version: refused rather than applied blindly."""


class RateLimitedError(LeadflowError):
    """Too many requests in a window; carries retry_after (seconds)."""


class IdempotencyMismatchError(LeadflowError):
    """An Idempotency-Key reused with a different request body."""
