"""What the members services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

TRANSFER_RELEASED = Verb(
    "members.transfer.released",
    _("Released the member to another union"),
    details={"to_union": Detail(_("to union")), "reason": Detail(_("reason"))},
)
TRANSFER_ACCEPTED = Verb(
    "members.transfer.accepted",
    _("Accepted the transfer"),
    details={"note": Detail(_("note"))},
)
TRANSFER_REFUSED = Verb(
    "members.transfer.refused",
    _("Refused the transfer"),
    details={"note": Detail(_("note"))},
)
TRANSFER_CANCELLED = Verb(
    "members.transfer.cancelled",
    _("Withdrew the transfer"),
    details={"note": Detail(_("note"))},
)
