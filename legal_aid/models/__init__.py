from .appraisals import Appraisal, AppraisalKind
from .cases import (
    ALLOWED_MOVES,
    Case,
    CaseApplicant,
    CaseDocument,
    CaseKind,
    CaseNumberCounter,
    CaseStatus,
    CaseStatusChange,
    CaseViewLog,
)
from .choices import Matter
from .contracts import (
    AwardingLevel,
    CollectiveContract,
    ContractKind,
    ContractScope,
    HarmonyRating,
    RatingLevel,
)
from .lawyers import LawFirm, Lawyer
from .services_given import Channel, Consultation, OutreachEvent, OutreachKind

__all__ = [
    "ALLOWED_MOVES",
    "Appraisal",
    "AppraisalKind",
    "AwardingLevel",
    "Case",
    "CaseApplicant",
    "CaseDocument",
    "CaseKind",
    "CaseNumberCounter",
    "CaseStatus",
    "CaseStatusChange",
    "CaseViewLog",
    "Channel",
    "CollectiveContract",
    "Consultation",
    "ContractKind",
    "ContractScope",
    "HarmonyRating",
    "LawFirm",
    "Lawyer",
    "Matter",
    "OutreachEvent",
    "OutreachKind",
    "RatingLevel",
]
