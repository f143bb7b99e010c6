"""What the benchmark commands share (`benchmark_import`, `benchmark_export`,
`benchmark_admin`): a run inside a transaction rolled back at the end, on throwaway records
(staff signed in with their second factor passed), measured by the process's own resident
memory (Linux's /proc)."""

import contextlib
import datetime
import statistics
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import StaffProfile, UnionOrganisation
from yuyang_union.accounts.reauth import CHECKED_AT
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


def throwaway_officer(role: str, union: UnionOrganisation) -> Any:
    """A staff user in `role`'s group, limited to `union`'s subtree."""
    user = get_user_model().objects.create_user(
        username=f"benchmark-{uuid.uuid4().hex[:8]}", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    StaffProfile.objects.create(user=user, union=union)
    return user


def signed_in_client(user: Any) -> Client:
    """An in-process client signed in as `user` with their second factor passed: the user gets
    a confirmed authenticator (throwaway, like the user) and the session counts as verified
    and freshly checked, as after the sign-in page and the code."""
    client = Client(HTTP_HOST=_allowed_host())
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[CHECKED_AT] = int(time.time())
    session.save()
    return client


def _allowed_host() -> str:
    """A host name the site accepts (ALLOWED_HOSTS), for the client's requests."""
    for host in settings.ALLOWED_HOSTS:
        if host == "*":
            break
        if "*" not in host:
            return host.lstrip(".") or "localhost"
    return "localhost"


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


def estimated_rows(tables: list[str]) -> dict[str, int]:
    """{table: the planner's estimate of its rows} (no count: 0 for a table never analysed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)",
            [tables],
        )
        return {table: max(rows, 0) for table, rows in sorted(cursor.fetchall())}


def scale_line() -> str:
    """Which database a benchmark ran on, and its size (the planner's estimates)."""
    sizes = estimated_rows(["members_member", "members_unionorganisation", "welfare_grant"])
    return (
        f"database {connection.settings_dict['NAME']}: "
        f"~{sizes.get('members_member', 0):,} members, "
        f"~{sizes.get('members_unionorganisation', 0):,} unions, "
        f"~{sizes.get('welfare_grant', 0):,} grants"
    )


# Timing pages in-process (benchmark_admin) ------------------------------------------------


@dataclass(frozen=True)
class PageTiming:
    """One page's median time over the runs, its queries (in the last run) and its status."""

    median_ms: float
    queries: int
    status: int


def time_page(
    client: Client, url: str, *, repeat: int, data: dict[str, str] | None = None
) -> PageTiming:
    """GET `url` (or POST `data` to it) once to warm up, then `repeat` times timed."""

    def request() -> int:
        if data is not None:
            return int(client.post(url, data, secure=True).status_code)
        return int(client.get(url, secure=True).status_code)

    request()
    times = []
    status = queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = request()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    return PageTiming(statistics.median(times), queries, status)
