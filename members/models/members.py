from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.bounds import not_before_1949
from yuyang_union.personal_data.crypto import digest_phone, id_number_digests, phone_digests
from yuyang_union.personal_data.fields import (
    DigestField,
    MobilePhoneField,
    ResidentIDNumberField,
    fill_digests,
)
from yuyang_union.personal_data.masking import age_band, mask_id_number, mask_phone
from yuyang_union.search_columns import (
    NameInitialsField,
    NameInitialsMixin,
    grams_field,
    grams_index,
    initials_index,
)
from yuyang_union.validators import id_birth_date, id_sex, normalize_id_number, validate_id_number
from yuyang_union.versions.models import VersionedModel, version_trigger

from ..reference import ETHNICITY_CHOICES, EmploymentGroup
from .employers import Employer
from .organisations import UnionOrganisation
from .union_counts import member_count_triggers


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TRANSFERRED_OUT = "transferred", _("Transferred out")
    RETIRED = "retired", _("Retired")
    LEFT = "left", _("Left")
    DECEASED = "deceased", _("Deceased")


class MemberQuerySet(models.QuerySet):
    def in_subtree(self, union):
        return self.filter(union__path__startswith=union.path)

    def with_id_number(self, number):
        """Exact match through the keyed hash; the plain number is never in the query."""
        return self.filter(id_number_digest__in=id_number_digests(number))

    def with_phone(self, phone):
        return self.filter(phone_digest__in=phone_digests(phone))

    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)


class Member(NameInitialsMixin, VersionedModel):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, db_index=True)
    # Search columns (yuyang_union.search_columns): any part of the name, pinyin initials.
    name_grams = grams_field("name")
    name_initials = NameInitialsField(max_length=50, source="name", person=True)
    id_number = ResidentIDNumberField(_("ID number"))
    id_number_digest = DigestField(source="id_number", unique=True)
    birth_date = models.DateField(_("birth date"), editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=10, choices=ETHNICITY_CHOICES, default="土家族"
    )
    phone = MobilePhoneField(_("mobile phone"), blank=True)
    phone_digest = DigestField(source="phone", db_index=True)
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("member", "employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    joined_on = models.DateField(_("joined on"), db_index=True, validators=[not_before_1949])
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MemberStatus.choices,
        default=MemberStatus.ACTIVE,
        db_index=True,
    )
    is_migrant_worker = models.BooleanField(_("migrant worker"), default=False, db_index=True)
    employment_group = models.CharField(
        _("new-employment-form group"),
        max_length=20,
        choices=EmploymentGroup.choices,
        blank=True,
        db_index=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MemberQuerySet.as_manager()
    # The path to its union, for scoped choices (yuyang_union.scoping): its union.
    scope_field = "union"

    class Meta:
        # The version check; the triggers that keep each union's active count (UnionMemberCount).
        triggers = [version_trigger(), *member_count_triggers()]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name", "id"]
        permissions = [
            ("import_member", _("Can import members from Excel")),
        ]
        indexes = [
            models.Index(fields=["union", "status"], name="member_union_status"),
            models.Index(fields=["name", "id"], name="member_name_id"),
            grams_index("name", name="member_name_grams"),
            initials_index("name", name="member_name_initials"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id_number_digest__isnull=False),
                name="member_id_number_required",
                violation_error_code="member_id_number_required",
                violation_error_message=_("Enter the member's ID number."),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.id_number_masked}）"

    def save(self, *args, **kwargs):
        self.derive_from_id_number()
        super().save(*args, **kwargs)

    def clean(self):
        """Fill the derived fields and digests, and refuse a second member with the same ID.

        The digests are normally filled on save; full_clean needs them earlier for the
        constraints, and the duplicate check gives a message instead of an IntegrityError.
        """
        super().clean()
        try:
            validate_id_number(self.id_number or "")
        except ValidationError:
            self.phone_digest = digest_phone(self.phone)
            return  # reported on the field by clean_fields
        self.derive_from_id_number()
        fill_digests(self)
        if getattr(self, "duplicates_checked", False):
            return  # an import checked the whole file in a few queries
        duplicates = Member.objects.with_id_number(self.id_number)
        if duplicates.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"id_number": _("A member with this ID number is already registered.")}
            )

    @property
    def id_number_masked(self):
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self):
        return mask_phone(self.phone)

    @property
    def age_band(self):
        """ "30–39岁": what a page may show of a member's age beside the masked ID number
        (the birth date, or an exact age, would give the hidden digits back)."""
        return age_band(self.birth_date)

    def derive_from_id_number(self):
        """Birth date and sex are read from the ID number, never typed a second time."""
        if self.id_number:
            self.id_number = normalize_id_number(self.id_number)
            self.birth_date = id_birth_date(self.id_number)
            self.sex = id_sex(self.id_number)
