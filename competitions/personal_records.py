"""What this app holds about a person, for PIPL: the sections of a person's copy."""

from django.utils.translation import gettext as _

from yuyang_union.personal_data.subject import Section, register_sections


def register_personal_records() -> None:
    from .models import CompetitionTitle, Entry

    def competition_sections(person):
        if person.member_id is None:
            return []
        return [
            Section(
                _("Competition entries"),
                Entry.objects.filter(member_id=person.member_id)
                .select_related("event__competition", "employer")
                .order_by("-created_at"),
                ["event", "employer", "score", "rank", "award"],
            ),
            Section(
                _("Titles from competitions"),
                CompetitionTitle.objects.filter(member_id=person.member_id)
                .select_related("competition")
                .order_by("-awarded_on"),
                ["competition", "kind", "name", "awarded_on"],
            ),
        ]

    register_sections(competition_sections)
