from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from yuyang_union.bounds import at_most, not_before_1949
from yuyang_union.choice_array import ChoiceArrayField
from yuyang_union.search_columns import (
    NameInitialsField,
    NameInitialsMixin,
    grams_field,
    grams_index,
    initials_index,
)

from ..reference import EmploymentGroup


class Township(models.Model):
    """A township or subdistrict (乡镇/街道) of the county: reference data."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


class UnionKind(models.TextChoices):
    COUNTY_FEDERATION = "county", _("County federation")
    TOWNSHIP_FEDERATION = "township", _("Township or subdistrict union")
    INDUSTRY = "industry", _("Industry union")
    GRASSROOTS = "grassroots", _("Grassroots union")
    JOINT = "joint", _("Joint union (many small employers)")


class UnionOrganisationQuerySet(MP_NodeQuerySet):
    def subtree(self, union):
        """The union and everything under it, at any depth: one indexed prefix match."""
        return self.filter(path__startswith=union.path)

    def founded_between(self, start, end):
        return self.filter(founded_on__gte=start, founded_on__lte=end)


class UnionOrganisationManager(MP_NodeManager):
    def get_queryset(self):
        return UnionOrganisationQuerySet(self.model, using=self._db).order_by("path")


class UnionOrganisation(NameInitialsMixin, MP_Node):
    """A union in the tree under the county federation (materialised path, django-treebeard)."""

    steplen = 4
    node_order_by = []

    name = models.CharField(_("name"), max_length=120, db_index=True)
    # Search columns (yuyang_union.search_columns): any part of the name, pinyin initials.
    name_grams = grams_field("name")
    name_initials = NameInitialsField(max_length=120, source="name")
    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Organisation code used in imports; optional."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnionKind.choices, db_index=True)
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unions",
    )
    founded_on = models.DateField(
        _("founded on"), null=True, blank=True, db_index=True, validators=[not_before_1949]
    )
    founding_members = models.PositiveIntegerField(
        _("members at founding"),
        default=0,
        help_text=_("Members the union brought in when it was founded (建会)."),
        validators=[at_most(1_000_000)],
    )
    chair_name = models.CharField(_("chair"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, help_text=_("The union office's phone.")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Routes online join applications of workers without a workplace union (members.joining).
    employment_groups = ChoiceArrayField(
        models.CharField(max_length=20, choices=EmploymentGroup.choices),
        verbose_name=_("new-employment-form groups it takes in"),
        blank=True,
        default=list,
        help_text=_(
            "For an industry union: the groups whose workers without a workplace union "
            "join through it (e.g. couriers, food-delivery riders)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = UnionOrganisationManager.from_queryset(UnionOrganisationQuerySet)()
    # The path to its union, for scoped choices (yuyang_union.scoping): itself.
    scope_field = ""

    class Meta:
        verbose_name = _("union organisation")
        verbose_name_plural = _("union organisations")
        ordering = ["path"]
        permissions = [("import_unionorganisation", _("Can import unions from Excel"))]
        indexes = [
            grams_index("name", name="union_name_grams"),
            initials_index("name", name="union_name_initials"),
            # Treebeard lists the top of the tree by depth (the unions changelist), in order.
            models.Index(fields=["depth", "path"], name="union_depth_path"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(founding_members__gte=0),
                name="union_founding_members_gte_0",
                violation_error_code="union_founding_members_gte_0",
                violation_error_message=_("The number of founding members cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """Attaches a staff user to a union: the user then sees only that union's subtree.

    A staff user without a profile (or with no union) works at county level and sees all.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        help_text=_("Leave empty for county-level staff, who see every union."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)
