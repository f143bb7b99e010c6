"""Administration of the legal services' records.

Case files (cases, applicants, documents, status changes, view log) need
`legal_aid.view_case_file` on top of the model permissions; opening a case's change page
is written to the view log. Statuses move only through the staff case page (services).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from yuyang_union import roles
from yuyang_union.excel.admin import ScopedImportExportMixin
from yuyang_union.history.admin import HistoryAdminMixin, ReadOnlyAdminMixin
from yuyang_union.pagination import BigTableAdmin
from yuyang_union.personal_data.admin import IdentifierAdminMixin
from yuyang_union.personal_data.masking import mask_id_number, mask_phone
from yuyang_union.scoping.admin import ScopedAdmin
from yuyang_union.versions.admin import VersionedAdminMixin

from . import services
from .forms import CollectiveContractAdminForm
from .models import (
    Appraisal,
    Case,
    CaseApplicant,
    CaseDocument,
    CaseNumberCounter,
    CaseStatusChange,
    CaseViewLog,
    CollectiveContract,
    Consultation,
    HarmonyRating,
    LawFirm,
    Lawyer,
    LegalHelpRequest,
    OutreachEvent,
)
from .resources import AppraisalResource, CollectiveContractResource, ConsultationResource


class CaseFileAccessMixin:
    """Every right on a case file also needs `legal_aid.view_case_file`."""

    def _may_see_case_files(self, request):
        return services.can_view_case_files(request.user)

    def has_module_permission(self, request):
        return self._may_see_case_files(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_see_case_files(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._may_see_case_files(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._may_see_case_files(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_see_case_files(request) and super().has_delete_permission(request, obj)


class MaskedIdentifiersMixin:
    """On an existing record, every user gets a masked read-only value instead of the input
    (whose value attribute would carry the number to the browser); the case page reveals a
    number on purpose. When adding, the inputs are empty, so everyone may type them."""

    masked_identifiers = {"id_number": "masked_id_number", "phone": "masked_phone"}

    def _hides_identifiers(self, request, obj):
        return obj is not None

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self._hides_identifiers(request, obj):
            return [self.masked_identifiers.get(name, name) for name in fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._hides_identifiers(request, obj):
            fields += list(self.masked_identifiers.values())
        return fields

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj):
        return mask_id_number(getattr(obj, "id_number_plain", obj.id_number)) if obj.pk else ""

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone) if obj.pk else ""


@admin.register(LawFirm)
class LawFirmAdmin(BigTableAdmin):
    list_display = ["name", "office_phone", "address"]
    search_fields = ["name"]


@admin.register(Lawyer)
class LawyerAdmin(HistoryAdminMixin, IdentifierAdminMixin, BigTableAdmin):
    identifier_fields = ("phone",)
    list_display = ["name", "firm", "licence_number", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["firm"]
    search_fields = ["name"]
    autocomplete_fields = ["firm", "employers_served"]
    fields = ["name", "firm", "licence_number", "phone", "employers_served", "is_active"]


@admin.register(Consultation)
class ConsultationAdmin(
    VersionedAdminMixin, ScopedImportExportMixin, HistoryAdminMixin, BigTableAdmin
):
    resource_classes = [ConsultationResource]
    list_display = [
        "date", "channel", "topics_column", "workers_served", "employer_column", "lawyer",
    ]  # fmt: skip
    list_filter = ["channel", "date"]
    list_select_related = ["employer", "lawyer__firm"]
    date_hierarchy = "date"
    autocomplete_fields = ["employer", "lawyer"]

    @admin.display(description=_("topics"))
    def topics_column(self, obj):
        return obj.get_topics_display()

    @admin.display(description=pgettext_lazy("labour law", "employer"), ordering="employer__name")
    def employer_column(self, obj):
        return obj.employer_display


@admin.register(OutreachEvent)
class OutreachEventAdmin(BigTableAdmin):
    list_display = ["date", "kind", "title", "place", "employer", "attendance"]
    list_filter = ["kind", "date"]
    list_select_related = ["employer"]
    date_hierarchy = "date"
    autocomplete_fields = ["employer", "lawyers"]
    search_fields = ["title"]


class CaseApplicantInline(CaseFileAccessMixin, MaskedIdentifiersMixin, admin.TabularInline):
    model = CaseApplicant
    extra = 1
    autocomplete_fields = ["member"]
    fields = ["member", "name", "id_number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


class CaseStatusChangeInline(CaseFileAccessMixin, ReadOnlyAdminMixin, admin.TabularInline):
    model = CaseStatusChange
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    can_delete = False


class CaseDocumentInline(CaseFileAccessMixin, admin.TabularInline):
    model = CaseDocument
    extra = 0
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]

    def has_change_permission(self, request, obj=None):
        # Documents are evidence: add new ones, never replace a file.
        return False


@admin.register(Case)
class CaseAdmin(VersionedAdminMixin, CaseFileAccessMixin, HistoryAdminMixin, ScopedAdmin):
    scope_field = "respondent__union"
    list_display = [
        "reference",
        "kind",
        "status",
        "respondent_column",
        "matter",
        "received_on",
        "due_on",
        "overdue_column",
        "workers_involved",
        "amount_recovered",
    ]
    list_filter = ["kind", "status", "matter", "year"]
    list_select_related = ["respondent"]
    search_fields = ["=reference"]
    date_hierarchy = "received_on"
    autocomplete_fields = ["respondent", "lawyer"]
    readonly_fields = [
        "reference",
        "status",
        "accepted_on",
        "due_on",
        "concluded_on",
        "closed_on",
        "staff_page_link",
    ]
    inlines = [CaseApplicantInline, CaseDocumentInline, CaseStatusChangeInline]
    fieldsets = [
        (
            _("Case"),
            {
                "fields": [
                    "reference",
                    "kind",
                    "matter",
                    "received_on",
                    "status",
                    "staff_page_link",
                ]
            },
        ),
        (_("Parties"), {"fields": ["respondent", "respondent_name", "workers_involved"]}),
        (_("Money"), {"fields": ["amount_claimed", "amount_recovered"]}),
        (_("Handling"), {"fields": ["assigned_staff", "lawyer", "facts", "outcome"]}),
        (
            _("Dates"),
            {"fields": ["accepted_on", "due_on", "concluded_on", "closed_on"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_staff":
            # The people who handle cases: active users of the legal role (a short list).
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, groups__name=roles.LEGAL)
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("kind")  # the reference number depends on it
        return fields

    @admin.display(description=_("respondent"))
    def respondent_column(self, obj):
        return obj.respondent_display

    @admin.display(description=_("overdue"), boolean=True)
    def overdue_column(self, obj):
        # Blank for cases without a running deadline: "not overdue" would say too much.
        return obj.is_overdue() if obj.is_running_mediation else None

    @admin.display(description=_("Staff page"))
    def staff_page_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), _("Move the case and its documents")
        )

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # The reference number comes from the per-kind-year counter.
            services.register_case(case=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, CaseDocument) and not instance.pk:
                services.save_case_document(actor=request.user, document=instance)
            else:
                instance.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_opening(request, object_id, response)
        return response

    def history_links(self, request, obj):
        """The case's status history and who opened it: records of their own, linked here."""
        links = []
        for model, label in (
            (CaseStatusChange, _("Status changes of this case")),
            (CaseViewLog, _("Who opened this case")),
        ):
            opts = model._meta
            if request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                links.append((label, f"{url}?case__id__exact={obj.pk}"))
        return links

    def history_view(self, request, object_id, extra_context=None):
        # The history shows the case's contents too: an opening like any other.
        response = super().history_view(request, object_id, extra_context)
        self._log_opening(request, object_id, response)
        return response

    def _log_opening(self, request, object_id, response):
        """Only a page actually shown (200 to a GET) is an opening; a refusal raised before."""
        if request.method == "GET" and response.status_code == 200:
            services.log_case_view(
                actor=request.user,
                case=Case(pk=int(unquote(object_id))),
                via=CaseViewLog.Via.ADMIN,
            )

    # Nothing posted on a case's form goes into error reports: the applicants' ID numbers (in
    # inline rows, "applicants-0-id_number"...) and the confidential facts alike.
    @method_decorator(sensitive_post_parameters())
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)


