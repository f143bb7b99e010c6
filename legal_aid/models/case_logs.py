"""What happened to a case and who opened it: data in their own right (the status history
feeds deadlines and reports; the view log answers "who read this file")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.history.models import ActionEntry

from .cases import Case, CaseStatus


class CaseStatusChange(models.Model):
    """One move of a case: who, when, from, to, and why; linked to its action log entry."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        pgettext_lazy("status change", "from"),
        max_length=20,
        choices=CaseStatus.choices,
        blank=True,
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"),
        max_length=20,
        choices=CaseStatus.choices,
        db_index=True,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The act that made this move, in the action log (moves from before the log have none).
    action = models.OneToOneField(
        ActionEntry,
        verbose_name=_("action log entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="case_status_change",
    )

    class Meta:
        verbose_name = _("case status change")
        verbose_name_plural = _("case status changes")
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["case", "changed_at"], name="case_change_case_at")]

    def __str__(self):
        start = self.get_from_status_display() if self.from_status else "—"
        return f"{self.case}：{start} → {self.get_to_status_display()}"


class CaseViewLog(models.Model):
    """Written every time staff open a case file (staff page or admin)."""

    class Via(models.TextChoices):
        STAFF_PAGE = "staff", _("Staff page")
        ADMIN = "admin", _("Administration")
        DOCUMENT = "document", _("Document download")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="view_logs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    via = models.CharField(_("via"), max_length=10, choices=Via.choices, db_index=True)
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("case view log entry")
        verbose_name_plural = _("case view log")
        ordering = ["-viewed_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-viewed_at"], name="case_view_case_at"),
            models.Index(fields=["-viewed_at", "-id"], name="case_view_at"),
        ]

    def __str__(self):
        return f"{self.case} · {self.user} · {self.viewed_at:%Y-%m-%d %H:%M}"
