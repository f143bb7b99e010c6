"""Change history (django-auditlog) for the members app, and the pattern for every app.

Identifiers are kept out of history in full: digest columns are excluded (a keyed hash is
no use to a reader and would let one match records), and ID numbers and phones are masked
with `members.masking.mask_identifier` before the entry is written. Other apps register their
models the same way in their AppConfig.ready():

    from members.history import register_history
    register_history(HardshipFile, identifiers=["id_number", "phone"])
    register_history(Contract, m2m_fields=["employers"])  # additions/removals logged

Who made a change is taken from `auditlog.context.set_actor`, which the admin mixin
(`members.admin_base.HistoryAdminMixin`) and the services (`actor=` argument) set.
"""

from auditlog.receivers import check_disable
from auditlog.registry import auditlog
from django.db.models.signals import m2m_changed

from .fields import DigestField

MASK_CALLABLE = "members.masking.mask_identifier"


def register_history(model, *, identifiers=(), exclude=(), m2m_fields=()):
    """Register `model` with auditlog: digest fields excluded, `identifiers` masked.

    `m2m_fields` names many-to-many fields whose additions and removals are logged too
    (auditlog writes one "update" entry per add/remove/clear, naming the related objects).
    """
    digests = [f.name for f in model._meta.get_fields() if isinstance(f, DigestField)]
    left_out = {"id", *digests, *exclude}
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


def _replace_m2m_receiver(model, field_name):
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


def _make_m2m_receiver(owner_model, field_name):
    """auditlog's m2m receiver, with two faults of auditlog 3.x fixed.

    - `clear()`: auditlog logs every row of the related table as removed (a million
      employers in one entry; jazzband/django-auditlog#539). Here the rows linked just
      before the clear are remembered and logged.
    - Changes made from the other side (`employer.collective_contracts.add(contract)`):
      auditlog logs them on the employer under the contract's field name. Here each
      contract gets the entry, naming the employer, as if changed from the contract.
    """
    from auditlog.models import LogEntry

    field = owner_model._meta.get_field(field_name)
    reverse_accessor = field.remote_field.get_accessor_name()
    remembered = f"_history_clearing_{field_name}"

    @check_disable
    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
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


def register_members_history():
    from .models import Employer, Honour, Member, MembershipTransfer, UnionOrganisation

    # Treebeard's bookkeeping columns change whenever a sibling moves: noise in a history.
    register_history(
        UnionOrganisation, exclude=["path", "depth", "numchild", "created_at", "updated_at"]
    )
    register_history(Employer, exclude=["created_at", "updated_at"])
    register_history(
        Member, identifiers=["id_number", "phone"], exclude=["created_at", "updated_at"]
    )
    register_history(MembershipTransfer)
    register_history(Honour, exclude=["created_at"])


def log_bulk_creation(instances):
    """History entries for rows written by `bulk_create` (which sends no model signals).

    The entries are the ones auditlog's post_save receiver would have written (same diff,
    masking, repr, correlation id), written in one INSERT per 500.
    """
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry
    from django.conf import settings

    changed = [
        (
            instance,
            model_instance_diff(
                None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
            ),
        )
        for instance in instances
        if instance.pk is not None
    ]
    return _log_bulk(changed, LogEntry.Action.CREATE)


def log_bulk_update(changed):
    """History entries for rows changed by `bulk_update` or `QuerySet.update()` (no signals).

    `changed` is [(instance, {"field": [old, new]})], the diff as auditlog writes it.
    """
    from auditlog.models import LogEntry

    return _log_bulk(changed, LogEntry.Action.UPDATE)


def _log_bulk(changed, action):
    """Write [(instance, changes)] as auditlog entries of one model, 500 per INSERT.

    The actor and address come from `auditlog.context.set_actor` as for a single save: its
    receiver is run on each entry the way `LogEntry.save()` would run it.
    """
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_disabled
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.contrib.contenttypes.models import ContentType
    from django.db import router
    from django.db.models.signals import pre_save
    from django.utils.encoding import smart_str

    changed = [(instance, changes) for instance, changes in changed if changes]
    if not changed or auditlog_disabled.get():
        return []
    model = type(changed[0][0])
    if not auditlog.contains(model):
        return []
    content_type = ContentType.objects.get_for_model(model)
    using = router.db_for_write(LogEntry)
    cid = get_cid()
    entries = []
    for instance, changes in changed:
        entry = LogEntry(
            content_type=content_type,
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=smart_str(instance)[:200],
            serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
            action=action,
            changes=changes,
            cid=cid,
        )
        get_additional_data = getattr(instance, "get_additional_data", None)
        if callable(get_additional_data):
            entry.additional_data = get_additional_data()
        # set_actor fills actor, e-mail and address in a pre_save receiver of LogEntry.
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
        entries.append(entry)
    return LogEntry.objects.using(using).bulk_create(entries, batch_size=500)


def displayed_changes(entry):
    """What one history entry changed, as [{"label", "text"}] for the history page.

    auditlog's `changes_display_dict` shows fields as before → after, but it has no form for
    many-to-many changes (it would show the keys of their dict): those read as the objects
    added or removed.
    """
    from django.utils.translation import gettext

    model = entry.content_type.model_class()
    many_to_many = {}
    for name, change in entry.changes_dict.items():
        if isinstance(change, dict) and change.get("type") == "m2m" and model is not None:
            many_to_many[str(model._meta.get_field(name).verbose_name)] = change
    rows = []
    for label, values in entry.changes_display_dict.items():
        change = many_to_many.get(str(label))
        if change is not None:
            template = (
                gettext("added: %(objects)s")
                if change.get("operation") == "add"
                else gettext("removed: %(objects)s")
            )
            text = template % {"objects": "、".join(change.get("objects", []))}
        else:
            text = " → ".join(str(value) for value in values)
        rows.append({"label": label, "text": text})
    return rows
