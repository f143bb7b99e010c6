from auditlog.registry import auditlog

from .campaigns import (
    CampaignKind,
    FundSource,
    Grant,
    GrantForm,
    GrantKind,
    GrantState,
    PaidGrantError,
    ReliefCampaign,
)
from .education import EducationAid, SchoolLevel
from .households import (
    FileStatus,
    HardshipCause,
    HardshipHousehold,
    HardshipTier,
    HouseholdPerson,
    HouseholdReview,
    LiftMeasure,
    Relation,
    ReviewOutcome,
)
from .member_services import (
    CheckupRound,
    EmploymentCampaign,
    EmploymentCampaignKind,
    HealthCheckup,
    MutualAidEnrolment,
    ServiceSite,
    SiteKind,
    WomenServiceKind,
    WomenWorkerService,
)

# History of people, money and cases (django-auditlog). Digests are derived, never logged;
# the student's ID number is encrypted at rest and kept out of the log entirely.
auditlog.register(HardshipHousehold)
auditlog.register(HouseholdReview)
auditlog.register(ReliefCampaign)
auditlog.register(Grant)
auditlog.register(
    EducationAid,
    exclude_fields=["student_id_number", "student_id_number_digest"],
)

__all__ = [
    "CampaignKind",
    "CheckupRound",
    "EducationAid",
    "EmploymentCampaign",
    "EmploymentCampaignKind",
    "FileStatus",
    "FundSource",
    "Grant",
    "GrantForm",
    "GrantKind",
    "GrantState",
    "HardshipCause",
    "HardshipHousehold",
    "HardshipTier",
    "HealthCheckup",
    "HouseholdPerson",
    "HouseholdReview",
    "LiftMeasure",
    "MutualAidEnrolment",
    "PaidGrantError",
    "Relation",
    "ReliefCampaign",
    "ReviewOutcome",
    "SchoolLevel",
    "ServiceSite",
    "SiteKind",
    "WomenServiceKind",
    "WomenWorkerService",
]
