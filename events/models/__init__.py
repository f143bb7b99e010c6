from .accounts import AccountAttempt, AttemptKind, CodePurpose, MemberAccount, PhoneCode
from .events import Audience, Event, EventCategory, EventPhoto, EventStatus
from .registrations import Registration, RegistrationStatus

__all__ = [
    "AccountAttempt",
    "AttemptKind",
    "Audience",
    "CodePurpose",
    "Event",
    "EventCategory",
    "EventPhoto",
    "EventStatus",
    "MemberAccount",
    "PhoneCode",
    "Registration",
    "RegistrationStatus",
]
