from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer
from yuyang_union.personal_data.fields import DigestField, MobilePhoneField
from yuyang_union.personal_data.masking import mask_phone


class LawFirm(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    office_phone = models.CharField(
        _("office phone"), max_length=20, blank=True, help_text=_("The firm's switchboard.")
    )

    class Meta:
        verbose_name = _("law firm")
        verbose_name_plural = _("law firms")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Lawyer(models.Model):
    """A volunteer lawyer of the 千名律师进企业 campaign, and the employers he or she serves."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, db_index=True)
    firm = models.ForeignKey(
        LawFirm,
        verbose_name=_("law firm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lawyers",
    )
    licence_number = models.CharField(
        _("practising licence number"), max_length=30, unique=True, null=True, blank=True
    )
    phone = MobilePhoneField(_("mobile phone"), blank=True)
    phone_digest = DigestField(source="phone", db_index=True)
    employers_served = models.ManyToManyField(
        Employer,
        verbose_name=_("employers served"),
        blank=True,
        related_name="volunteer_lawyers",
    )
    is_active = models.BooleanField(pgettext_lazy("lawyer", "active"), default=True, db_index=True)

    class Meta:
        verbose_name = _("volunteer lawyer")
        verbose_name_plural = _("volunteer lawyers")
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name}（{self.firm}）" if self.firm_id else self.name

    @property
    def phone_masked(self):
        return mask_phone(self.phone)

    def clean(self):
        # Blank means "none", and NULLs do not clash on the unique constraint.
        self.licence_number = (self.licence_number or "").strip() or None
