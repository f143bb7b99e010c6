"""Change history (django-auditlog) of people, money and cases: digest columns left out, ID
numbers and phones masked before the entry is written (yuyang_union.history.auditlog)."""

from yuyang_union.history.auditlog import register_history


def register_legal_aid_history():
    from .models import (
        Appraisal,
        Case,
        CaseApplicant,
        CollectiveContract,
        Consultation,
        HarmonyRating,
        Lawyer,
        LegalHelpRequest,
    )

    register_history(Case, exclude=["updated_at"])
    register_history(CaseApplicant, identifiers=["id_number"])
    register_history(Appraisal, identifiers=["id_number"])
    register_history(CollectiveContract, m2m_fields=["employers"])
    register_history(HarmonyRating)
    register_history(Lawyer, identifiers=["phone"], m2m_fields=["employers_served"])
    register_history(Consultation)
    register_history(LegalHelpRequest)
