"""What this app holds about a person, for PIPL: whose numbers may be revealed, by whom."""

from yuyang_union.personal_data.reveal import register_revealable
from yuyang_union.scoping import scope_queryset

from . import services


def register_personal_records() -> None:
    from .models import Appraisal, CaseApplicant, Lawyer

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

    register_revealable(CaseApplicant, applicants_to_reveal)
    register_revealable(Appraisal, appraisals_to_reveal)
    register_revealable(Lawyer, lawyers_to_reveal)
