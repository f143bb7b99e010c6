"""What this app holds about a person, for PIPL: whose numbers may be revealed, by whom."""

from yuyang_union.personal_data.reveal import register_revealable
from yuyang_union.scoping import scope_queryset


def register_personal_records() -> None:
    from .models import EducationAid

    def students_to_reveal(user):
        if not user.has_perm("welfare.view_educationaid"):
            return EducationAid.objects.none()
        return scope_queryset(EducationAid.objects.all(), user, "union")

    register_revealable(EducationAid, students_to_reveal)