@admin.register(CaseDocument)
class CaseDocumentAdmin(CaseFileAccessMixin, ScopedAdmin):
    scope_field = "case__respondent__union"
    list_display = ["title", "case", "original_name", "uploaded_by", "uploaded_at"]
    list_select_related = ["case", "uploaded_by"]
    autocomplete_fields = ["case"]
    fields = ["case", "title", "file", "original_name", "uploaded_by", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_by", "uploaded_at"]

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.save_case_document(actor=request.user, document=obj)


@admin.register(CaseStatusChange)
class CaseStatusChangeAdmin(CaseFileAccessMixin, ReadOnlyAdminMixin, ScopedAdmin):
    scope_field = "case__respondent__union"
    list_display = ["case", "from_status", "to_status", "changed_by", "changed_at", "note"]
    list_filter = ["to_status"]
    list_select_related = ["case", "changed_by"]


@admin.register(CaseViewLog)
class CaseViewLogAdmin(CaseFileAccessMixin, ReadOnlyAdminMixin, BigTableAdmin):
    list_display = ["viewed_at", "user", "case", "via"]
    list_filter = ["via"]
    list_select_related = ["user", "case"]
    date_hierarchy = "viewed_at"


@admin.register(Appraisal)
class AppraisalAdmin(
    VersionedAdminMixin,
    ScopedImportExportMixin,
    HistoryAdminMixin,
    IdentifierAdminMixin,
    BigTableAdmin,
):
    resource_classes = [AppraisalResource]
    identifier_fields = ("id_number",)
    list_display = [
        "appraised_on",
        "kind",
        "display_name",
        "id_number_column",
        "employer",
        "result_display",
    ]
    list_filter = ["kind", "appraised_on"]
    list_select_related = ["member", "employer"]
    date_hierarchy = "appraised_on"
    autocomplete_fields = ["member", "employer"]
    fields = [
        "kind",
        "member",
        "name",
        "id_number",
        "employer",
        "applied_on",
        "appraised_on",
        "injury_grade",
        "approved",
        "notes",
    ]

    @admin.display(description=pgettext_lazy("person", "name"))
    def display_name(self, obj):
        return obj.display_name

    @admin.display(description=_("result"))
    def result_display(self, obj):
        return obj.result_display


@admin.register(CollectiveContract)
class CollectiveContractAdmin(
    VersionedAdminMixin, ScopedImportExportMixin, HistoryAdminMixin, ScopedAdmin
):
    resource_classes = [CollectiveContractResource]
    form = CollectiveContractAdminForm
    scope_field = "union"
    list_display = [
        "title",
        "union",
        "kind",
        "scope",
        "signed_on",
        "expires_on",
        "workers_covered",
        "filed_with_hrss",
    ]
    list_filter = ["kind", "scope", "filed_with_hrss", "signed_on", "expires_on"]
    list_select_related = ["union"]
    date_hierarchy = "signed_on"
    search_fields = ["title"]
    autocomplete_fields = ["union", "employers"]


@admin.register(HarmonyRating)
class HarmonyRatingAdmin(HistoryAdminMixin, BigTableAdmin):
    list_display = ["year", "employer", "level", "awarding_level"]
    list_filter = ["awarding_level", "level", "year"]
    list_select_related = ["employer"]
    autocomplete_fields = ["employer"]


@admin.register(CaseNumberCounter)
class CaseNumberCounterAdmin(CaseFileAccessMixin, ReadOnlyAdminMixin, BigTableAdmin):
    """The last reference number given per kind and year; written only by the services."""

    list_display = ["kind", "year", "last_number"]
    list_filter = ["kind"]


@admin.register(LegalHelpRequest)
class LegalHelpRequestAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    """Members' legal help requests, to read: they are answered on the application's page
    (记录为法律咨询, 立案受理), and written only through the services."""

    scope_field = "application__union"
    list_display = [
        "application", "applicant_column", "matter", "employer_column", "amount_owed",
        "workers_affected", "status_column",
    ]  # fmt: skip
    list_filter = ["matter"]
    list_select_related = ["application", "employer"]
    fields = [
        "application", "applicant_column", "status_column", "matter", "what_happened",
        "employer_column", "amount_owed", "workers_affected",
    ]  # fmt: skip
    # Nothing here is edited (the employer shows as employer_column, registered or typed).
    readonly_fields = [*fields, "employer", "employer_name"]

    @admin.display(description=pgettext_lazy("person", "applicant"))
    def applicant_column(self, obj):
        return obj.application.applicant_name

    @admin.display(description=_("status"))
    def status_column(self, obj):
        return obj.application.get_status_display()

    @admin.display(description=pgettext_lazy("labour law", "employer"))
    def employer_column(self, obj):
        return obj.employer_display
