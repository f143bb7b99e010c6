"""The identifier access log, the permissions around identifiers, and the key fingerprints."""

import pgtrigger
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessChannel(models.TextChoices):
    LIST = "list", _("List page")
    DETAIL = "detail", _("Detail page")
    EXPORT = "export", _("Export")
    PAGE = "page", _("Staff page")
    REVEAL = "reveal", _("Revealed on request")
    SEARCH = "search", _("Search by identifier")
    SUBJECT = "subject", _("Copy of a person's data")


class AccessReason(models.TextChoices):
    """Why a user asked to see an identifier in full: the purpose PIPL asks to be recorded."""

    VERIFY = "verify", _("Verify the person's identity")
    CASEWORK = "casework", _("Handle an application or case")
    CONTACT = "contact", _("Contact the person")
    CORRECT = "correct", _("Check or correct the record")
    SUBJECT_REQUEST = "subject", _("The person's own request")
    AUDIT = "audit", _("Inspection or audit")


class IdentifierAccessLog(models.Model):
    """One row each time a user is shown an ID number or phone in full, or finds a record by one.

    Generic (content type + object id) so every app that stores identifiers logs here:
    call `yuyang_union.personal_data.access_log.log_identifier_access(...)`. Evidence of who
    saw whose number, where, when and why: nobody may change a row (a trigger refuses UPDATE
    for every role, the site's database role may not DELETE), and only the retention purge,
    run as the owner role, removes rows older than the retention period.
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
    channel = models.CharField(_("how"), max_length=10, choices=AccessChannel.choices)
    reason = models.CharField(_("purpose"), max_length=10, choices=AccessReason.choices, blank=True)
    page = models.CharField(_("page"), max_length=200, blank=True)
    accessed_at = models.DateTimeField(_("accessed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("identifier access")
        verbose_name_plural = _("identifier access log")
        ordering = ["-accessed_at", "-id"]
        default_permissions = ("view",)
        # Site-wide: who may see ID numbers and phones in full, and who may hand a person a
        # copy of everything held about them (PIPL art. 45), in every app.
        permissions = [
            ("view_personal_identifiers", _("Can see ID numbers and phones in full")),
            ("export_personal_data", _("Can produce a copy of a person's data")),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="idaccess_record"),
            models.Index(fields=["user", "accessed_at"], name="idaccess_user_time"),
            models.Index(fields=["channel", "accessed_at"], name="idaccess_channel_time"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="access_log_unchangeable", operation=pgtrigger.Update, when=pgtrigger.Before
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.object_repr} · {self.get_field_display()}"

    def get_field_display(self) -> str:
        """The field as its record's form names it ("身份证号码"), not its attribute name."""
        model = self.content_type.model_class() if self.content_type_id else None
        try:
            field = model._meta.get_field(self.field) if model else None
        except FieldDoesNotExist:
            field = None
        return str(getattr(field, "verbose_name", self.field))


class KeyFingerprint(models.Model):
    """A fingerprint of each personal-data key the stored identifiers are encrypted under.

    The fingerprint is a keyed hash that cannot give the key back. A process that starts
    with a key missing from this table (a typo, another machine's .env) must not read or
    write identifiers: see `crypto.key_state`.
    """

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal-data key fingerprint")
        verbose_name_plural = _("personal-data key fingerprints")
        default_permissions = ()

    def __str__(self) -> str:
        return self.fingerprint[:12]
