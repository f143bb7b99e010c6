"""Member accounts: codes sent by SMS, the attempts that rate limiting counts, and the admin's
view of accounts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Member


class CodePurpose(models.TextChoices):
    ACTIVATION = "activation", _("Account activation")
    RECOVERY = "recovery", _("Password recovery")


class AttemptKind(models.TextChoices):
    REQUESTED = "requested", _("Code requested")
    SENT = "sent", _("Message sent")
    WRONG_CODE = "wrong_code", _("Wrong code")


class AccountAttempt(models.Model):
    """One step of activating an account or recovering a password, kept in the database so
    that every gunicorn worker counts the same attempts for the rate limits: a code asked for
    (by address, phone and ID number typed), a message sent (to a member), a wrong code.

    Holds no personal data in the clear: the phone and the ID number only as keyed hashes.
    """

    purpose = models.CharField(_("purpose"), max_length=20, choices=CodePurpose.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=AttemptKind.choices)
    ip_address = models.GenericIPAddressField(_("IP address"))
    phone_digest = models.CharField(_("phone digest"), max_length=64, blank=True)
    id_number_digest = models.CharField(_("ID number digest"), max_length=64, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # account_attempt_member_time serves it
    )
    created_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("account attempt")
        verbose_name_plural = _("account attempts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["ip_address", "created_at"], name="account_attempt_ip_time"),
            models.Index(fields=["phone_digest", "created_at"], name="account_attempt_phone_time"),
            models.Index(fields=["id_number_digest", "created_at"], name="account_attempt_id_time"),
            models.Index(fields=["member", "created_at"], name="account_attempt_member_time"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.ip_address} {self.created_at:%Y-%m-%d %H:%M}"


class PhoneCode(models.Model):
    """A one-time code sent by SMS to a member's phone on the roster, for activating their
    account or setting a new password. Only a keyed hash of the code is kept; it is good once,
    for CODE_MINUTES, and dies after a few wrong tries."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=CodePurpose.choices)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    wrong_tries = models.PositiveSmallIntegerField(_("wrong tries"), default=0)

    class Meta:
        verbose_name = _("SMS code")
        verbose_name_plural = _("SMS codes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"


class MemberAccount(Member):
    """Members seen from the account side: the admin screen where staff create logins."""

    class Meta:
        proxy = True
        verbose_name = _("member account")
        verbose_name_plural = _("member accounts")
        permissions = [("create_member_account", _("Can create login accounts for members"))]
