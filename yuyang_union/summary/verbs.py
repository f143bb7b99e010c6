"""What the summary's services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

SNAPSHOT_TAKEN = Verb(
    "summary.snapshot.taken",
    _("Froze the figures as a snapshot"),
    details={"start": Detail(_("from"), "date"), "end": Detail(_("to"), "date")},
)
