from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from yuyang_union.history.admin import HistoryAdminMixin
from yuyang_union.pagination import BigTableAdmin
from yuyang_union.scoping.admin import ScopedAdmin

from . import services
from .models import (
    Competition,
    CompetitionEvent,
    CompetitionTitle,
    CoOrganiser,
    Entry,
    Participation,
)


@admin.register(CoOrganiser)
class CoOrganiserAdmin(HistoryAdminMixin, BigTableAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


class CompetitionEventInline(admin.TabularInline):
    model = CompetitionEvent
    extra = 1
    fields = ["name", "ordering", "max_score"]


@admin.register(Competition)
class CompetitionAdmin(HistoryAdminMixin, ScopedAdmin):
    scope_field = "organiser"
    list_display = ["name", "kind", "level", "starts_on", "organiser", "status"]
    list_filter = ["kind", "level", "status"]
    list_select_related = ["organiser"]
    search_fields = ["name"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["organiser", "co_organisers"]
    readonly_fields = ["status"]
    # Participating employers are many: they have their own list (and join with entries).
    inlines = [CompetitionEventInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "level", "status"]}),
        (_("Organisers"), {"fields": ["organiser", "co_organisers"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "place"]}),
        (_("Details"), {"fields": ["description", "rules_document"]}),
    ]


@admin.register(CompetitionEvent)
class CompetitionEventAdmin(HistoryAdminMixin, ScopedAdmin):
    scope_field = "competition__organiser"
    list_display = ["name", "competition", "ordering", "max_score"]
    list_select_related = ["competition"]
    search_fields = ["name"]
    autocomplete_fields = ["competition"]


@admin.register(Participation)
class ParticipationAdmin(HistoryAdminMixin, ScopedAdmin):
    scope_field = "competition__organiser"
    list_display = ["employer", "team_name", "competition"]
    list_select_related = ["employer", "competition"]
    autocomplete_fields = ["competition", "employer"]
    search_fields = ["employer__name", "team_name"]


@admin.action(description=_("Record the selected as honours"), permissions=["promote"])
def promote_selected(modeladmin, request, queryset):
    promoted, refused = 0, []
    for record in queryset:
        try:
            services.promote_to_honour(actor=request.user, record=record)
        except ValidationError as exc:
            refused.append(f"{record}: {' '.join(exc.messages)}")
        else:
            promoted += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d honour recorded.", "%(count)d honours recorded.", promoted)
        % {"count": promoted},
    )
    for message in refused:
        modeladmin.message_user(request, message, messages.WARNING)


class PromoteMixin:
    actions = [promote_selected]

    def has_promote_permission(self, request):
        return request.user.has_perm("competitions.promote_to_honour")


@admin.register(Entry)
class EntryAdmin(HistoryAdminMixin, PromoteMixin, ScopedAdmin):
    scope_field = "event__competition__organiser"
    list_display = ["member", "event", "employer", "score", "rank", "award", "honour"]
    list_filter = ["award"]
    list_select_related = ["member", "event", "employer", "honour__title"]
    autocomplete_fields = ["event", "member", "employer"]
    search_fields = ["member__name", "event__name"]
    readonly_fields = ["rank", "honour"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.entry_saved(entry=obj, score_changed="score" in form.changed_data)


@admin.register(CompetitionTitle)
class CompetitionTitleAdmin(HistoryAdminMixin, PromoteMixin, ScopedAdmin):
    scope_field = "competition__organiser"
    list_display = ["member", "kind", "name", "competition", "employer", "awarded_on", "honour"]
    list_filter = ["kind"]
    # The honour's name shows its recipient (Honour.__str__): its member too, or a query a row.
    list_select_related = ["member", "competition", "employer", "honour__title", "honour__member"]
    autocomplete_fields = ["competition", "member", "employer"]
    search_fields = ["member__name", "name"]
    date_hierarchy = "awarded_on"
    readonly_fields = ["honour"]
