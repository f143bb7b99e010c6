"""Change history of the welfare records (django-auditlog), in the members app's pattern."""

from yuyang_union.history.auditlog import register_history


def register_welfare_history():
    from .models import (
        EducationAid,
        EducationAidRequest,
        Grant,
        HardshipHelpRequest,
        HardshipHousehold,
        HouseholdPerson,
        HouseholdReview,
        ReliefCampaign,
    )

    register_history(HardshipHousehold, exclude=["updated_at"])
    register_history(HouseholdPerson)
    register_history(HouseholdReview)
    register_history(ReliefCampaign)
    register_history(Grant)
    # The student's ID number is masked in every entry; its digest is excluded.
    register_history(EducationAid, identifiers=["student_id_number"])
    # Members' requests (issue 18): the student's ID number masked, its digest excluded.
    register_history(HardshipHelpRequest)
    register_history(EducationAidRequest, identifiers=["student_id_number"])
