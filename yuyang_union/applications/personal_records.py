"""A person's applications in their copy (PIPL art. 45): what they asked, where it stands,
the consent they gave. The kinds' own fields are in their apps' sections."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from yuyang_union.personal_data.subject import Person, Section, register_sections


def register_personal_records() -> None:
    from .models import Application

    def application_sections(person: Person) -> Iterable[Section]:
        if person.member_id is None:
            return []
        return [
            Section(
                _("Online applications"),
                Application.objects.filter(applicant_id=person.member_id)
                .select_related("union")
                .order_by("-submitted_at", "-id"),
                [
                    "number",
                    "kind",
                    "status",
                    "union",
                    "submitted_at",
                    "due_at",
                    "answered_at",
                    "closed_at",
                    "decline_reason",
                    "decline_note",
                    "outcome",
                    "consent_version",
                    "consented_at",
                ],
            )
        ]

    register_sections(application_sections)
