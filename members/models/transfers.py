from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .members import Member
from .organisations import UnionOrganisation


class TransferStatus(models.TextChoices):
    RELEASED = "released", _("Released by the sending union")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class MembershipTransfer(models.Model):
    """会籍转移: the sending union releases, the receiving union accepts or refuses.

    The member's union changes only on acceptance (members.services.accept_transfer).
    """

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="transfers"
    )
    from_union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("from union"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("to union"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TransferStatus.choices,
        default=TransferStatus.RELEASED,
        db_index=True,
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership transfer")
        verbose_name_plural = _("membership transfers")
        ordering = ["-released_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_union=models.F("to_union")),
                name="transfer_between_two_unions",
                violation_error_code="transfer_between_two_unions",
                violation_error_message=_("A transfer must go to a different union."),
            ),
            # At most one pending transfer per member.
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="released"),
                name="transfer_one_pending_per_member",
                violation_error_code="transfer_one_pending_per_member",
                violation_error_message=_(
                    "This member already has a transfer waiting to be received."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.member.name}: {self.from_union} → {self.to_union}"
