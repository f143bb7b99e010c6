"""Staff publish events in the admin (Chinese UI): photos, registrations, member accounts."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from yuyang_union.history.admin import HistoryAdminMixin
from yuyang_union.pagination import BigTableAdmin
from yuyang_union.personal_data.masking import mask_phone
from yuyang_union.scoping.admin import ScopedAdmin
from yuyang_union.versions.admin import VersionedAdminMixin

from . import services
from .exports import start_registrations_export
from .models import (
    AccountAttempt,
    Event,
    EventPhoto,
    EventStatus,
    MemberAccount,
    Registration,
    RegistrationStatus,
)


def thumbnail_preview(image_file):
    if not image_file:
        return "—"
    return format_html('<img src="{}" alt="" width="160">', image_file.url)


class EventPhotoInline(admin.StackedInline):
    model = EventPhoto
    extra = 1
    fields = ["image", "preview", "caption", "credit", "ordering"]
    readonly_fields = ["preview"]

    @admin.display(description=_("thumbnail"))
    def preview(self, obj):
        return thumbnail_preview(obj.thumbnail)


@admin.register(Event)
class EventAdmin(VersionedAdminMixin, HistoryAdminMixin, ScopedAdmin):
    scope_field = "organiser"
    list_display = ["title", "category", "starts_at", "township", "status", "signup_enabled"]
    list_filter = ["status", "category", "starts_at", "audience", "signup_enabled"]
    list_select_related = ["organiser", "township"]
    # Any part of the title, on its gram index (yuyang_union.search).
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["organiser", "audience_union"]
    readonly_fields = ["cover_preview"]
    inlines = [EventPhotoInline]
    actions = ["publish", "cancel_events"]
    fieldsets = [
        (None, {"fields": ["title", "category", "status", "summary", "body"]}),
        (
            pgettext_lazy("event", "When and where"),
            {"fields": ["starts_at", "ends_at", "place", "township"]},
        ),
        (pgettext_lazy("event", "Organisers"), {"fields": ["organiser", "co_organisers"]}),
        (_("Cover image"), {"fields": ["cover", "cover_preview"]}),
        (_("Audience"), {"fields": ["audience", "audience_union"]}),
        (
            _("Sign-up"),
            {
                "fields": [
                    "signup_enabled",
                    "signup_opens_at",
                    "signup_closes_at",
                    "capacity",
                    "waiting_list_enabled",
                ]
            },
        ),
        (_("Afterwards"), {"fields": ["attendance_count"]}),
    ]

    @admin.display(description=_("cover thumbnail"))
    def cover_preview(self, obj):
        return thumbnail_preview(obj.cover_thumbnail)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        links = self._status_links(request, object_id)
        extra_context = {**(extra_context or {}), "status_links": links}
        return super().change_view(request, object_id, form_url, extra_context)

    def _status_links(self, request, object_id):
        """Publish / cancel buttons on the change page, to the event's own confirmation page
        (one service, one version check, for the staff page and the admin alike)."""
        event = self.get_object(request, object_id)
        if not self.has_change_permission(request, event):
            return []
        query = urlencode({"version": event.version, "next": request.get_full_path()})
        links = []
        if event.status == EventStatus.DRAFT:
            url = reverse("events:staff-publish", args=[event.pk])
            links.append((_("Publish the event"), f"{url}?{query}"))
        if event.status != EventStatus.CANCELLED:
            url = reverse("events:staff-cancel", args=[event.pk])
            links.append((_("Cancel the event…"), f"{url}?{query}"))
        return links

    @admin.action(description=_("Publish the selected events"), permissions=["change"])
    def publish(self, request, queryset):
        count = services.publish_events(actor=request.user, events=queryset)
        self.message_user(
            request,
            ngettext("%(count)d event published.", "%(count)d events published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Cancel the selected events"), permissions=["change"])
    def cancel_events(self, request, queryset):
        count = services.cancel_events(actor=request.user, events=queryset)
        self.message_user(
            request,
            ngettext("%(count)d event cancelled.", "%(count)d events cancelled.", count)
            % {"count": count},
            messages.WARNING,
        )


class RegistrationAddForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["event", "member"]

    def clean(self):
        cleaned = super().clean()
        event, member = cleaned.get("event"), cleaned.get("member")
        if event and member:
            services.check_can_sign_up(event=event, member=member)
        return cleaned

    def validate_unique(self):
        pass  # a cancelled registration is signed up again by sign_up, not duplicated


@admin.register(Registration)
class RegistrationAdmin(HistoryAdminMixin, ScopedAdmin):
    scope_field = "event__organiser"
    list_display = ["member_name", "phone_column", "event", "status", "queued_at", "attended_at"]
    # The event filters let the work summary link here for a period (events.figures).
    list_filter = ["status", "event__status", ("event__starts_at", admin.DateFieldListFilter)]
    # Newest sign-ups first, on the primary key: the model's order (by event, then queue)
    # sorted every registration joined to its event for each page (74 ms at scale 100).
    ordering = ["-id"]
    list_select_related = ["member", "event"]
    search_fields = ["member__name", "event__title"]
    autocomplete_fields = ["event", "member"]
    readonly_fields = ["queued_at", "cancelled_at", "attended_at", "promoted_at"]
    actions = ["check_in_selected", "export_xlsx"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["event", "member"]  # the rest follows from the sign-up rules
        return super().get_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = RegistrationAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # State changes go through the services (waiting-list promotion, check-in).
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "event", "member", "status"] if obj is not None else fields

    @admin.display(description=_("member"), ordering="member__name")
    def member_name(self, obj):
        return obj.member.name

    @admin.display(description=_("mobile phone"))
    def phone_column(self, obj):
        # Always masked here, on purpose: a full phone list is had from the registration
        # export, which checks the permission and writes the access log.
        return mask_phone(obj.member.phone)

    def save_model(self, request, obj, form, change):
        if not change:
            # A registration staff add is a sign-up made for the member, with the same rules
            # (checked by RegistrationAddForm; sign_up checks again under the event's lock).
            registration = services.sign_up(actor=request.user, event=obj.event, member=obj.member)
            obj.pk = registration.pk
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Check in the selected members"), permissions=["change"])
    def check_in_selected(self, request, queryset):
        done = 0
        for registration in queryset.filter(status=RegistrationStatus.REGISTERED):
            services.check_in(actor=request.user, registration=registration)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d member checked in.", "%(count)d members checked in.", done)
            % {"count": done},
        )

    @admin.action(description=_("Download the selected as Excel"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        # A job writes the file (masked); its page offers it once written.
        ids = list(queryset.values_list("pk", flat=True))
        job = start_registrations_export(actor=request.user, ids=ids)
        return redirect("jobs:detail", job.pk)


@admin.register(MemberAccount)
class MemberAccountAdmin(ScopedAdmin):
    """Members and whether they have a login; staff create logins here (an action)."""

    scope_field = "union"
    list_display = ["name", "union", "has_account"]
    list_filter = ["status"]
    list_select_related = ["union", "user"]
    search_fields = ["name"]
    actions = ["create_accounts"]
    fields = ["name", "union", "joined_on", "status", "user"]
    readonly_fields = fields

    @admin.display(description=_("login"), ordering="user__username")
    def has_account(self, obj):
        return obj.user.username if obj.user_id else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_create_member_account_permission(self, request):
        return request.user.has_perm("events.create_member_account")

    @admin.action(
        description=_("Create login accounts for the selected members"),
        permissions=["create_member_account"],
    )
    def create_accounts(self, request, queryset):
        created = [
            {"name": member.name, "username": user.username, "password": password}
            for member, user, password in services.create_member_accounts(
                actor=request.user, members=queryset
            )
        ]
        if not created:
            self.message_user(
                request, _("The selected members already have accounts."), messages.WARNING
            )
            return None
        # A page of its own, not a message: messages may be kept in a cookie, and temporary
        # passwords must not be stored anywhere.
        context = {
            **self.admin_site.each_context(request),
            "title": _("Accounts created"),
            "accounts": created,
            "opts": self.model._meta,
        }
        response = TemplateResponse(request, "admin/events/accounts_created.html", context)
        add_never_cache_headers(response)
        return response


@admin.register(AccountAttempt)
class AccountAttemptAdmin(BigTableAdmin):
    """Activation and recovery attempts, for spotting abuse: the address and what happened.
    The digests of what was typed and the member found are not shown (least necessary)."""

    list_display = ["created_at", "purpose", "kind", "ip_address"]
    list_filter = ["purpose", "kind"]
    search_fields = ["=ip_address"]
    fields = ["created_at", "purpose", "kind", "ip_address"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
