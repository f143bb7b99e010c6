"""What this app holds about a person, for PIPL: whose numbers may be revealed, by whom, and
the sections of a person's copy (their cases as applicant, their appraisals)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from yuyang_union.personal_data.crypto import id_number_digests
from yuyang_union.personal_data.reveal import register_revealable
from yuyang_union.personal_data.subject import Person, Section, register_sections, register_subject
from yuyang_union.scoping import scope_queryset

from . import services


def register_personal_records() -> None:
    from .models import Appraisal, Case, CaseApplicant, Lawyer, LegalHelpRequest

    def applicants_to_reveal(user):
        # Case files are confidential: only those who may read them, in their scope.
        if not services.can_view_case_files(user):
            return CaseApplicant.objects.none()
        return scope_queryset(CaseApplicant.objects.all(), user, "case__respondent__union")

    def appraisals_to_reveal(user):
        if not user.has_perm("legal_aid.view_appraisal"):
            return Appraisal.objects.none()
        return Appraisal.objects.all()

    def lawyers_to_reveal(user):
        if not user.has_perm("legal_aid.view_lawyer"):
            return Lawyer.objects.none()
        return Lawyer.objects.all()

    def person_of_applicant(applicant):
        digests = tuple(id_number_digests(applicant.id_number_plain))
        return Person(
            name=applicant.display_name,
            member_id=applicant.member_id,
            id_number_digests=digests,
        )

    def the_person(person):
        found = Q(id_number_digest__in=person.id_number_digests)
        return found | Q(member_id=person.member_id) if person.member_id else found

    def legal_sections(person):
        applicants = CaseApplicant.objects.filter(the_person(person))
        sections = [
            Section(
                _("Legal cases as applicant"),
                Case.objects.filter(applicants__in=applicants).distinct().order_by("-received_on"),
                [
                    "reference", "kind", "status", "received_on", "accepted_on", "concluded_on",
                    "respondent_name", "matter", "amount_claimed", "amount_recovered", "outcome",
                ],
            ),
            Section(
                _("Work-injury and disability appraisals"),
                Appraisal.objects.filter(the_person(person)).order_by("-applied_on"),
                [
                    "kind", "name", "id_number", "applied_on", "appraised_on", "injury_grade",
                    "approved",
                ],
            ),
        ]  # fmt: skip
        if person.member_id:
            # What they asked online (法律援助申请): members' own requests.
            sections.append(
                Section(
                    _("Legal help requests"),
                    LegalHelpRequest.objects.filter(application__applicant_id=person.member_id)
                    .select_related("application", "employer")
                    .order_by("-application__submitted_at"),
                    [
                        "application", "matter", "what_happened", "employer", "employer_name",
                        "amount_owed", "workers_affected",
                    ],
                )
            )  # fmt: skip
        return sections

    register_revealable(CaseApplicant, applicants_to_reveal)
    register_revealable(Appraisal, appraisals_to_reveal)
    register_revealable(Lawyer, lawyers_to_reveal)
    register_subject(CaseApplicant, person_of_applicant)
    register_sections(legal_sections)
