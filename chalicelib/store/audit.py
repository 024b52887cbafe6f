"""Audit entries: who did what to a lead, customer or principal, when, through which channel."""
from . import keys
from .models import AuditItem, bind_models


def entry(tenant: str, entity: str, entity_id: str, *, action: str, actor: str, role: str, channel: str,
          at: str, changes: list[dict], entry_id: str) -> AuditItem:
    """An entry to write together with the change it records (never on its own)."""
    return AuditItem(keys.audit_pk(tenant, entity, entity_id), keys.audit_sk(at, entry_id), action=action,
                     actor=actor, role=role, channel=channel, at=at, changes=changes)


def read(tenant: str, entity: str, entity_id: str, *, limit: int,
         start: dict | None) -> tuple[list[AuditItem], dict | None]:
    """Newest first; the key to continue from, or None at the end."""
    bind_models()
    results = AuditItem.query(keys.audit_pk(tenant, entity, entity_id), scan_index_forward=False,
                              limit=limit, last_evaluated_key=start)
    entries = list(results)
    return entries, results.last_evaluated_key


def view(entry: AuditItem) -> dict:
    return {"at": entry.at, "action": entry.action, "actor": entry.actor, "role": entry.role,
            "channel": entry.channel, "changes": entry.changes}
