from auditlog.registry import auditlog

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

# History of people, money and cases. Identifiers are masked in the log, digests left out.
auditlog.register(Case)
auditlog.register(CaseApplicant, exclude_fields=["id_number_digest"], mask_fields=["id_number"])
auditlog.register(Appraisal, exclude_fields=["id_number_digest"], mask_fields=["id_number"])
auditlog.register(CollectiveContract, m2m_fields={"employers"})
auditlog.register(HarmonyRating)
auditlog.register(Lawyer, exclude_fields=["phone_digest"], mask_fields=["phone"])
