"""What the benchmark commands share (`benchmark_import`, `benchmark_export`): a run inside
a transaction rolled back at the end, on throwaway records, measured by the process's own
resident memory (Linux's /proc)."""

import contextlib
import datetime
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from members.models import UnionOrganisation
from yuyang_union.validators import id_check_char

# ID numbers of a region code the demo never uses, so that they cannot collide with its.
REGION = "500299"


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a transaction that is always rolled back: nothing outlives it."""
    with contextlib.suppress(_Rollback), transaction.atomic():
        yield
        raise _Rollback


def throwaway_union() -> UnionOrganisation:
    root = UnionOrganisation.objects.get_first_root_node()
    union: UnionOrganisation = root.add_child(
        name=f"基准测试工会{uuid.uuid4().hex[:6]}", kind="grassroots"
    )
    return union


def throwaway_superuser() -> Any:
    return get_user_model().objects.create_user(
        username=f"benchmark-{uuid.uuid4().hex[:8]}", is_staff=True, is_superuser=True
    )


def id_number(n: int) -> str:
    """The n-th of distinct valid ID numbers (1,000 a birth date)."""
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 1000)
    first17 = f"{REGION}{birth:%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def status_kb(key: str) -> int:
    """A line of /proc/self/status in kB (VmRSS: resident now; VmHWM: its high water)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def reset_high_water_mark() -> None:
    # Writing 5 to clear_refs resets VmHWM to the current resident set (Linux 4.0+), so
    # that the mark measures what follows, not what came before.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def scale_line() -> str:
    """Which database a benchmark ran on, and its size (the planner's estimates: no count)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)",
            [["members_member", "members_unionorganisation", "welfare_grant"]],
        )
        sizes = dict(cursor.fetchall())
    return (
        f"database {connection.settings_dict['NAME']}: "
        f"~{max(sizes.get('members_member', 0), 0):,} members, "
        f"~{max(sizes.get('members_unionorganisation', 0), 0):,} unions, "
        f"~{max(sizes.get('welfare_grant', 0), 0):,} grants"
    )
