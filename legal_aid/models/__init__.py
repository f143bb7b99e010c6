from .applicants import CaseApplicant
from .appraisals import Appraisal, AppraisalKind
from .case_logs import CaseStatusChange, CaseViewLog
from .cases import ALLOWED_MOVES, Case, CaseKind, CaseNumberCounter, CaseStatus
from .choices import Matter
from .contracts import (
    AwardingLevel,
    CollectiveContract,
    ContractKind,
    ContractScope,
    HarmonyRating,
    RatingLevel,
)
from .documents import CaseDocument
from .help_requests import LegalHelpRequest
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
    "LegalHelpRequest",
    "Matter",
    "OutreachEvent",
    "OutreachKind",
    "RatingLevel",
]
