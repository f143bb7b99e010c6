"""What this app holds about a person, for PIPL: whose numbers may be revealed, by whom, and
the sections of a person's copy (hardship files, grants, education aid, member services)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from yuyang_union.personal_data.crypto import id_number_digests
from yuyang_union.personal_data.reveal import register_revealable
from yuyang_union.personal_data.subject import Person, Section, register_sections, register_subject
from yuyang_union.scoping import scope_queryset


def register_personal_records() -> None:
    from .models import (
        EducationAid,
        EducationAidRequest,
        Grant,
        HardshipHelpRequest,
        HardshipHousehold,
        HealthCheckup,
        HouseholdPerson,
        MutualAidEnrolment,
        WomenWorkerService,
    )

    def students_to_reveal(user):
        if not user.has_perm("welfare.view_educationaid"):
            return EducationAid.objects.none()
        return scope_queryset(EducationAid.objects.all(), user, "union")

    def person_of_student(aid):
        digests = tuple(id_number_digests(aid.student_id_number))
        return Person(name=aid.student_name, id_number_digests=digests)

    def welfare_sections(person):
        member = person.member_id
        aided = Q(student_id_number_digest__in=person.id_number_digests)
        if member is not None:
            aided |= Q(parent_id=member)
        sections = [
            Section(
                _("Education aid"),
                EducationAid.objects.filter(aided)
                .select_related("campaign")
                .order_by("-year"),
                [
                    "campaign", "year", "student_name", "student_id_number", "school", "level",
                    "amount", "state", "paid_on",
                ],
            )
        ]  # fmt: skip
        # What a person asked for online (issue 18): as a student, or as the applicant.
        asked_for = Q(student_id_number_digest__in=person.id_number_digests)
        if member is not None:
            asked_for |= Q(application__applicant_id=member)
        sections.append(
            Section(
                _("Education aid requests"),
                EducationAidRequest.objects.filter(asked_for)
                .select_related("application")
                .order_by("-application__submitted_at"),
                ["application", "year", "student_name", "student_id_number", "school", "level"],
            )
        )
        if member is None:
            return sections
        sections.append(
            Section(
                _("Hardship help requests"),
                HardshipHelpRequest.objects.filter(application__applicant_id=member)
                .select_related("application")
                .order_by("-application__submitted_at"),
                [
                    "application",
                    "household_size",
                    "monthly_income_per_person",
                    "causes",
                    "situation",
                ],
            )
        )
        return [
            Section(
                _("Hardship files"),
                HardshipHousehold.objects.filter(head_id=member)
                .select_related("union")
                .order_by("-registered_on"),
                [
                    "registered_on", "union", "tier", "causes", "household_size",
                    "monthly_income_per_person", "situation", "status", "lifted_out_on",
                    "lift_measure", "cancelled_on",
                ],
            ),
            Section(
                _("In another member's hardship file"),
                HouseholdPerson.objects.filter(member_id=member).select_related("household__head"),
                ["household", "relation", "birth_year"],
            ),
            Section(
                _("Grants"),
                Grant.objects.filter(Q(member_id=member) | Q(household__head_id=member))
                .select_related("campaign")
                .order_by("-created_at"),
                ["campaign", "kind", "amount", "state", "granted_on", "paid_on", "form"],
            ),
            *sections,
            Section(
                _("Mutual-aid insurance"),
                MutualAidEnrolment.objects.filter(member_id=member).order_by("-year"),
                ["year", "plan", "enrolled_on", "premium", "claims_paid"],
            ),
            Section(
                _("Women workers' services"),
                WomenWorkerService.objects.filter(member_id=member).order_by("-year"),
                ["kind", "year", "served_on", "premium"],
            ),
            Section(
                _("Health check-ups"),
                HealthCheckup.objects.filter(member_id=member).select_related("round"),
                ["round"],
            ),
        ]  # fmt: skip

    register_revealable(EducationAid, students_to_reveal)
    register_subject(EducationAid, person_of_student)
    register_sections(welfare_sections)
