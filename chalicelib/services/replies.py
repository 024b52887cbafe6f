"""What a service hands the API to render."""
from dataclasses import dataclass


@dataclass
class Reply:
    """A service result: body, status, whether it replays a first answer (idempotency), and
    where a browser goes next (a web form's thank-you page)."""
    body: dict
    status: int = 200
    replayed: bool = False
    location: str | None = None
