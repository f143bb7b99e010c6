"""Each union's active members, kept by the database.

The unions changelist shows every union's active members and those of its whole subtree. At
a million members, counting them per page was a scan of every member under the root (seconds).
`UnionMemberCount` holds one row per union that has ever had an active member, and three
statement-level triggers on the member table keep it right: they read the statement's
transition tables (the rows it inserted, updated or deleted) and add the net change per union
in one upsert. So every way of writing members counts, the ORM, `bulk_create`, a bulk
`update()`, COPY (`yuyang_union.database.copy`) and raw SQL alike; TRUNCATE is the owner's
alone (the site role may not) and would need `recount()` after it.

The site role keeps its row rights on the table (the triggers run as the role that writes the
members); the owner creates the triggers with `migrate`. A subtree's total is read from these
rows, never stored: a union moved in the tree (its path changes) counts under its new parent at
once (`members.selectors.subtree_active_counts`).

Upserts go in union order, so two statements changing the same unions wait for each other
rather than deadlock; each union's row is locked until its writer commits.
"""

import pgtrigger
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from yuyang_union.database.triggers import OwnerOnlyIgnoreTrigger

from .organisations import UnionOrganisation

# The SQL below is literal text (no values from outside): the table is this model's,
# 'active' is MemberStatus.ACTIVE (members.py imports this module, so not imported here).

# Adds each union's net change, from a SELECT of (union_id, change) rows, to its count.
UPSERT = """
    INSERT INTO members_unionmembercount (union_id, active)
    SELECT union_id, sum(change) FROM ({changes}) AS changes
    GROUP BY union_id HAVING sum(change) <> 0 ORDER BY union_id
    ON CONFLICT (union_id) DO UPDATE SET active = members_unionmembercount.active + EXCLUDED.active;
    RETURN NULL;
"""
ADDED = "SELECT union_id, 1 AS change FROM new_members WHERE status = 'active'"
REMOVED = "SELECT union_id, -1 AS change FROM old_members WHERE status = 'active'"


def member_count_triggers() -> list[OwnerOnlyIgnoreTrigger]:
    """For `Member.Meta.triggers`: one trigger per operation (PostgreSQL allows transition
    tables only on a trigger of one event)."""

    def trigger(name: str, operation: pgtrigger.Operation, changes: str) -> OwnerOnlyIgnoreTrigger:
        return OwnerOnlyIgnoreTrigger(
            name=name,
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=pgtrigger.Referencing(
                old="old_members" if "old_members" in changes else None,
                new="new_members" if "new_members" in changes else None,
            ),
            func=UPSERT.format(changes=changes),
        )

    return [
        trigger("union_count_on_insert", pgtrigger.Insert, ADDED),
        trigger("union_count_on_update", pgtrigger.Update, f"{ADDED} UNION ALL {REMOVED}"),
        trigger("union_count_on_delete", pgtrigger.Delete, REMOVED),
    ]


# Every union's count from the members themselves, in one statement: the data migration that
# introduced the table, and `recount()`.
RECOUNT = """
    INSERT INTO members_unionmembercount (union_id, active)
    SELECT unions.id, coalesce(counted.active, 0)
    FROM members_unionorganisation AS unions LEFT JOIN (
        SELECT union_id, count(*) AS active FROM members_member WHERE status = 'active'
        GROUP BY union_id
    ) AS counted ON counted.union_id = unions.id
    ON CONFLICT (union_id) DO UPDATE SET active = EXCLUDED.active
"""


class UnionMemberCountQuerySet(models.QuerySet["UnionMemberCount"]):
    def recount(self) -> None:
        """Count every union's active members again (after a TRUNCATE, or to check)."""
        with connection.cursor() as cursor:
            cursor.execute(RECOUNT)


class UnionMemberCount(models.Model):
    """A union's active members, maintained by triggers on the member table (see above)."""

    union = models.OneToOneField(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="member_count",
    )
    active = models.IntegerField(_("active members"), default=0)

    objects = UnionMemberCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("union member count")
        verbose_name_plural = _("union member counts")

    def __str__(self) -> str:
        return f"{self.union_id}: {self.active}"
