"""What this app holds about a person, for PIPL: whose numbers may be revealed, by whom."""

from yuyang_union.personal_data.reveal import register_revealable
from yuyang_union.scoping import scope_queryset


def register_personal_records() -> None:
    from .models import Member

    def members_to_reveal(user):
        if not user.has_perm("members.view_member"):
            return Member.objects.none()
        return scope_queryset(Member.objects.all(), user)

    register_revealable(Member, members_to_reveal)
