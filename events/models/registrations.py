"""A member's sign-up for an event: one per member and event, whatever happens to it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member
from yuyang_union.page_cache.models import PageArea, bumps_page_version

from .events import Event


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    ATTENDED = "attended", _("Attended")


# The states that hold one of the event's places.
PLACE_HOLDING = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self):
        return self.filter(status__in=PLACE_HOLDING)

    def waiting(self):
        """The waiting list, first in line first."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("queued_at", "id")

    def for_member(self, member):
        return self.filter(member=member).select_related("event", "event__township")


class Registration(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    # When the member (last) signed up: the waiting list is served in this order.
    queued_at = models.DateTimeField(_("signed up at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        # Public event pages show the places left: a sign-up is a change to them.
        triggers = [bumps_page_version(PageArea.EVENTS)]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "queued_at", "id"]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="registration_event_queue"),
            models.Index(fields=["member", "status"], name="registration_member_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                name="registration_one_per_member",
                violation_error_code="registration_one_per_member",
                violation_error_message=_("This member has already signed up for this event."),
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.ATTENDED) | Q(attended_at__isnull=True),
                name="registration_attended_at_only_when_attended",
                violation_error_code="registration_attended_at_only_when_attended",
                violation_error_message=_(
                    "A check-in time is kept only for a sign-up marked attended."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.CANCELLED) | Q(cancelled_at__isnull=True),
                name="registration_cancelled_at_only_when_cancelled",
                violation_error_code="registration_cancelled_at_only_when_cancelled",
                violation_error_message=_(
                    "A cancellation time is kept only for a cancelled sign-up."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.event.title}"
