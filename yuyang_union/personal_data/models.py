"""The identifier access log, and the permission to see identifiers in full."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessChannel(models.TextChoices):
    LIST = "list", _("List page")
    DETAIL = "detail", _("Detail page")
    EXPORT = "export", _("Export")
    PAGE = "page", _("Staff page")


class IdentifierAccessLog(models.Model):
    """One row each time a permitted user is shown an ID number or phone in full.

    Generic (content type + object id) so every app that stores identifiers logs here:
    call `yuyang_union.personal_data.access_log.log_identifier_access(...)`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="identifier_accesses",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("record id"), max_length=40)
    # Masked, so the log itself never holds an identifier in full.
    object_repr = models.CharField(_("record"), max_length=200)
    field = models.CharField(_("field"), max_length=50)
    channel = models.CharField(_("where"), max_length=10, choices=AccessChannel.choices)
    accessed_at = models.DateTimeField(_("accessed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("identifier access")
        verbose_name_plural = _("identifier access log")
        ordering = ["-accessed_at", "-id"]
        default_permissions = ("view",)
        # Site-wide: who may see ID numbers and phones in full, in every app.
        permissions = [
            ("view_personal_identifiers", _("Can see ID numbers and phones in full")),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="idaccess_record"),
            models.Index(fields=["user", "accessed_at"], name="idaccess_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.object_repr} · {self.field}"
