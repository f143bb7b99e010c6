"""Member services of the summary's 服务职工 section: mutual aid, women workers' cover,
check-ups, employment campaigns and service sites."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer, Member, Township, UnionOrganisation
from yuyang_union.bounds import MoneyCeiling, at_most, not_before_1949, plausible_year
from yuyang_union.page_cache.models import PageArea, bumps_page_version
from yuyang_union.versions.models import VersionedModel, version_trigger


class MutualAidEnrolment(VersionedModel):
    """A member's yearly enrolment in the medical mutual-aid cover (参保, counted 人次)."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="mutual_aid_enrolments",
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, validators=[plausible_year])
    plan = models.CharField(_("plan"), max_length=60)
    enrolled_on = models.DateField(_("enrolled on"), db_index=True, validators=[not_before_1949])
    premium = models.DecimalField(
        _("premium (yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MoneyCeiling("mutual_aid")],
    )
    claims_paid = models.DecimalField(
        _("claims paid (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MoneyCeiling("mutual_aid")],
    )

    class Meta:
        triggers = [version_trigger()]
        verbose_name = _("mutual-aid enrolment")
        verbose_name_plural = _("mutual-aid enrolments")
        ordering = ["-year", "id"]
        indexes = [
            # The admin list (1.6M rows at a municipality's size): its order, and the choices
            # of its plan filter (yuyang_union.list_filters walks the index).
            models.Index(fields=["-year", "id"], name="mutualaid_year_id"),
            models.Index(fields=["plan"], name="mutualaid_plan"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year", "plan"],
                name="mutualaid_one_per_member_year_plan",
                violation_error_code="mutualaid_one_per_member_year_plan",
                violation_error_message=_(
                    "This member is already enrolled in this plan this year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(premium__gte=0, claims_paid__gte=0),
                name="mutualaid_amounts_not_negative",
                violation_error_code="mutualaid_amounts_not_negative",
                violation_error_message=_("Premium and claims cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.plan} {self.member.name}"


class WomenServiceKind(models.TextChoices):
    INSURANCE = "insurance", _("Women workers' special-disease insurance")
    SCREENING = "screening", _("Two-cancer screening")


class WomenWorkerService(models.Model):
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="women_services",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=WomenServiceKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, validators=[plausible_year])
    served_on = models.DateField(_("date"), db_index=True, validators=[not_before_1949])
    premium = models.DecimalField(
        _("premium (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MoneyCeiling("mutual_aid")],
    )

    class Meta:
        verbose_name = _("women workers' service")
        verbose_name_plural = _("women workers' services")
        ordering = ["-served_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "year"],
                name="womenservice_one_per_member_kind_year",
                violation_error_code="womenservice_one_per_member_kind_year",
                violation_error_message=_("This member already has this service this year."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()} {self.member.name}"


class CheckupRound(models.Model):
    """A free health check-up (公益体检) on one day, in one township, with a partner."""

    held_on = models.DateField(_("date"), db_index=True, validators=[not_before_1949])
    township = models.ForeignKey(
        Township, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    partner = models.CharField(_("partner"), max_length=100, blank=True)
    members = models.ManyToManyField(
        Member, verbose_name=_("members examined"), through="HealthCheckup", related_name="+"
    )

    class Meta:
        verbose_name = _("health check-up round")
        verbose_name_plural = _("health check-up rounds")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.held_on} {self.township}"


class HealthCheckup(models.Model):
    round = models.ForeignKey(
        CheckupRound,
        verbose_name=_("check-up round"),
        on_delete=models.CASCADE,
        related_name="checkups",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="checkups"
    )

    class Meta:
        verbose_name = _("health check-up")
        verbose_name_plural = _("health check-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"],
                name="checkup_one_per_member_per_round",
                violation_error_code="checkup_one_per_member_per_round",
                violation_error_message=_("This member is already in this check-up round."),
            ),
        ]

    def __str__(self):
        return f"{self.round} {self.member.name}"


class EmploymentCampaignKind(models.TextChoices):
    ASSISTANCE_MONTH = "assistance_month", _("Employment and entrepreneurship assistance month")
    PRIVATE_RECRUITMENT = "private_week", _("Private-enterprise recruitment week")
    SPRING_BREEZE = "spring_breeze", _("Spring Breeze campaign")
    OTHER = "other", pgettext_lazy("employment campaign", "Other")


class EmploymentCampaign(models.Model):
    """A job fair of the employment campaigns; counted in jobs offered."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=EmploymentCampaignKind.choices, db_index=True
    )
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=120)
    held_on = models.DateField(_("date"), db_index=True, validators=[not_before_1949])
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    employers = models.ManyToManyField(
        Employer, verbose_name=_("employers attending"), blank=True, related_name="+"
    )
    jobs_offered = models.PositiveIntegerField(
        _("jobs offered"), default=0, validators=[at_most(1_000_000)]
    )
    applicants = models.PositiveIntegerField(
        _("job seekers"), default=0, validators=[at_most(1_000_000)]
    )
    hires = models.PositiveIntegerField(_("hires"), default=0, validators=[at_most(1_000_000)])

    class Meta:
        verbose_name = _("employment campaign event")
        verbose_name_plural = _("employment campaign events")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.held_on} {self.name}"

    def clean(self):
        if self.hires > self.applicants:
            raise ValidationError({"hires": _("More hires than applicants.")})


class SiteKind(models.TextChoices):
    WORKERS_HOME = "workers_home", _("Workers' home")
    OUTDOOR_STATION = "outdoor_station", _("Outdoor workers' service station")


class ServiceSiteQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class ServiceSite(models.Model):
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices, db_index=True)
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="service_sites",
    )
    township = models.ForeignKey(
        Township, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=200)
    opened_on = models.DateField(_("opened on"), db_index=True)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    facilities = models.CharField(
        _("facilities"),
        max_length=200,
        blank=True,
        help_text=_("E.g. drinking water, rest seats, toilet, microwave, phone charging."),
    )
    active = models.BooleanField(_("open to the public"), default=True, db_index=True)

    objects = ServiceSiteQuerySet.as_manager()

    class Meta:
        triggers = [bumps_page_version(PageArea.SERVICE_SITES)]
        verbose_name = _("service site")
        verbose_name_plural = _("service sites")
        ordering = ["township__ordering", "name"]
        indexes = [models.Index(fields=["active", "township"], name="site_active_township")]

    def __str__(self):
        return self.name
