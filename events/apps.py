import datetime

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    public_links = [
        (_("Events"), "events:list", None),
        (_("My events"), "events:mine", None),
    ]
    staff_links = [
        (_("Events and check-in"), "events:staff-list", "events.view_event"),
    ]

    def ready(self):
        from yuyang_union.history.auditlog import register_history

        from . import verbs  # noqa: F401  (declares the acts of the action log)
        from .models import Event, EventPhoto, Registration

        register_history(Event, exclude=["updated_at", "cover_thumbnail"])
        register_history(EventPhoto, exclude=["thumbnail"])
        register_history(Registration, exclude=["updated_at"])

        from .personal_records import register_personal_records

        register_personal_records()

    def staff_home_panels(self, request):
        """This week's events (Monday to Sunday) and how many signed up."""
        user = request.user
        if not user.has_perm("events.view_event"):
            return []
        from yuyang_union.scoping import scope_queryset

        from .models import Event
        from .selectors import events_for_staff_week

        today = timezone.localdate()
        monday = today - datetime.timedelta(days=today.weekday())
        events = events_for_staff_week(
            start=monday,
            end=monday + datetime.timedelta(days=6),
            queryset=scope_queryset(Event.objects.all(), user, "organiser"),
        )[:20]
        return [{"template": "events/staff_panel.html", "events": list(events)}]
