"""What the legal-aid services record in the action log (yuyang_union.history).

A case's moves are also rows of its own (`CaseStatusChange`, the case's status history, which
deadlines and reports read); each links the action entry of the move that wrote it.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.history.verbs import Detail, Verb

from .models.cases import CaseKind, CaseStatus

CASE_REGISTERED = Verb(
    "legal_aid.case.registered",
    _("Registered the case"),
    details={
        "kind": Detail(_("kind"), choices=CaseKind),
        "reference": Detail(_("reference number")),
        "applicants": Detail(_("applicants"), "count"),
    },
)
CASE_MOVED = Verb(
    "legal_aid.case.moved",
    _("Moved the case"),
    details={
        "from_status": Detail(pgettext_lazy("status change", "from"), choices=CaseStatus),
        "to_status": Detail(pgettext_lazy("status change", "to"), choices=CaseStatus),
        "on": Detail(_("date"), "date"),
        "amount_recovered": Detail(_("amount recovered"), "money"),
        "note": Detail(_("note")),
    },
)
DOCUMENT_ADDED = Verb(
    "legal_aid.case.document_added",
    _("Added a document to the case"),
    details={"title": Detail(_("title"))},
)
CONSULTATION_RECORDED = Verb(
    "legal_aid.consultation.recorded",
    _("Recorded the consultation"),
    details={"workers": Detail(_("workers served"), "count")},
)
