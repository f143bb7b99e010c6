"""Admin of applications: a read-only register (answers go through the staff pages, which
run the services), and the calendar of holidays and exchanged working days."""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from yuyang_union.history.admin import HistoryAdminMixin
from yuyang_union.scoping.admin import ScopedAdmin
from yuyang_union.versions.admin import VersionedAdminMixin

from .models import Application, CalendarDay


@admin.register(Application)
class ApplicationAdmin(VersionedAdminMixin, HistoryAdminMixin, ScopedAdmin):
    list_display = [
        "number", "kind", "status", "applicant_name", "union", "submitted_at", "due_at",
        "answered_at", "staff_page",
    ]  # fmt: skip
    list_filter = ["kind", "status", "submitted_at"]
    list_select_related = ["union"]
    search_fields = ["=number"]
    search_help_text = _("The full application number, e.g. 入会申〔2026〕第12号.")
    ordering = ["-submitted_at", "-id"]
    shown: tuple[str, ...] = (
        "number", "kind", "status", "union", "applicant", "applicant_name",
        "contact_phone_masked", "submitted_at", "due_at", "answered_at", "accepted_at",
        "closed_at", "decline_reason", "decline_note", "outcome", "handled_by",
        "consent_version", "consented_at", "sensitive_consent",
    )  # fmt: skip
    fields = shown
    readonly_fields = shown

    @admin.display(description=_("mobile phone"))
    def contact_phone_masked(self, obj: Application) -> str:
        return obj.contact_phone_masked

    @admin.display(description=_("handle"))
    def staff_page(self, obj: Application) -> str:
        url = reverse("applications:staff-detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    ordering = ["-date"]
