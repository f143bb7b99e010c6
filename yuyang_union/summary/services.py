"""Writes of the summary: freezing a period's figures as a snapshot, and comparing one."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from yuyang_union.history.actions import log_action
from yuyang_union.users import Actor

from . import verbs
from .compose import compute_summary, sort_key
from .formatting import format_change, format_value
from .models import Snapshot
from .registry import FIGURES_BY_KEY, MEASURE_WORDS


@transaction.atomic
def create_snapshot(
    *, actor: Actor, name: str, start: datetime.date, end: datetime.date
) -> Snapshot:
    """Freeze the figures of start..end under `name` (values kept as exact decimal strings)."""
    summary = compute_summary(start, end, by_year=False)
    snapshot = Snapshot(
        name=name,
        start=start,
        end=end,
        values={key: str(value) for key, value in summary.values().items()},
        created_by=actor,
    )
    snapshot.full_clean()
    snapshot.save()
    log_action(
        actor=actor, verb=verbs.SNAPSHOT_TAKEN, obj=snapshot, data={"start": start, "end": end}
    )
    return snapshot


@dataclass
class SnapshotRow:
    key: str
    label: str
    frozen: str  # formatted, "" if the snapshot did not have the figure
    current: str
    change: str  # "+3家", "" when unchanged
    changed: bool


def compare_snapshot(snapshot: Snapshot) -> list["SnapshotRow"]:
    """Each figure as frozen and as the records give it today for the same period."""
    current = compute_summary(snapshot.start, snapshot.end, by_year=False).by_key
    rows = []
    keys = set(snapshot.values) | set(current)
    for key in sorted(keys, key=sort_key):
        figure = current.get(key)
        spec = FIGURES_BY_KEY.get(key)
        unit = figure.unit if figure else (spec.unit if spec else "")
        measure = (
            figure.measure if figure else str(spec.measure if spec else MEASURE_WORDS.get(unit, ""))
        )
        label = figure.label if figure else (str(spec.label) if spec else key)
        frozen_value = Decimal(snapshot.values[key]) if key in snapshot.values else None
        current_value = Decimal(figure.value) if figure else None
        change = ""
        if frozen_value is not None and current_value is not None:
            change = format_change(current_value - frozen_value, unit, measure)
        rows.append(
            SnapshotRow(
                key=key,
                label=label,
                frozen="" if frozen_value is None else format_value(frozen_value, unit, measure),
                current="" if current_value is None else format_value(current_value, unit, measure),
                change=change,
                changed=bool(change) or (frozen_value is None) != (current_value is None),
            )
        )
    return rows
