"""Users, roles and devices in the admin: changes ask for the password again, administrators
reset a lost second factor and lift lockouts; the devices' secrets never show."""

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuyang_union.history.actions import log_action
from yuyang_union.pagination import BoundedChangelistMixin

from . import reauth, second_factor, verbs, verification
from .permission_labels import ChinesePermissionsAdminMixin

# django-otp's own admins show and edit the devices' keys and recovery codes: none here. A
# lost phone is handled by resetting the user's devices from the user admin.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class RecentAuthenticationAdminMixin:
    """Adding, changing and deleting ask for the password and code again after
    REAUTHENTICATION_MINUTES; so do the changelist's actions (a POST)."""

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return reauth.ask_again(request) or super().changeform_view(request, *args, **kwargs)  # type: ignore[misc]

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return reauth.ask_again(request) or super().delete_view(request, *args, **kwargs)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            again = reauth.ask_again(request)
            if again is not None:
                return again
        return super().changelist_view(request, *args, **kwargs)  # type: ignore[misc]


@admin.display(description=_("second sign-in step"))
def second_factor_state(user: User) -> str:
    if not verification.needs_second_factor(user):
        return str(_("Not needed (member)"))
    if not second_factor.is_enrolled(user):
        return str(_("Not set up yet"))
    return str(_("Set up; %(left)d recovery codes left")) % {
        "left": second_factor.recovery_codes_left(user)
    }


admin.site.unregister(User)
admin.site.unregister(Group)


class PortalAdminPasswordChangeForm(AdminPasswordChangeForm):
    """Django joins this field's help into one English string when it loads (a translated
    part plus an untranslated warning): rebuilt here from translated parts, per request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}'
                "</li></ul>",
                SetUnusablePasswordMixin.usable_password_help_text,
                _("If disabled, the current password for this user will be lost."),
            )


@admin.register(User)
class PortalUserAdmin(
    ChinesePermissionsAdminMixin, BoundedChangelistMixin, RecentAuthenticationAdminMixin, UserAdmin
):
    actions = ["reset_second_factor"]
    change_password_form = PortalAdminPasswordChangeForm

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, second_factor_state] if obj is not None else readonly

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Second sign-in step"), {"fields": [second_factor_state]})]

    def user_change_password(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return reauth.ask_again(request) or super().user_change_password(request, *args, **kwargs)

    @admin.action(
        description=_("Reset the second sign-in step (the user sets it up again)"),
        permissions=["change"],
    )
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset[: self.list_per_page])
        for user in users:
            second_factor.reset_devices(actor=request.user, user=user)  # type: ignore[arg-type]
        self.message_user(
            request,
            ngettext(
                "Reset the second sign-in step of %(count)d user: they set it up at their next "
                "sign-in.",
                "Reset the second sign-in step of %(count)d users: they set it up at their next "
                "sign-in.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )


@admin.register(Group)
class PortalGroupAdmin(ChinesePermissionsAdminMixin, RecentAuthenticationAdminMixin, GroupAdmin):
    pass


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class PortalAccessAttemptAdmin(BoundedChangelistMixin, AccessAttemptAdmin):
    """Axes' attempts, with the action that lifts a lockout (and says who lifted it)."""

    actions = ["lift_lockout"]

    @admin.display(description=_("status"))
    def status(self, obj: AccessAttempt) -> str:
        return str(super().status(obj))

    @admin.action(
        description=_("Lift the lockout of these sign-in names and addresses"),
        permissions=["delete"],
    )
    def lift_lockout(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        # A lockout counts every attempt of one name, and every attempt from one address: all
        # of them go, not just the rows ticked.
        attempts = list(queryset[: self.list_per_page])
        names = {attempt.username for attempt in attempts if attempt.username}
        addresses = {attempt.ip_address for attempt in attempts if attempt.ip_address}
        with transaction.atomic():
            for attempt in attempts:
                log_action(
                    actor=request.user,  # type: ignore[arg-type]
                    verb=verbs.LOCKOUT_LIFTED,
                    obj=attempt,
                    data={"target": attempt.username or attempt.ip_address or ""},
                )
            AccessAttempt.objects.filter(
                Q(username__in=names) | Q(ip_address__in=addresses)
            ).delete()
        self.message_user(
            request,
            ngettext("Lifted %(count)d lockout.", "Lifted %(count)d lockouts.", len(attempts))
            % {"count": len(attempts)},
            messages.SUCCESS,
        )


# Axes' logs grow with every sign-in: their lists without a full count (the attempts above too).
AXES_LOGS = [(AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)]
for log_model, log_admin in AXES_LOGS:
    if admin.site.is_registered(log_model):
        admin.site.unregister(log_model)
        bounded = type(log_admin.__name__, (BoundedChangelistMixin, log_admin), {})
        admin.site.register(log_model, bounded)
