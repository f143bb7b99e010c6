"""Admin of every welfare model: scoped to the user's union subtree, in Chinese, audited."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuyang_union.excel.admin import ScopedImportExportMixin
from yuyang_union.history.admin import HistoryAdminMixin
from yuyang_union.list_filters import IndexedValuesFilter
from yuyang_union.pagination import BigTableAdmin
from yuyang_union.personal_data.admin import IdentifierAdminMixin
from yuyang_union.scoping.admin import ScopedAdmin
from yuyang_union.versions.admin import VersionedAdminMixin

from . import selectors, services
from .help_request_services import decline_requests_for_withdrawn_aid
from .models import (
    CheckupRound,
    EducationAid,
    EmploymentCampaign,
    Grant,
    HardshipHousehold,
    HealthCheckup,
    HouseholdPerson,
    HouseholdReview,
    MutualAidEnrolment,
    ReliefCampaign,
    ServiceSite,
    WomenWorkerService,
)
from .models.ledger import EntryQuerySet
from .money_steps import CONFIRM_LABELS, NOTHING_WAITS, money_question, tell_outcome
from .resources import EducationAidResource, GrantResource, HouseholdResource

# The year filter of the big yearly tables (enrolments, services, education aid): its years
# from the year's index, never a DISTINCT over every row (yuyang_union.list_filters).
YEAR_FILTER = IndexedValuesFilter.on("year", title=_("year"), newest_first=True)


class HouseholdPersonInline(admin.TabularInline):
    model = HouseholdPerson
    extra = 0
    autocomplete_fields = ["member"]


class HouseholdReviewInline(admin.TabularInline):
    model = HouseholdReview
    extra = 0
    fields = ["reviewed_on", "outcome", "reviewer", "notes"]
    readonly_fields = ["reviewer"]


@admin.register(HardshipHousehold)
class HardshipHouseholdAdmin(
    VersionedAdminMixin, ScopedImportExportMixin, HistoryAdminMixin, ScopedAdmin
):
    resource_classes = [HouseholdResource]
    scope_field = "union"
    list_display = ["head", "tier", "status", "union", "registered_on", "lifted_out_on"]
    list_filter = ["status", "tier", "lift_measure", "union__township"]
    list_select_related = ["head", "union"]
    search_fields = ["head__name"]
    autocomplete_fields = ["head", "union", "previous_file"]
    date_hierarchy = "registered_on"
    readonly_fields = ["registered_by", "created_at", "updated_at"]
    inlines = [HouseholdPersonInline, HouseholdReviewInline]
    fieldsets = [
        (
            _("Household"),
            {
                "fields": [
                    "head",
                    "union",
                    "household_size",
                    "causes",
                    "tier",
                    "monthly_income_per_person",
                    "situation",
                ]
            },
        ),
        (
            _("Status"),
            {
                "fields": [
                    "registered_on",
                    "status",
                    "lifted_out_on",
                    "lift_measure",
                    "cancelled_on",
                    "cancel_reason",
                    "previous_file",
                ]
            },
        ),
        (_("Record"), {"fields": ["registered_by", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registered_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, HouseholdReview) and instance.reviewer_id is None:
                instance.reviewer = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


@admin.register(HouseholdReview)
class HouseholdReviewAdmin(HistoryAdminMixin, ScopedAdmin):
    scope_field = "household__union"
    list_display = ["household", "reviewed_on", "outcome", "reviewer"]
    list_filter = ["outcome"]
    list_select_related = ["household__head", "reviewer"]
    search_fields = ["household__head__name"]
    autocomplete_fields = ["household"]
    readonly_fields = ["reviewer"]
    date_hierarchy = "reviewed_on"

    def save_model(self, request, obj, form, change):
        if obj.reviewer_id is None:
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)


@admin.register(HouseholdPerson)
class HouseholdPersonAdmin(ScopedAdmin):
    scope_field = "household__union"
    list_display = ["name", "relation", "household", "birth_year"]
    list_select_related = ["household__head"]
    search_fields = ["name"]
    autocomplete_fields = ["household", "member"]


@admin.register(ReliefCampaign)
class ReliefCampaignAdmin(VersionedAdminMixin, HistoryAdminMixin, BigTableAdmin):
    """Campaigns are county-wide: every welfare user sees them all."""

    list_display = [
        "name", "kind", "year", "budget", "fund_sources_column", "notice_starts", "notice_ends",
    ]  # fmt: skip
    list_filter = ["kind", "year"]
    search_fields = ["name"]

    @admin.display(description=_("fund sources"))
    def fund_sources_column(self, obj):
        return obj.get_fund_sources_display()


def _shown_fields(fields, model_admin, obj):
    def shown(name):
        return hasattr(model_admin, name) or hasattr(obj, name)

    kept = []
    for item in fields:
        if isinstance(item, list | tuple):
            line = tuple(name for name in item if shown(name))
            if line:
                kept.append(line)
        elif shown(item):
            kept.append(item)
    return kept


class PaidEntryAdminMixin:
    """The admin side of the paid-is-final rule, for every `PaidLedgerEntry` model.

    Workflow fields (state, who approved and when, the reversal link) are read-only: they
    change only through the approve / pay / reverse actions, which go through the services
    and need `welfare.approve_grant`. A paid entry opens as a read-only page: saving it or
    deleting it answers 403.
    """

    workflow_fields = [
        "state",
        "kind",
        "reverses",
        "proposed_by",
        "approved_by",
        "approved_at",
        "paid_on",
    ]
    actions = ["approve_selected", "pay_selected", "reverse_selected"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.is_paid:
            return fieldsets
        # Inputs that exist only on the form (e.g. an identifier's replacement box) have
        # nothing to show on a read-only page.
        return [
            (title, {**options, "fields": _shown_fields(options["fields"], self, obj)})
            for title, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_paid:
            # A paid entry is final: every field of the form is shown, none is an input.
            return flatten_fieldsets(self.get_fieldsets(request, obj))
        return [*super().get_readonly_fields(request, obj), *self.workflow_fields]

    def has_change_permission(self, request, obj=None):
        # A paid entry opens as a read-only page: there is nothing to save.
        if obj is not None and obj.is_paid:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_paid:
            return False
        return super().has_delete_permission(request, obj)

    def has_approve_permission(self, request):
        return request.user.has_perm(services.APPROVE_PERMISSION)

    # Every action that moves money asks first, as Django's delete does: an intermediate
    # page lists the entries it would act on, with their number and total, and only its
    # own POST ("post": "yes") acts; on those entries, and those still waiting for it.

    @admin.action(description=_("Approve the selected entries"), permissions=["approve"])
    def approve_selected(self, request, queryset):
        return self._confirmed_action(
            request,
            queryset,
            action="approve",
            eligible=EntryQuerySet.awaiting_approval,
            run=lambda entries: services.approve_entries(entries=entries, actor=request.user),
        )

    @admin.action(description=_("Mark the selected entries paid today"), permissions=["approve"])
    def pay_selected(self, request, queryset):
        today = timezone.localdate()
        return self._confirmed_action(
            request,
            queryset,
            action="pay",
            eligible=EntryQuerySet.approved_unpaid,
            run=lambda entries: services.pay_entries(
                entries=entries, paid_on=today, actor=request.user
            ),
        )

    @admin.action(
        description=_("Reverse the selected paid entries in full"), permissions=["approve"]
    )
    def reverse_selected(self, request, queryset):
        return self._confirmed_action(
            request,
            queryset,
            action="reverse",
            eligible=EntryQuerySet.reversible,
            run=lambda entries: services.reverse_entries_in_full(
                entries=entries,
                reason=str(_("Reversed in the administration")),
                actor=request.user,
            ),
        )

    def _confirmed_action(self, request, queryset, *, action, eligible, run):
        if request.POST.get("post") == "yes":
            chosen = queryset.count()
            tell_outcome(request, action, run(queryset), chosen)
            return None
        selection = selectors.money_selection([eligible(queryset)])
        if not selection.count:
            self.message_user(request, NOTHING_WAITS, messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Are you sure?"),
            "opts": self.model._meta,
            "question": money_question(action, selection, timezone.localdate()),
            "confirm_label": CONFIRM_LABELS[action],
            "selection": selection,
            "selected": list(eligible(queryset).values_list("pk", flat=True)),
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/welfare/confirm_money_action.html", context)


@admin.register(Grant)
class GrantAdmin(
    VersionedAdminMixin,
    PaidEntryAdminMixin,
    ScopedImportExportMixin,
    HistoryAdminMixin,
    ScopedAdmin,
):
    """A paid grant is read-only here and cannot be deleted; a reversal corrects it."""

    resource_classes = [GrantResource]
    scope_field = "union"
    list_display = [
        "campaign",
        "recipient",
        "union",
        "kind",
        "amount",
        "is_home_visit",
        "state",
        "granted_on",
        "paid_on",
    ]
    list_filter = ["state", "kind", "is_home_visit", "campaign__kind", "campaign__year"]
    list_select_related = ["campaign", "household__head", "member", "union"]
    search_fields = ["household__head__name", "member__name"]
    autocomplete_fields = ["campaign", "household", "member"]
    date_hierarchy = "granted_on"
    fields = [
        "campaign",
        "household",
        "member",
        "union",
        "amount",
        "form",
        "granted_on",
        "is_home_visit",
        "notes",
        "state",
        "kind",
        "reverses",
        "proposed_by",
        "approved_by",
        "approved_at",
        "paid_on",
    ]
    # The union follows the recipient (set on save).
    readonly_fields = ["union"]

    @admin.display(description=_("beneficiary"))
    def recipient(self, obj):
        return obj.recipient_name

    def save_model(self, request, obj, form, change):
        if not change:
            obj.proposed_by = request.user
        if obj.recipient_union is not None:
            obj.union = obj.recipient_union
        super().save_model(request, obj, form, change)


@admin.register(EducationAid)
class EducationAidAdmin(
    VersionedAdminMixin,
    PaidEntryAdminMixin,
    ScopedImportExportMixin,
    IdentifierAdminMixin,
    HistoryAdminMixin,
    ScopedAdmin,
):
    """As for grants: a paid education-aid grant is read-only; a reversal corrects it."""

    resource_classes = [EducationAidResource]
    scope_field = "union"
    identifier_fields = ["student_id_number"]
    list_display = [
        "student_name",
        "student_id_number_column",
        "year",
        "level",
        "school",
        "kind",
        "amount",
        "state",
        "paid_on",
        "union",
    ]
    list_filter = ["state", "kind", YEAR_FILTER, "level"]
    list_select_related = ["union", "campaign"]
    search_fields = ["student_name"]
    autocomplete_fields = ["campaign", "parent", "household", "union"]
    fieldsets = [
        (
            _("Student"),
            {"fields": ["student_name", "student_id_number", "school", "level"]},
        ),
        (
            _("Aid"),
            {"fields": ["campaign", "year", "amount", "parent", "household", "union", "notes"]},
        ),
        (
            _("Approval"),
            {
                "fields": [
                    "state",
                    "kind",
                    "reverses",
                    "proposed_by",
                    "approved_by",
                    "approved_at",
                    "paid_on",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.proposed_by = request.user
        super().save_model(request, obj, form, change)

    # A proposal deleted before payment was not granted: a member's request it came from is
    # answered (not approved, with the reason) in the same transaction.
    def delete_model(self, request, obj):
        with transaction.atomic():
            decline_requests_for_withdrawn_aid(actor=request.user, aids=[obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            decline_requests_for_withdrawn_aid(actor=request.user, aids=list(queryset))
            super().delete_queryset(request, queryset)


@admin.register(MutualAidEnrolment)
class MutualAidEnrolmentAdmin(VersionedAdminMixin, ScopedAdmin):
    scope_field = "member__union"
    list_display = ["member", "year", "plan", "premium", "claims_paid", "enrolled_on"]
    list_filter = [YEAR_FILTER, IndexedValuesFilter.on("plan", title=_("plan"))]
    list_select_related = ["member"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]


@admin.register(WomenWorkerService)
class WomenWorkerServiceAdmin(ScopedAdmin):
    scope_field = "member__union"
    list_display = ["member", "kind", "year", "served_on", "premium"]
    list_filter = ["kind", YEAR_FILTER]
    list_select_related = ["member"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]


class HealthCheckupInline(admin.TabularInline):
    model = HealthCheckup
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(CheckupRound)
class CheckupRoundAdmin(BigTableAdmin):
    list_display = ["held_on", "township", "partner", "examined"]
    list_filter = ["township"]
    list_select_related = ["township"]
    date_hierarchy = "held_on"
    inlines = [HealthCheckupInline]

    def get_queryset(self, request):
        # A count per round of the page (an index scan each), not a join and GROUP BY over
        # every checkup for the list and again for its count.
        examined = (
            HealthCheckup.objects.filter(round=models.OuterRef("pk"))
            .order_by()
            .values("round")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                examined_count=Coalesce(
                    models.Subquery(examined, output_field=models.IntegerField()), 0
                )
            )
        )

    @admin.display(description=_("members examined"), ordering="examined_count")
    def examined(self, obj):
        return obj.examined_count


@admin.register(HealthCheckup)
class HealthCheckupAdmin(ScopedAdmin):
    scope_field = "member__union"
    list_display = ["member", "round"]
    list_filter = [("round__held_on", admin.DateFieldListFilter)]
    list_select_related = ["member", "round__township"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]


@admin.register(EmploymentCampaign)
class EmploymentCampaignAdmin(BigTableAdmin):
    list_display = ["held_on", "name", "kind", "township", "jobs_offered", "applicants", "hires"]
    list_filter = ["kind", "township"]
    list_select_related = ["township"]
    search_fields = ["name"]
    autocomplete_fields = ["employers"]
    date_hierarchy = "held_on"


@admin.register(ServiceSite)
class ServiceSiteAdmin(ScopedAdmin):
    scope_field = "union"
    list_display = ["name", "kind", "township", "union", "opened_on", "active"]
    list_filter = ["kind", "active", "township"]
    list_select_related = ["township", "union"]
    search_fields = ["name"]
    autocomplete_fields = ["union"]
