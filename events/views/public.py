"""Public pages: the event list and page, sign-up and cancellation, iCalendar."""

from calendar import monthrange

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from yuyang_union.downloads import attachment
from yuyang_union.search import name_matches

from .. import ics, services
from ..forms import EventFilterForm
from ..models import Event, EventPhoto, Registration, RegistrationStatus
from ..models.events import day_after
from ..selectors import signup_state

FEED_LIMIT = 200


def member_of(user):
    """The member record behind a logged-in account, or None."""
    if not user.is_authenticated:
        return None
    return getattr(user, "member", None)


class EventListView(ListView):
    """Upcoming events (soonest first) or past ones (latest first), with filters.

    Search finds any part of the title (`yuyang_union.search.name_matches`, on the GIN
    index of the title's characters and pairs: trigram indexes do nothing for one- or
    two-character Chinese words, and a bare contains search would scan the table).
    """

    template_name = "events/event_list.html"
    paginate_by = 12
    context_object_name = "events"

    def get(self, request, *args, **kwargs):
        self.past = request.GET.get("when") == "past"
        self.filter_form = EventFilterForm(request.GET or None)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        now = timezone.now()
        events = Event.objects.public().for_list()
        if self.past:
            events = events.past(now).order_by("-starts_at", "-id")
        else:
            events = events.upcoming(now).order_by("starts_at", "id")
        if self.filter_form.is_bound and self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["q"]:
                events = name_matches(events, data["q"], field="title")
            if data["month"]:
                first_day = data["month"]
                last_day = first_day.replace(day=monthrange(first_day.year, first_day.month)[1])
                events = events.starting_between(first_day, last_day)
            if data["category"]:
                events = events.filter(category=data["category"])
            if data["township"]:
                events = events.filter(township=data["township"])
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            past=self.past,
            filter_form=self.filter_form,
            query_string=query.urlencode(),
            title=_("Past events") if self.past else _("Upcoming events"),
        )
        return context


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            Event.objects.public()
            .select_related("organiser", "township", "audience_union")
            .prefetch_related(
                Prefetch("photos", queryset=EventPhoto.objects.order_by("ordering", "id"))
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        member = member_of(self.request.user)
        context.update(
            title=event.title,
            member=member,
            now=timezone.now(),
            is_past=event.is_past(),
            signup_open=event.signup_is_open(),
            state=signup_state(event=event, member=member) if event.signup_enabled else None,
            audience_problem=self.audience_problem(event, member),
        )
        return context

    @staticmethod
    def audience_problem(event, member):
        """Why this member may not come, told before they tap the button."""
        if member is None or not event.signup_enabled:
            return ""
        try:
            services.check_audience(event=event, member=member)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""


@require_POST
def sign_up_view(request, pk):
    event = get_object_or_404(Event.objects.public(), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    member = member_of(request.user)
    if member is None:
        messages.error(request, _("Your login is not linked to a member record."))
        return redirect(event)
    try:
        registration = services.sign_up(actor=request.user, event=event, member=member)
    except ValidationError as error:
        # A repeated tap finds the member signed up already: the outcome asked for.
        tell = messages.info if error.code == "already_signed_up" else messages.error
        tell(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.WAITING:
            messages.warning(request, _("All places are taken: you are on the waiting list."))
        else:
            messages.success(request, _("You have signed up. See you there!"))
    return redirect(event)


@require_POST
def cancel_view(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    member = member_of(request.user)
    if member is None:
        raise Http404
    registration = get_object_or_404(Registration, event_id=pk, member=member)
    try:
        services.cancel(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    next_url = request.POST.get("next")
    if next_url == "mine":
        return redirect("events:mine")
    return redirect("events:detail", pk=pk)


def _ics_response(body, filename):
    return attachment(body, filename, "text/calendar; charset=utf-8")


def event_ics(request, pk):
    event = get_object_or_404(Event.objects.public().select_related("township"), pk=pk)
    body = ics.calendar(
        [event],
        name=event.title,
        url_for=lambda e: request.build_absolute_uri(e.get_absolute_url()),
        domain=request.get_host().split(":")[0],
    )
    return _ics_response(body, f"event-{event.pk}.ics")


def feed_ics(request):
    now = timezone.now()
    events = (
        Event.objects.public()
        .upcoming(now)
        .filter(starts_at__lt=day_after(now.date() + timezone.timedelta(days=365)))
        .select_related("township")
        .order_by("starts_at", "id")[:FEED_LIMIT]
    )
    body = ics.calendar(
        events,
        name=_("Youyang County Federation of Trade Unions: events"),
        url_for=lambda e: request.build_absolute_uri(e.get_absolute_url()),
        domain=request.get_host().split(":")[0],
    )
    return _ics_response(body, "events.ics")
