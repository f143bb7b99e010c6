from .employers import Employer
from .honours import Honour, HonourTitle
from .join_applications import JoinApplication
from .members import Member
from .organisations import StaffProfile, Township, UnionOrganisation
from .transfers import MembershipTransfer
from .union_counts import UnionMemberCount

__all__ = [
    "Employer",
    "Honour",
    "HonourTitle",
    "JoinApplication",
    "Member",
    "MembershipTransfer",
    "StaffProfile",
    "Township",
    "UnionMemberCount",
    "UnionOrganisation",
]
