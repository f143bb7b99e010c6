"""What each app says about the kinds it handles: who may handle them and how a page shows
them. An app registers its handler in its AppConfig.ready():

    kinds.register(KindHandler(
        kind=ApplicationKind.LEGAL_HELP,
        permission="legal_aid.handle_legalhelprequest",
        details_attribute="legal_help",
        staff_template="legal_aid/application_details.html",
        actions=[KindAction(_("Log as a consultation"), "legal_aid:application-consultation")],
    ))
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from yuyang_union.users import Visitor

from .models import ApplicationKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class KindAction:
    """A way staff turn an accepted application into its record: a page of the app
    (reversed with the application's pk) that prefills the app's own form."""

    label: "StrOrPromise"
    url_name: str


@dataclass(frozen=True)
class KindHandler:
    kind: str
    # The permission of the department that handles this kind (in its union subtree).
    permission: str
    # The reverse one-to-one name from Application to the kind's own model.
    details_attribute: str
    # Templates that show the kind's own fields: to staff (masked identifiers), to the applicant.
    staff_template: str
    applicant_template: str
    # The page where a member (or a visitor, for joining) applies.
    apply_url_name: str
    actions: list[KindAction] = field(default_factory=list)
    # Who applies: a signed-in member (help), or a worker who is not a member yet (joining:
    # open to visitors, not offered to a signed-in member).
    members_only: bool = True

    @property
    def kind_label(self) -> "StrOrPromise":
        return ApplicationKind(self.kind).label


_handlers: dict[str, KindHandler] = {}


def register(handler: KindHandler) -> None:
    if handler.kind not in ApplicationKind.values:
        raise ImproperlyConfigured(f"Unknown application kind {handler.kind!r}")
    _handlers[handler.kind] = handler


def handler_for(kind: str) -> KindHandler:
    return _handlers[kind]


def registered() -> list[KindHandler]:
    """The handlers, in the order of ApplicationKind."""
    return [_handlers[kind] for kind in ApplicationKind.values if kind in _handlers]


def kinds_handled_by(user: Visitor) -> list[str]:
    """The kinds `user` may handle (their department's permissions)."""
    if not user.is_active:
        return []
    return [handler.kind for handler in registered() if user.has_perm(handler.permission)]
