from django.contrib import admin

from yuyang_union.constraints import ConstraintsCheckedAdminMixin
from yuyang_union.history.admin import HistoryAdminMixin

from .models import Snapshot, YearlyTally


@admin.register(YearlyTally)
class YearlyTallyAdmin(ConstraintsCheckedAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["key", "year", "value", "entered_by", "updated_at"]
    list_filter = ["key", "year"]
    list_select_related = ["entered_by"]
    fields = ["key", "year", "value", "note", "entered_by", "created_at", "updated_at"]
    readonly_fields = ["entered_by", "created_at", "updated_at"]
    ordering = ["key", "year"]

    def save_model(self, request, obj, form, change):
        # Who entered the number is recorded, not typed.
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Snapshot)
class SnapshotAdmin(ConstraintsCheckedAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    """Snapshots are made from the summary page (which computes the values); here they are
    read, renamed or removed."""

    list_display = ["name", "start", "end", "created_by", "created_at"]
    list_select_related = ["created_by"]
    fields = ["name", "start", "end", "values", "created_by", "created_at"]
    readonly_fields = ["start", "end", "values", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False
