"""The drills `manage.py fault_drill` runs, in order; append a function to add one."""

from collections.abc import Callable
from typing import NamedTuple


class DrillResult(NamedTuple):
    name: str
    tried: str  # what the drill did, for the operator
    lost: int  # what did not survive: rows, requests answered wrongly, differences


Drill = Callable[[], DrillResult]


def drills() -> list[Drill]:
    # Imported here: each drill module may import Django models and the test client.
    from .backup import backup_drill
    from .durability import durability_drill
    from .mistakes import (
        double_submit_drill,
        import_truth_drill,
        lost_update_drill,
        money_by_mistake_drill,
        typos_drill,
    )
    from .outage import outage_drill

    return [
        import_truth_drill,
        lost_update_drill,
        money_by_mistake_drill,
        typos_drill,
        double_submit_drill,
        durability_drill,
        outage_drill,
        backup_drill,
    ]
