"""Public pages: the event list and page, sign-up and cancellation, iCalendar."""

from calendar import monthrange

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuyang_union.downloads import attachment
from yuyang_union.page_cache.models import PageArea
from yuyang_union.page_cache.views import CachedContentView, page_of, vary_on
from yuyang_union.pagination import other_parameters
from yuyang_union.search import name_matches

from .. import ics, services
from ..forms import EventFilterForm
from ..models import Event, EventPhoto, EventStatus, Registration, RegistrationStatus
from ..models.events import day_after
from ..selectors import registration_counts, signup_state

FEED_LIMIT = 200


def member_of(user):
    """The member record behind a logged-in account, or None."""
    if not user.is_authenticated:
        return None
    return getattr(user, "member", None)


class EventListView(CachedContentView):
    """Upcoming events (soonest first) or past ones (latest first), with filters, 12 a page.

    The content is cached until an event changes (and for a minute at most, as events pass
    from upcoming to past). Search finds any part of the title
    (`yuyang_union.search.name_matches`, on the GIN index of the title's characters and
    pairs: trigram indexes do nothing for one- or two-character Chinese words).
    """

    content_template_name = "events/event_list_content.html"
    head_template_name = "events/event_list_head.html"
    areas = (PageArea.EVENTS,)
    clock_seconds = 60
    paginate_by = 12

    def content_vary(self):
        return vary_on(self.request, "when", "q", "month", "category", "township", "page")

    def content_context(self):
        past = self.request.GET.get("when") == "past"
        filter_form = EventFilterForm(self.request.GET or None)
        page = page_of(
            self.events(past, filter_form), self.request.GET.get("page"), self.paginate_by
        )
        return {
            "past": past,
            "filter_form": filter_form,
            "events": page.object_list,
            "page": page,
            "query": other_parameters(self.request),
            "title": _("Past events") if past else _("Upcoming events"),
        }

    @staticmethod
    def events(past, filter_form):
        now = timezone.now()
        events = Event.objects.public().for_list()
        if past:
            events = events.past(now).order_by("-starts_at", "-id")
        else:
            events = events.upcoming(now).order_by("starts_at", "id")
        if filter_form.is_bound and filter_form.is_valid():
            data = filter_form.cleaned_data
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


# What the sign-up box needs of an event, kept with its cached page.
SIGNUP_FIELDS = (
    "id", "status", "starts_at", "ends_at", "signup_enabled", "signup_opens_at",
    "signup_closes_at", "capacity", "audience",
)  # fmt: skip


class EventDetailView(CachedContentView):
    """An event's page: its description and photos from the cache; the sign-up box live
    (places left, and the signed-in member's own place)."""

    template_name = "events/event_detail.html"
    content_template_name = "events/event_detail_content.html"
    areas = (PageArea.EVENTS,)
    clock_seconds = 60  # "write-up" once the event is over

    def content_key_name(self):
        return f"events/detail/{self.kwargs['pk']}"

    def content_context(self):
        event = get_object_or_404(
            Event.objects.public()
            .select_related("organiser", "township", "audience_union")
            .prefetch_related(
                Prefetch("photos", queryset=EventPhoto.objects.order_by("ordering", "id"))
            ),
            pk=self.kwargs["pk"],
        )
        return {"event": event, "title": event.title, "is_past": event.is_past()}

    def extra_parts(self, context):
        event = context["event"]
        return {
            "top": render_to_string("events/event_detail_top.html", context),
            "signup_facts": {field: getattr(event, field) for field in SIGNUP_FIELDS},
            # Sign-ups move the events' version too: the counts are as fresh as the page.
            "signup_counts": registration_counts(event),
        }

    def live_context(self, parts):
        event = Event(**parts["signup_facts"])
        now = timezone.now()
        if not event.signup_enabled or event.is_past(now) or event.status == EventStatus.CANCELLED:
            return {"event": event, "show_signup": False}
        member = member_of(self.request.user)
        if member is not None:
            # The audience check reads the event's union: a signed-in member's page only
            # (their own place on the list is read live by signup_state).
            event = Event.objects.select_related("audience_union").get(pk=event.pk)
        return {
            "event": event,
            "show_signup": True,
            "member": member,
            "now": now,
            "signup_open": event.signup_is_open(now),
            "state": signup_state(event=event, member=member, counts=parts["signup_counts"]),
            "audience_problem": self.audience_problem(event, member),
        }

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
