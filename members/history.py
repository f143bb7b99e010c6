"""Change history (django-auditlog) for the members app, and the pattern for every app.

Identifiers are kept out of history in full: digest columns are excluded (a keyed hash is
no use to a reader and would let one match records), and ID numbers and phones are masked
with `members.masking.mask_identifier` before the entry is written. Other apps register their
models the same way in their AppConfig.ready():

    from members.history import register_history
    register_history(HardshipFile, identifiers=["id_number", "phone"])

Who made a change is taken from `auditlog.context.set_actor`, which the admin mixin
(`members.admin_base.HistoryAdminMixin`) and the services (`actor=` argument) set.
"""

from auditlog.registry import auditlog

from .fields import DigestField

MASK_CALLABLE = "members.masking.mask_identifier"


def register_history(model, *, identifiers=(), exclude=()):
    """Register `model` with auditlog: digest fields excluded, `identifiers` masked."""
    digests = [f.name for f in model._meta.get_fields() if isinstance(f, DigestField)]
    left_out = {"id", *digests, *exclude}
    auditlog.register(
        model,
        # Only the model's own columns: reverse relations are not changes to the record.
        include_fields=[f.name for f in model._meta.concrete_fields if f.name not in left_out],
        exclude_fields=sorted(left_out),
        mask_fields=list(identifiers),
        mask_callable=MASK_CALLABLE,
    )


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
