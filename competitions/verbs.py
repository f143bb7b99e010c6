"""What the competitions services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.history.verbs import Detail, Verb

from .models import Award, CompetitionStatus, TitleKind

STATUS_CHANGED = Verb(
    "competitions.competition.status_changed",
    _("Changed the competition's status"),
    details={
        "from_status": Detail(pgettext_lazy("status change", "from"), choices=CompetitionStatus),
        "to_status": Detail(pgettext_lazy("status change", "to"), choices=CompetitionStatus),
    },
)
SCORES_SAVED = Verb(
    "competitions.event.scores_saved",
    _("Saved the scores"),
    details={"entries": Detail(_("entries changed"), "count")},
)
ENTRY_ADDED = Verb(
    "competitions.entry.added",
    _("Entered the member"),
    details={"event": Detail(_("event")), "award": Detail(_("award"), choices=Award)},
)
ENTRIES_IMPORTED = Verb(
    "competitions.competition.entries_imported",
    _("Imported entries"),
    details={"entries": Detail(_("entries"), "count")},
)
TITLE_AWARDED = Verb(
    "competitions.title.awarded",
    _("Awarded the title"),
    details={"kind": Detail(_("title"), choices=TitleKind), "name": Detail(_("name"))},
)
HONOUR_RECORDED = Verb(
    "competitions.honour.recorded",
    _("Recorded as the member's honour"),
    details={"honour": Detail(_("honour"))},
)
