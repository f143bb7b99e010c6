from django.db import models
from django.utils.translation import gettext_lazy as _

from yuyang_union.bounds import at_most
from yuyang_union.search_columns import grams_field, grams_index
from yuyang_union.validators import normalize_credit_code, validate_credit_code

from .organisations import Township, UnionOrganisation


class Ownership(models.TextChoices):
    STATE = "state", _("State-owned")
    PRIVATE = "private", _("Private (non-public)")
    FOREIGN = "foreign", _("Foreign-invested")
    PUBLIC_INSTITUTION = "institution", _("Public institution")
    SOCIAL_ORGANISATION = "social", _("Social organisation")


class Industry(models.TextChoices):
    """Sections of the national industry classification (GB/T 4754)."""

    AGRICULTURE = "A", _("Agriculture, forestry, animal husbandry and fishery")
    MINING = "B", _("Mining")
    MANUFACTURING = "C", _("Manufacturing")
    UTILITIES = "D", _("Electricity, heat, gas and water")
    CONSTRUCTION = "E", _("Construction")
    TRADE = "F", _("Wholesale and retail")
    TRANSPORT = "G", _("Transport, storage and post")
    HOSPITALITY = "H", _("Accommodation and catering")
    IT = "I", _("Information technology")
    FINANCE = "J", _("Finance")
    REAL_ESTATE = "K", _("Real estate")
    BUSINESS_SERVICES = "L", _("Leasing and business services")
    RESEARCH = "M", _("Scientific research and technical services")
    ENVIRONMENT = "N", _("Water, environment and public facilities")
    RESIDENT_SERVICES = "O", _("Resident and repair services")
    EDUCATION = "P", _("Education")
    HEALTH = "Q", _("Health and social work")
    CULTURE = "R", _("Culture, sports and entertainment")
    PUBLIC_ADMINISTRATION = "S", _("Public administration and social organisations")


class Employer(models.Model):
    name = models.CharField(_("name"), max_length=150, db_index=True)
    # Any part of the name (yuyang_union.search_columns).
    name_grams = grams_field("name")
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    ownership = models.CharField(
        _("ownership"), max_length=20, choices=Ownership.choices, db_index=True
    )
    industry = models.CharField(
        _("industry"), max_length=2, choices=Industry.choices, blank=True, db_index=True
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
    )
    headcount = models.PositiveIntegerField(
        _("headcount"), default=0, validators=[at_most(1_000_000)]
    )
    is_new_economy = models.BooleanField(
        _("“three new” organisation"),
        default=False,
        db_index=True,
        help_text=_("New economy, new social organisation or new employment form."),
    )
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
        help_text=_("The union that covers this employer, if any."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The path to its union, for scoped choices (yuyang_union.scoping): its union.
    scope_field = "union"

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        permissions = [("import_employer", _("Can import employers from Excel"))]
        indexes = [grams_index("name", name="employer_name_grams")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credit_code__isnull=True)
                | models.Q(credit_code__regex=r"^[0-9A-Z]{18}$"),
                name="employer_credit_code_format",
                violation_error_code="employer_credit_code_format",
                violation_error_message=_(
                    "A unified social credit code has 18 digits or capital letters."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.credit_code:
            self.credit_code = normalize_credit_code(self.credit_code)
        else:
            self.credit_code = None  # blank means "none", and NULLs do not clash on unique
