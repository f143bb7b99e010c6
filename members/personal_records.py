"""What this app holds about a person, for PIPL: whose numbers may be revealed, by whom, and
the sections of a person's copy (their member record, transfers, honours, who saw their
numbers)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from yuyang_union.personal_data.crypto import id_number_digests
from yuyang_union.personal_data.models import IdentifierAccessLog
from yuyang_union.personal_data.reveal import register_revealable
from yuyang_union.personal_data.subject import (
    Person,
    Section,
    register_member_of_user,
    register_sections,
    register_subject,
)
from yuyang_union.scoping import scope_queryset


def register_personal_records() -> None:
    from .models import Honour, JoinApplication, Member, MembershipTransfer

    def members_to_reveal(user):
        if not user.has_perm("members.view_member"):
            return Member.objects.none()
        return scope_queryset(Member.objects.all(), user)

    def person_of_member(member):
        digests = tuple(id_number_digests(member.id_number))
        return Person(name=member.name, member_id=member.pk, id_number_digests=digests)

    def member_sections(person):
        if person.member_id is None:
            return []
        member_type = ContentType.objects.get_for_model(Member)
        return [
            Section(
                _("Member record"),
                Member.objects.filter(pk=person.member_id).select_related("union", "employer"),
                [
                    "name", "id_number", "birth_date", "sex", "ethnicity", "phone", "union",
                    "employer", "joined_on", "status", "is_migrant_worker", "employment_group",
                    "notes",
                ],
            ),
            Section(
                _("Membership transfers"),
                MembershipTransfer.objects.filter(member_id=person.member_id)
                .select_related("from_union", "to_union")
                .order_by("-released_at"),
                ["from_union", "to_union", "status", "reason", "released_at", "decided_at"],
            ),
            Section(
                _("Honours"),
                Honour.objects.filter(member_id=person.member_id)
                .select_related("title")
                .order_by("-year"),
                ["title", "year", "citation"],
            ),
            Section(
                _("Who saw the ID number or phone in full"),
                IdentifierAccessLog.objects.filter(
                    content_type=member_type, object_id=str(person.member_id)
                ).order_by("-accessed_at"),
                ["accessed_at", "field", "channel", "reason"],
            ),
        ]  # fmt: skip

    def join_sections(person):
        """The join applications made with the person's ID number (PIPL art. 45)."""
        if not person.id_number_digests:
            return []
        return [
            Section(
                _("Join applications"),
                JoinApplication.objects.filter(id_number_digest__in=person.id_number_digests)
                .select_related("application__union", "employer", "township")
                .order_by("-application__submitted_at"),
                [
                    "application", "id_number", "ethnicity", "employer", "no_employer",
                    "platform_name", "township", "occupation", "employment_group",
                ],
            )
        ]  # fmt: skip

    register_revealable(Member, members_to_reveal)
    register_sections(join_sections)
    register_subject(Member, person_of_member)
    register_sections(member_sections)
    register_member_of_user(lambda user: Member.objects.filter(user=user).first())
