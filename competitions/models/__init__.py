from .competitions import (
    HELD_STATUSES,
    STATUS_TRANSITIONS,
    Competition,
    CompetitionEvent,
    CompetitionKind,
    CompetitionLevel,
    CompetitionStatus,
    CoOrganiser,
    Participation,
)
from .entries import Award, CompetitionTitle, Entry, TitleKind

__all__ = [
    "HELD_STATUSES",
    "STATUS_TRANSITIONS",
    "Award",
    "CoOrganiser",
    "Competition",
    "CompetitionEvent",
    "CompetitionKind",
    "CompetitionLevel",
    "CompetitionStatus",
    "CompetitionTitle",
    "Entry",
    "Participation",
    "TitleKind",
]
