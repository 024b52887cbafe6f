"""Every error leaves as application/problem+json (RFC 9457); the status mapping lives here."""
import json

from chalice import Response

from .. import errors

PROBLEM_TYPE = "application/problem+json"
_STATUS = {
    errors.BadRequestError: (400, "Bad request"),
    errors.UnauthenticatedError: (401, "Not authenticated"),
    errors.ForbiddenError: (403, "Forbidden"),
    errors.NotFoundError: (404, "Not found"),
    errors.ConflictError: (409, "Conflict"),
    errors.StaleVersionError: (412, "Version mismatch"),
    errors.PayloadTooLargeError: (413, "Payload too large"),
    errors.UnsupportedMediaTypeError: (415, "Unsupported media type"),
    errors.InvalidInputError: (422, "Validation failed"),
    errors.IdempotencyMismatchError: (422, "Idempotency key reused"),
    errors.VersionRequiredError: (428, "Version required"),
    errors.RateLimitedError: (429, "Too many requests"),
}
MAX_ERRORS = 50          # a body with thousands of bad fields gets a bounded answer


def problem(status: int, title: str, detail: str, headers: dict | None = None, *, iam_challenge: bool = True,
            **extra) -> Response:
    slug = title.lower().replace(" ", "-")
    body = {"type": f"urn:leadflow:problem:{slug}", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    all_headers = {"Content-Type": PROBLEM_TYPE, **(headers or {})}
    if status == 401 and iam_challenge:
        all_headers["WWW-Authenticate"] = 'AWS4-HMAC-SHA256 realm="leadflow"'
    return Response(body=json.dumps(body, ensure_ascii=False), status_code=status, headers=all_headers)


def _status(exc: errors.LeadflowError) -> tuple[int, str]:
    return next((_STATUS[cls] for cls in type(exc).__mro__ if cls in _STATUS), (400, "Bad request"))


def status_of(exc: errors.LeadflowError) -> int:
    """The HTTP status of a domain error."""
    return _status(exc)[0]


def from_error(exc: errors.LeadflowError) -> Response:
    status, title = _status(exc)
    extra = dict(exc.extra)
    listed = extra.get("errors")
    if isinstance(listed, list) and len(listed) > MAX_ERRORS:
        extra["errors"], extra["errors_omitted"] = listed[:MAX_ERRORS], len(listed) - MAX_ERRORS
    headers = {"Retry-After": str(extra["retry_after"])} if extra.get("retry_after") else None
    # A webhook sender is not asked to sign with SigV4: it failed its integration's own scheme.
    challenge = not isinstance(exc, errors.SenderUnverifiedError)
    return problem(status, title, exc.detail, headers, iam_challenge=challenge, **extra)


_CHALICE_CODES = {405: "Method not allowed", 415: "Unsupported media type", 400: "Bad request",
                  404: "Not found", 500: "Internal server error", 403: "Forbidden"}


def normalise_response(response: Response) -> Response:
    """Rewrite Chalice's own error bodies ({"Code", "Message"}) into problem+json."""
    if response.status_code < 400:
        return response
    body = response.body
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body)
        except ValueError:
            return response
    if isinstance(body, dict) and set(body) == {"Code", "Message"}:
        status = response.status_code
        detail = "an internal error occurred" if status >= 500 else body["Message"]
        title = _CHALICE_CODES.get(status, "Error")
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-type"}
        return problem(status, title, detail, headers)
    return response
