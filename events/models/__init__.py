from .accounts import ActivationAttempt, MemberAccount
from .events import Audience, Event, EventCategory, EventPhoto, EventStatus
from .registrations import Registration, RegistrationStatus

__all__ = [
    "ActivationAttempt",
    "Audience",
    "Event",
    "EventCategory",
    "EventPhoto",
    "EventStatus",
    "MemberAccount",
    "Registration",
    "RegistrationStatus",
]
