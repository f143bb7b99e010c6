"""What this app holds about a person, for PIPL: the sections of a person's copy."""

from django.utils.translation import gettext as _

from yuyang_union.personal_data.subject import Section, register_sections


def register_personal_records() -> None:
    from .models import Registration

    def event_sections(person):
        if person.member_id is None:
            return []
        return [
            Section(
                _("Event sign-ups"),
                Registration.objects.filter(member_id=person.member_id)
                .select_related("event")
                .order_by("-queued_at"),
                ["event", "status", "queued_at", "cancelled_at", "attended_at"],
            )
        ]

    register_sections(event_sections)
