"""Rate limits: a counter per integration and minute, taken with one conditional update."""
import time

from pynamodb.exceptions import UpdateError

from . import keys
from .models import RateWindowItem, bind_models

WINDOW_SECONDS = 60


def take(tenant: str, integration_id: str, limit: int, *, now: float | None = None) -> bool:
    """Count one post in this minute's window; False (and nothing counted) once `limit` are taken."""
    bind_models()
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    item = RateWindowItem(keys.rate_pk(tenant, integration_id, window))
    try:
        item.update(actions=[RateWindowItem.n.add(1),
                             RateWindowItem.expires_at.set(int((window + 2) * WINDOW_SECONDS))],
                    condition=RateWindowItem.n.does_not_exist() | (RateWindowItem.n < limit))
        return True
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
