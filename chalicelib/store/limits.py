"""Rate limits: a counter per integration and minute, taken with one conditional update."""
import math
import time

from pynamodb.exceptions import UpdateError

from . import keys
from .models import RateWindowItem, bind_models

WINDOW_SECONDS = 60
clock = time.time                                        # the tests pin it inside one minute


def take(tenant: str, integration_id: str, limit: int, *, now: float | None = None) -> int:
    """Count one post in this minute's window: 0 if taken; once `limit` are taken, nothing is
    counted and the answer is the seconds until the next window opens (at least 1)."""
    bind_models()
    now = clock() if now is None else now
    window = int(now // WINDOW_SECONDS)
    item = RateWindowItem(keys.rate_pk(tenant, integration_id, window))
    try:
        item.update(actions=[RateWindowItem.n.add(1),
                             RateWindowItem.expires_at.set(int((window + 2) * WINDOW_SECONDS))],
                    condition=RateWindowItem.n.does_not_exist() | (RateWindowItem.n < limit))
        return 0
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
        raise
