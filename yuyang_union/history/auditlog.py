"""Field-by-field change history with django-auditlog, the same way for every app.

Identifiers are kept out of history in full: digest columns are excluded (a keyed hash is
no use to a reader and would let one match records), and ID numbers and phones are masked
with `yuyang_union.personal_data.masking.mask_identifier` before the entry is written. Apps
register their models in their AppConfig.ready():

    from yuyang_union.history.auditlog import register_history
    register_history(HardshipFile, identifiers=["id_number", "phone"])
    register_history(Contract, m2m_fields=["employers"])  # additions/removals logged

Who made a change is taken from `auditlog.context.set_actor`: auditlog's middleware sets the
signed-in user on every request, and the services set their `actor` (the system's too).
"""

from collections.abc import Callable, Iterable
from typing import Any, cast

from auditlog.receivers import check_disable
from auditlog.registry import auditlog
from django.db import models
from django.db.models.signals import m2m_changed

from yuyang_union.personal_data.fields import DigestField
from yuyang_union.search_columns import derived_name_fields

MASK_CALLABLE = "yuyang_union.personal_data.masking.mask_identifier"


def register_history(
    model: type[models.Model],
    *,
    identifiers: Iterable[str] = (),
    exclude: Iterable[str] = (),
    m2m_fields: Iterable[str] = (),
) -> None:
    """Register `model` with auditlog: digest fields excluded, `identifiers` masked.

    `m2m_fields` names many-to-many fields whose additions and removals are logged too
    (auditlog writes one "update" entry per add/remove/clear, naming the related objects).
    """
    digests = [f.name for f in model._meta.get_fields() if isinstance(f, DigestField)]
    # Search columns (grams, initials) follow the name: no change of their own.
    left_out = {"id", *digests, *derived_name_fields(model), *exclude}
    auditlog.register(
        model,
        # Only the model's own columns: reverse relations are not changes to the record.
        include_fields=[f.name for f in model._meta.concrete_fields if f.name not in left_out],
        exclude_fields=sorted(left_out),
        mask_fields=list(identifiers),
        mask_callable=MASK_CALLABLE,
        m2m_fields=set(m2m_fields),
    )
    for field_name in m2m_fields:
        _replace_m2m_receiver(model, field_name)


def _replace_m2m_receiver(model: type[models.Model], field_name: str) -> None:
    """Swap auditlog's many-to-many receiver for `_make_m2m_receiver`'s, on the same signal.

    The dispatch uid is auditlog's own, so `auditlog.unregister(model)` still disconnects it.
    """
    through = getattr(model, field_name).through
    dispatch_uid = auditlog._m2m_dispatch_uid(m2m_changed, through)
    m2m_changed.disconnect(sender=through, dispatch_uid=dispatch_uid)
    m2m_changed.connect(
        _make_m2m_receiver(model, field_name),
        sender=through,
        dispatch_uid=dispatch_uid,
        weak=False,
    )


def _make_m2m_receiver(owner_model: type[models.Model], field_name: str) -> Callable[..., None]:
    """auditlog's m2m receiver, with two faults of auditlog 3.x fixed.

    - `clear()`: auditlog logs every row of the related table as removed (a million
      employers in one entry; jazzband/django-auditlog#539). Here the rows linked just
      before the clear are remembered and logged.
    - Changes made from the other side (`employer.collective_contracts.add(contract)`):
      auditlog logs them on the employer under the contract's field name. Here each
      contract gets the entry, naming the employer, as if changed from the contract.
    """
    from auditlog.models import LogEntry

    field = cast("models.ManyToManyField[Any, Any]", owner_model._meta.get_field(field_name))
    # None only for a hidden reverse side, whose changes never come here.
    reverse_accessor = cast(str, field.remote_field.get_accessor_name())
    remembered = f"_history_clearing_{field_name}"

    @check_disable
    def receiver(
        sender: type[models.Model],
        instance: models.Model,
        action: str,
        reverse: bool,
        model: type[models.Model],
        pk_set: set[Any] | None,
        **kwargs: Any,
    ) -> None:
        # `model` is the class on the other side of `instance`; `pk_set` its rows.
        if action == "pre_clear":
            # What is about to be unlinked: the only moment it can still be read.
            linked = getattr(instance, reverse_accessor if reverse else field_name)
            setattr(instance, remembered, set(linked.values_list("pk", flat=True)))
            return
        if action == "post_clear":
            pk_set = instance.__dict__.pop(remembered, set())
        elif action not in ("post_add", "post_remove"):
            return
        if not pk_set:
            return
        operation = "add" if action == "post_add" else "delete"
        changed = model._default_manager.filter(pk__in=pk_set).order_by("pk")
        if not reverse:
            LogEntry.objects.log_m2m_changes(changed, instance, operation, field_name)
            return
        # From the other side: `instance` is the related row, `changed` the owners.
        for owner in changed:
            LogEntry.objects.log_m2m_changes([instance], owner, operation, field_name)

    return receiver
