"""The admin's "History" page: field changes (django-auditlog) and action entries together."""

from auditlog.context import set_actor
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.pagination import BigTableAdmin

from .display import ObjectHistory
from .models import ActionEntry
from .verbs import VERBS


class HistoryAdminMixin:
    """The admin's "History" page: the record's field changes and action entries, one timeline.

    Every view that can write runs under `set_actor(request.user)`, so each change names who
    made it. Entries were masked when written (see yuyang_union.history.auditlog), so the page is
    safe for anyone who may view the object; objects outside the user's subtree give 404.
    """

    object_history_template = "admin/history/object_history.html"
    history_per_page = 20

    def changeform_view(self, request, *args, **kwargs):
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        # Bulk actions post to the changelist.
        with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
            return super().changelist_view(request, *args, **kwargs)

    def history_links(self, request, obj):
        """[(label, url)] of records kept about this object elsewhere (e.g. a case's moves)."""
        return []

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        page = Paginator(ObjectHistory(obj), self.history_per_page).get_page(request.GET.get("p"))
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change history: %s") % obj,
            "subtitle": None,
            "module_name": str(capfirst(opts.verbose_name_plural)),
            "object": obj,
            "opts": opts,
            "log_entries": page,
            "page_obj": page,
            "history_links": self.history_links(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


class VerbFilter(admin.SimpleListFilter):
    """The acts by their Chinese labels (an index on verb and time serves each)."""

    title = pgettext_lazy("history", "action")
    parameter_name = "verb"

    def lookups(self, request, model_admin):
        return [(code, verb.label) for code, verb in sorted(VERBS.items())]

    def queryset(self, request, queryset):
        return queryset.filter(verb=self.value()) if self.value() else queryset


@admin.register(ActionEntry)
class ActionEntryAdmin(BigTableAdmin):
    """The whole action log, for administrators: read only."""

    list_display = ["created_at", "actor", "action", "content_type", "object_repr"]
    list_filter = [VerbFilter, "content_type", "created_at"]
    list_select_related = ["actor", "content_type"]
    ordering = ["-created_at", "-id"]
    search_fields = ["actor__username"]
    fields = ["created_at", "actor", "action", "content_type", "object_id", "object_repr"]
    readonly_fields = fields

    @admin.display(description=pgettext_lazy("history", "action"))
    def action(self, entry):
        verb = VERBS.get(entry.verb)
        return verb.label if verb else entry.verb

    def get_search_results(self, request, queryset, search_term):
        # The actor's user name exactly (an index serves it; icontains would scan the log).
        term = search_term.strip()
        return (queryset.filter(actor__username=term) if term else queryset), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
