"""The admin's "History" page: field changes (django-auditlog) and action entries together."""

from typing import TYPE_CHECKING, Any

from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.pagination import BigTableAdmin, BoundedChangelistMixin

from .display import HistoryRow, ObjectHistory, changed_fields, displayed_changes
from .models import ActionEntry
from .verbs import VERBS, Label

if TYPE_CHECKING:
    # The mixin is used on ModelAdmins: mypy checks it as one.
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


class HistoryAdminMixin(_ModelAdmin):
    """The admin's "History" page: the record's field changes and action entries, one timeline.

    Each change names who made it (auditlog's middleware sets the actor on every request).
    Entries were masked when written (see yuyang_union.history.auditlog), so the page is safe
    for anyone who may view the object; objects outside the user's subtree give 404.
    """

    object_history_template = "admin/history/object_history.html"
    history_per_page = 20

    def history_links(self, request: HttpRequest, obj: models.Model) -> list[tuple[str, str]]:
        """[(label, url)] of records kept about this object elsewhere (e.g. a case's moves)."""
        return []

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        # ObjectHistory gives what a Paginator asks (count and slices), less than its stub wants.
        paginator: Paginator[HistoryRow] = Paginator(
            ObjectHistory(obj),  # type: ignore[arg-type]
            self.history_per_page,
        )
        page = paginator.get_page(request.GET.get("p"))
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

    def lookups(
        self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]"
    ) -> list[tuple[str, Label]]:
        return [(code, verb.label) for code, verb in sorted(VERBS.items())]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[ActionEntry]
    ) -> QuerySet[ActionEntry]:
        return queryset.filter(verb=self.value()) if self.value() else queryset


class ReadOnlyAdminMixin:
    """Logs are written by the services, never by hand: nobody adds, changes or deletes."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class LogAdmin(ReadOnlyAdminMixin, BigTableAdmin):
    """An append-only log of people's acts or reads, searched by the user's name exactly (an
    index serves it; icontains would scan the log). `user_field` names the user."""

    user_field = "user"

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return [f"{self.user_field}__username"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(**{f"{self.user_field}__username": term}), False


class RecordTypeFilter(admin.SimpleListFilter):
    """The kinds of record a log names, by their Chinese names: the models the admin manages
    (not the content types of tables nobody manages, such as the job queue's, nor of models
    long removed), without a DISTINCT over every entry."""

    title = _("record type")
    parameter_name = "record_type"

    def models(self) -> list[type[models.Model]]:
        return list(admin.site._registry)

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        types = ContentType.objects.get_for_models(*self.models())
        named = [
            (str(content_type.pk), str(capfirst(model._meta.verbose_name)))
            for model, content_type in types.items()
        ]
        return sorted(named, key=lambda choice: choice[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()  # typed into the address: nothing, never a 500
        return queryset.filter(content_type_id=int(value))


class RegisteredTypeFilter(RecordTypeFilter):
    """auditlog's "resource type" filter: the models auditlog records (its registry)."""

    parameter_name = "resource_type"

    def models(self) -> list[type[models.Model]]:
        return list(auditlog.get_models())


@admin.register(ActionEntry)
class ActionEntryAdmin(LogAdmin):
    """The whole action log, for administrators."""

    user_field = "actor"

    list_display = ["created_at", "actor", "action", "content_type", "object_repr"]
    list_filter = [VerbFilter, RecordTypeFilter, "created_at"]
    list_select_related = ["actor", "content_type"]
    ordering = ["-created_at", "-id"]
    fields = ("created_at", "actor", "action", "content_type", "object_id", "object_repr")
    readonly_fields = fields

    @admin.display(description=pgettext_lazy("history", "action"))
    def action(self, entry: ActionEntry) -> Label:
        verb = VERBS.get(entry.verb)
        return verb.label if verb else entry.verb


if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class BoundedLogEntryAdmin(BoundedChangelistMixin, LogEntryAdmin):
    """auditlog's field history (one entry per change, the biggest log): without a full
    count, and its type filter from the registry."""

    list_filter = ["action", RegisteredTypeFilter, CIDFilter]
    # Changes name the fields as the record's form does; the actor of a change made by a job
    # or a command is "the system"; the correlation number is named in Chinese.
    shown_fields = 6

    @admin.display(description=_("User"))
    def user_url(self, obj: LogEntry) -> str:
        return super().user_url(obj) if obj.actor_id else str(_("System"))

    @admin.display(description=_("Changes"))
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        changes = changed_fields(obj)
        names = "、".join(
            str(get_field_verbose_name(obj, field)) for field in changes[: self.shown_fields]
        )
        if len(changes) > self.shown_fields:
            names += "……"
        return _("%(count)d fields: %(names)s") % {"count": len(changes), "names": names}

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj: LogEntry) -> str:
        return super().cid_url(obj) or ""

    @admin.display(description=_("time"))
    def created(self, obj: LogEntry) -> Any:
        return super().created(obj)

    @admin.display(description=_("Changes"))
    def msg(self, obj: LogEntry) -> str:
        """The changes as the record's history page reads them (Chinese names and values)."""
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><th>{}</th><td>{}</td></tr>",
                ((row["label"], row["text"]) for row in displayed_changes(obj)),
            ),
        )

    readonly_fields = ["created", "resource_url", "action", "user_url", "cid_url", "msg"]
    fieldsets = [
        (None, {"fields": ["created", "user_url", "resource_url", "cid_url"]}),
        (_("Changes"), {"fields": ["action", "msg"]}),
    ]
