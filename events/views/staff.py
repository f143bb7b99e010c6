"""Staff pages: this county's (or this union's) events, registration lists, check-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from yuyang_union.access import StaffRequiredMixin
from yuyang_union.pagination import EstimatedCountPaginator, other_parameters
from yuyang_union.personal_data.exports import export_purpose, full_export_form
from yuyang_union.redirects import same_site
from yuyang_union.refusals import show_refusal
from yuyang_union.scoping import get_object_in_scope, scope_queryset
from yuyang_union.search import name_matches

from .. import selectors, services
from ..exports import start_registrations_export
from ..forms import AttendanceForm, EventStatusForm
from ..models import Event, Registration


class EventPermissionMixin(StaffRequiredMixin):
    """Staff role + a permission of the events app; events limited to the user's subtree."""

    event_permission = "events.view_registration"

    def get_permission_required(self):
        return (self.permission_required, self.event_permission)

    def get_object(self, queryset=None):
        """The event of the URL (pages about one event): 404 outside the user's subtree."""
        return get_object_in_scope(
            Event.objects.select_related("organiser", "township"),
            self.request.user,
            "organiser",
            pk=self.kwargs["pk"],
        )


class StaffEventListView(EventPermissionMixin, ListView):
    template_name = "events/staff/event_list.html"
    paginate_by = 30
    paginator_class = EstimatedCountPaginator
    context_object_name = "events"
    event_permission = "events.view_event"

    def get_queryset(self):
        events = scope_queryset(Event.objects.all(), self.request.user, "organiser")
        when = self.request.GET.get("when")
        now = timezone.now()
        events = (
            events.past(now).order_by("-starts_at", "-id")
            if when == "past"
            else events.upcoming(now).order_by("starts_at", "id")
        )
        return selectors.with_registration_counts(events.select_related("organiser"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["past"] = self.request.GET.get("when") == "past"
        context["query"] = other_parameters(self.request)
        context["title"] = _("Events")
        return context


class RegistrationListView(EventPermissionMixin, DetailView):
    """The sign-ups of one event; a POST exports them as an Excel workbook (a job)."""

    template_name = "events/staff/registrations.html"
    context_object_name = "event"
    # A page of sign-ups (each row decrypts a phone and an ID number to mask them); the Excel
    # file holds them all.
    per_page = 100

    def registrations(self):
        return (
            Registration.objects.filter(event=self.object)
            .select_related("member", "member__union")
            .order_by("status", "queued_at", "id")
        )

    def post(self, request, *args, **kwargs):
        """The Excel export, as a job: masked, or (the second form) with identifiers in full
        for users who may see them, with a purpose."""
        self.object = self.get_object()
        reason = export_purpose(request, request.path)
        if not isinstance(reason, str):
            return reason
        job = start_registrations_export(actor=request.user, event=self.object, full_reason=reason)
        return redirect("jobs:detail", job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        page = Paginator(self.registrations(), self.per_page).get_page(self.request.GET.get("page"))
        for registration in page.object_list:
            member = registration.member
            rows.append(
                {
                    "registration": registration,
                    "name": member.name,
                    "union": member.union.name,
                    "phone": member.phone_masked,
                    "id_number": member.id_number_masked,
                }
            )
        context.update(
            rows=rows,
            title=self.object.title,
            page=page,
            full_export_form=full_export_form(self.request),
            full_export_action=self.request.path,
            may_change_status=self.request.user.has_perm("events.change_event"),
        )
        return context


class CheckInView(EventPermissionMixin, DetailView):
    """Marking who came, from a phone at the door: one big button per registered member."""

    template_name = "events/staff/check_in.html"
    context_object_name = "event"
    event_permission = "events.change_registration"
    row_limit = 1000

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        registrations = (
            Registration.objects.filter(event=event)
            .holding_places()
            .select_related("member")
            .order_by("member__name", "id")
        )
        name = self.request.GET.get("name", "").strip()
        if name:
            registrations = name_matches(registrations, name, field="member__name")
        counts = selectors.registration_counts(event)
        rows = [
            {
                "registration": r,
                "name": r.member.name,
                "phone": r.member.phone_masked,
            }
            for r in registrations[: self.row_limit]
        ]
        context.update(
            rows=rows,
            counts=counts,
            name=name,
            title=_("Check-in: %(title)s") % {"title": event.title},
            attendance_form=kwargs.get("attendance_form")
            or AttendanceForm(initial={"attendance_count": event.attendance_count}, record=event),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = event = self.get_object()
        if not event.signup_enabled:
            form = AttendanceForm(request.POST, record=event)
            if form.is_valid():
                try:
                    services.record_attendance(
                        actor=request.user,
                        event=event,
                        count=form.cleaned_data["attendance_count"],
                        read_version=form.cleaned_data["version"],
                    )
                except ValidationError as error:
                    show_refusal(form, error)
                else:
                    messages.success(request, _("Attendance saved."))
                    return redirect("events:check-in", pk=event.pk)
            return self.render_to_response(self.get_context_data(attendance_form=form))
        registration = get_object_or_404(
            Registration, event=event, pk=request.POST.get("registration")
        )
        try:
            if request.POST.get("action") == "undo":
                services.undo_check_in(actor=request.user, registration=registration)
                messages.info(
                    request,
                    _("%(name)s is no longer checked in.") % {"name": registration.member.name},
                )
            else:
                services.check_in(actor=request.user, registration=registration)
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.member.name}
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        name = request.POST.get("name", "").strip()
        return redirect(f"{request.path}?{urlencode({'name': name})}" if name else request.path)


class EventStatusView(EventPermissionMixin, DetailView):
    """Publish or cancel one event from its own page (the staff page or the admin's).

    GET asks for confirmation (the admin's buttons lead here, `?version=` the version its
    page showed, `?next=` where to go back); POST acts through the service, refused when the
    event changed since its page was read. The event's page publishes with a direct POST;
    cancelling always passes through the question, as members who signed up are affected.
    """

    template_name = "events/staff/event_status.html"
    context_object_name = "event"
    event_permission = "events.change_event"
    action = "publish"
    titles = {
        "publish": gettext_lazy("Publish the event: %(title)s"),
        "cancel": gettext_lazy("Cancel the event: %(title)s"),
    }

    def get_form(self, data=None):
        form = EventStatusForm(data, record=self.object)
        version = self.request.GET.get("version", "")
        if data is None and version.isdigit():
            form.initial["version"] = int(version)  # the version the asking page showed
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publishing = self.action == "publish"
        context.update(
            form=kwargs.get("form") or self.get_form(),
            publishing=publishing,
            next=same_site(self.request, self.request.GET.get("next", "")),
            title=self.titles[self.action] % {"title": self.object.title},
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = event = self.get_object()
        form = self.get_form(request.POST)
        if form.is_valid():
            act = services.publish_event if self.action == "publish" else services.cancel_event
            try:
                changed = act(
                    actor=request.user, event=event, read_version=form.cleaned_data["version"]
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                self.tell(changed)
                back = same_site(request, request.POST.get("next", ""))
                return redirect(back or reverse("events:registrations", args=[event.pk]))
        return self.render_to_response(self.get_context_data(form=form))

    def tell(self, changed):
        if self.action == "publish":
            if changed:
                messages.success(self.request, _("The event is published."))
            else:
                messages.info(self.request, _("Only a draft can be published: nothing changed."))
        elif changed:
            messages.warning(self.request, _("The event is cancelled."))
        else:
            messages.info(self.request, _("The event was cancelled already."))
