"""What the account services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

SECOND_FACTOR_ENROLLED = Verb(
    "accounts.user.second_factor_enrolled", _("Set up the second sign-in factor")
)
RECOVERY_CODES_RENEWED = Verb("accounts.user.recovery_codes_renewed", _("Made new recovery codes"))
RECOVERY_CODE_USED = Verb(
    "accounts.user.recovery_code_used",
    _("Signed in with a recovery code"),
    details={"left": Detail(_("recovery codes left"), "count")},
)
SECOND_FACTOR_RESET = Verb(
    "accounts.user.second_factor_reset",
    _("Reset the second sign-in factor"),
    details={"devices": Detail(_("devices removed"), "count")},
)
LOCKOUT_LIFTED = Verb(
    "accounts.user.lockout_lifted",
    _("Lifted a sign-in lockout"),
    details={"target": Detail(_("locked out"))},
)
