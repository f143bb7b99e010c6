"""Member accounts: the activation attempts that rate limiting counts, and the admin's view."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Member


class ActivationAttempt(models.Model):
    """One try at activating a member account, kept in the database so that every gunicorn
    worker counts the same attempts. Holds no personal data in the clear: the ID number is
    kept only as its keyed hash."""

    ip_address = models.GenericIPAddressField(_("IP address"))
    id_number_digest = models.CharField(_("ID number digest"), max_length=64, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("account activation attempt")
        verbose_name_plural = _("account activation attempts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["ip_address", "created_at"], name="activation_ip_time"),
            models.Index(fields=["id_number_digest", "created_at"], name="activation_id_time"),
        ]

    def __str__(self):
        return f"{self.ip_address} {self.created_at:%Y-%m-%d %H:%M}"


class MemberAccount(Member):
    """Members seen from the account side: the admin screen where staff create logins."""

    class Meta:
        proxy = True
        verbose_name = _("member account")
        verbose_name_plural = _("member accounts")
        permissions = [("create_member_account", _("Can create login accounts for members"))]
