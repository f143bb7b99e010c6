from .access_log import AccessChannel, IdentifierAccessLog
from .employers import Employer
from .honours import Honour, HonourTitle
from .members import Member
from .organisations import StaffProfile, Township, UnionOrganisation
from .transfers import MembershipTransfer

__all__ = [
    "AccessChannel",
    "Employer",
    "Honour",
    "HonourTitle",
    "IdentifierAccessLog",
    "Member",
    "MembershipTransfer",
    "StaffProfile",
    "Township",
    "UnionOrganisation",
]
