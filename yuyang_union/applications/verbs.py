"""What the application services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

from .models import ApplicationKind, ApplicationStatus, DeclineReason

SUBMITTED = Verb(
    "applications.submitted",
    _("Submitted the application"),
    details={
        "kind": Detail(_("kind"), choices=ApplicationKind),
        "number": Detail(_("application number")),
        "documents": Detail(_("documents"), "count"),
    },
)
MOVED = Verb(
    "applications.moved",
    _("Moved the application"),
    details={
        "status": Detail(_("status"), choices=ApplicationStatus),
        "reason": Detail(_("reason"), choices=DeclineReason),
        "note": Detail(_("note")),
    },
)
DOCUMENT_OPENED = Verb(
    "applications.document_opened",
    _("Opened a document of the application"),
    details={"document": Detail(_("document"))},
)
