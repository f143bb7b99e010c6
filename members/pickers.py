"""The pickers of unions, employers and members on the staff pages (`yuyang_union.pickers`):
what each offers (the user's subtree only), how it searches (as the admin does) and how a
row reads in the list."""

from django.db.models import Q, QuerySet

from yuyang_union.personal_data.search_tokens import identifier_search
from yuyang_union.pickers import Picker
from yuyang_union.scoping import scope_queryset
from yuyang_union.search import search_by_name_or_code, search_people
from yuyang_union.users import Visitor
from yuyang_union.validators import normalize_credit_code

from .models import Employer, Member, UnionOrganisation


def _unions(user: Visitor) -> QuerySet[UnionOrganisation]:
    unions = UnionOrganisation.objects.only("id", "name", "code", "path")
    return scope_queryset(unions, user, "")


def _employers(user: Visitor) -> QuerySet[Employer]:
    return scope_queryset(Employer.objects.only("id", "name", "credit_code"), user, "union")


def _members(user: Visitor) -> QuerySet[Member]:
    # Only what the list shows: the name, the masked ID number (one decryption a row) and the
    # union, whose key the household form presets from the member.
    members = Member.objects.select_related("union").only(
        "id", "name", "id_number", "union__id", "union__name", "union__path"
    )
    return scope_queryset(members, user, "union")


def _employer_label(employer: Employer) -> str:
    return employer.name


def _member_label(member: Member) -> str:
    return f"{member.name}（{member.id_number_masked}，{member.union.name}）"


def _search_employers(rows: QuerySet[Employer], term: str) -> QuerySet[Employer]:
    return search_by_name_or_code(
        rows, term, code_field="credit_code", code_normalize=normalize_credit_code
    )


def _search_unions(rows: QuerySet[UnionOrganisation], term: str) -> QuerySet[UnionOrganisation]:
    return search_by_name_or_code(rows, term, code_field="code")


def _exact_union(rows: QuerySet[UnionOrganisation], term: str) -> QuerySet[UnionOrganisation]:
    return rows.filter(Q(name=term.strip()) | Q(code=term.strip()))


def _exact_employer(rows: QuerySet[Employer], term: str) -> QuerySet[Employer]:
    return rows.filter(Q(name=term.strip()) | Q(credit_code=normalize_credit_code(term)))


def _exact_member(rows: QuerySet[Member], term: str) -> QuerySet[Member]:
    """An ID number or a mobile number finds its person exactly (by digest); else the whole
    name."""
    if identifier_search(term) is not None:
        return search_people(rows, term)
    return rows.filter(name=term.strip())


UNIONS = Picker(
    url_name="members:pick-unions",
    rows=_unions,
    search=_search_unions,
    label=lambda union: union.name,
    exact=_exact_union,
)
EMPLOYERS = Picker(
    url_name="members:pick-employers",
    rows=_employers,
    search=_search_employers,
    label=_employer_label,
    exact=_exact_employer,
)
MEMBERS = Picker(
    url_name="members:pick-members",
    rows=_members,
    search=lambda rows, term: search_people(rows, term),
    label=_member_label,
    exact=_exact_member,
)


def _registered_employers(user: Visitor) -> QuerySet[Employer]:
    """Every registered employer, for anyone: only its name is ever read or shown."""
    return Employer.objects.only("id", "name")


def _search_employer_names(rows: QuerySet[Employer], term: str) -> QuerySet[Employer]:
    # By name only: a public search by code would tell which codes are registered.
    return search_by_name_or_code(rows, term)


def _exact_employer_name(rows: QuerySet[Employer], term: str) -> QuerySet[Employer]:
    return rows.filter(name=term.strip())


# The join form's employer (a public page): registered names, nothing else of the employer.
REGISTERED_EMPLOYERS = Picker(
    url_name="members:join-pick-employers",
    rows=_registered_employers,
    search=_search_employer_names,
    label=_employer_label,
    exact=_exact_employer_name,
)
