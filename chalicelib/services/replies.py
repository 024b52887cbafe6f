"""What a service hands the API to render."""
from dataclasses import dataclass


@dataclass
class Reply:
    """A service result: body, status, and whether it replays a first answer (idempotency)."""
    body: dict
    status: int = 200
    replayed: bool = False
