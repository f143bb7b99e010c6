"""What the events services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

from .models import RegistrationStatus

EVENT_PUBLISHED = Verb("events.event.published", _("Published the event"))
EVENT_CANCELLED = Verb("events.event.cancelled", _("Cancelled the event"))
ATTENDANCE_RECORDED = Verb(
    "events.event.attendance_recorded",
    _("Recorded the attendance"),
    details={"count": Detail(_("attendance"), "count")},
)
SIGNED_UP = Verb(
    "events.registration.signed_up",
    _("Signed up"),
    details={"status": Detail(_("status"), choices=RegistrationStatus)},
)
SIGN_UP_CANCELLED = Verb("events.registration.cancelled", _("Cancelled the sign-up"))
MOVED_UP = Verb(
    "events.registration.moved_up",
    _("Moved up from the waiting list"),
)
CHECKED_IN = Verb("events.registration.checked_in", _("Checked in"))
CHECK_IN_UNDONE = Verb("events.registration.check_in_undone", _("Undid the check-in"))
ACCOUNT_ACTIVATED = Verb(
    "events.member.account_activated",
    _("Activated the member's account"),
    details={"username": Detail(_("username"))},
)
PASSWORD_RECOVERED = Verb(
    "events.member.password_recovered",
    _("Set a new password with a code sent to the phone"),
    details={"username": Detail(_("username"))},
)
ACCOUNT_CREATED = Verb(
    "events.member.account_created",
    _("Made an account for the member"),
    details={"username": Detail(_("username"))},
)
