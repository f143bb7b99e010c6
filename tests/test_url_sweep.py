"""Every URL pattern the portal serves, walked from the resolver: who may open it, who may not.

After 18F/tock's `test_url_auth.py`. Each URL pattern (the apps' pages, Django's, and every
admin URL of every registered model) is asked for by an anonymous visitor, by each of the eight
staff roles (the grassroots officer attached to the union that holds the records), by a
signed-in member with no staff role and by a grassroots officer of another union's subtree.
Whoever may not open it must be refused (403, 404, or a redirect to a login page), and one who
may must get through, so that the refusals come from the access check, not a missing record.

Who may open what is read from the code where the code says it:

- an admin URL: the model permission its admin view asks for (ADMIN_VIEW_PERMISSIONS), with
  the case-file right for the case-file admins (legal_aid.admin.CaseFileAccessMixin);
- a staff page: its view's `get_permission_required()` (StaffRequiredMixin and the app
  mixins built on it);
- a page about one record is scoped: the officer of another subtree is refused.

This file says only what the code cannot: the public pages (PUBLIC), the pages open to any
signed-in user or to any staff account (EXPECTATIONS), admin views a model admin closes to
everyone (CLOSED), and records the whole county shares (COUNTY_WIDE). A URL pattern none of
these covers fails the sweep: a new view without an access check fails here.
"""

import datetime
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote, urlencode, urlsplit

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.static import serve as static_serve

from events.models import AccountAttempt, AttemptKind, CodePurpose, MemberAccount
from legal_aid import services as legal_services
from legal_aid.admin import CaseFileAccessMixin
from legal_aid.models import CaseNumberCounter, CaseStatusChange, CaseViewLog
from members.models import Honour, HonourTitle, Member, MembershipTransfer
from tests.applications.factories import ApplicationFactory
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    CoOrganiserFactory,
    EntryFactory,
    ParticipationFactory,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.legal_aid.factories import (
    AppraisalFactory,
    CollectiveContractFactory,
    ConsultationFactory,
    HarmonyRatingFactory,
    LawyerFactory,
    OutreachEventFactory,
    make_case,
    make_help_request,
)
from tests.members.factories import (
    EmployerFactory,
    MemberFactory,
    StaffProfileFactory,
    TownshipFactory,
    UnionFactory,
    UserFactory,
    make_join_application,
)
from tests.sign_in import VerifiedClient
from tests.welfare.factories import (
    CampaignFactory,
    EducationAidFactory,
    GrantFactory,
    HouseholdFactory,
    ServiceSiteFactory,
    education_request,
    hardship_request,
)
from welfare.models import (
    CampaignKind,
    CheckupRound,
    EmploymentCampaign,
    GrantState,
    HealthCheckup,
    HouseholdPerson,
    HouseholdReview,
    MutualAidEnrolment,
    WomenWorkerService,
)
from yuyang_union import roles
from yuyang_union.accounts.middleware import OPEN_BEFORE_SECOND_FACTOR
from yuyang_union.accounts.verification import needs_second_factor
from yuyang_union.applications.kinds import kinds_handled_by
from yuyang_union.applications.models import (
    Application,
    ApplicationDocument,
    ApplicationKind,
    CalendarDay,
)
from yuyang_union.history.models import ActionEntry
from yuyang_union.jobs.files import ResultWriter
from yuyang_union.jobs.models import Job, JobState
from yuyang_union.personal_data.access_log import log_identifier_access
from yuyang_union.personal_data.models import AccessChannel, IdentifierAccessLog
from yuyang_union.scoping import union_in_scope
from yuyang_union.summary.models import Snapshot, YearlyTally

ANONYMOUS = "anonymous"
MEMBER = "member without a staff role"
OTHER_OFFICER = f"{roles.GRASSROOTS_OFFICERS} of another subtree"
SUPERUSER = "superuser"
# A superuser whose session passed the password but not the second factor: refused everywhere
# but the second factor's own pages (and logging out), public pages included.
PASSWORD_ONLY = "superuser with the password alone"
PERSONAS = [ANONYMOUS, *roles.ALL_ROLES, MEMBER, OTHER_OFFICER]
# Who proves a page opens: the officer of the records' subtree first (so that the other
# subtree's officer is seen refused by the scope), then the others.
CONTROL_ORDER = [
    roles.GRASSROOTS_OFFICERS,
    *(p for p in PERSONAS if p != roles.GRASSROOTS_OFFICERS),
]

# What only this file can say ----------------------------------------------------------------

# Pages anyone may open, signed in or not (by URL name).
PUBLIC = {
    "home",
    "healthz",
    "login",
    "logout",
    "set_language",
    "members:honour-roll",
    "welfare:notices",
    "welfare:service-sites",
    "competitions:public-list",
    "competitions:public-detail",
    "events:list",
    "events:feed",
    "events:detail",
    "events:ics",
    "events:mine",  # offers a visitor login or activation; a member sees their own sign-ups
    "events:activate",
    # Activation's and recovery's steps: for visitors (a signed-in user goes to their events).
    "events:activate-code",
    "events:recover",
    "events:recover-code",
    "admin:logout",
    "admin:javascript-catalog",  # treebeard's translations for its tree script
    "applications:apply",  # where to apply: joining for anyone, help for members
    "applications:status-lookup",  # a join applicant without an account: by number and phone
    # 入会申请: anyone may apply (a visitor has no account yet), and search employers' names.
    "members:join",
    "members:join-receipt",
    "members:join-pick-employers",
}


def nobody(user):
    return False


def signed_in(user):
    return user.is_authenticated


def staff_account(user):
    """The admin site's own check (AdminSite.has_permission): an active staff account."""
    return user.is_active and user.is_staff


def has_member_record(user):
    return Member.objects.filter(user=user).exists()


def owns_an_application(user):
    """A member's own application page: the sweep's application is the member login's."""
    return Application.objects.filter(applicant__user=user).exists()


def may_open_the_document(user):
    """An applicant's document: its applicant, or whoever handles its kind in its subtree."""
    document = ApplicationDocument.objects.select_related("application__union").get()
    application = document.application
    if application.applicant.user_id == user.pk:
        return True
    return application.kind in kinds_handled_by(user) and union_in_scope(user, application.union)


# The autocomplete the sweep asks for: a member's union, answered by the union admin.
AUTOCOMPLETE = {"app_label": "members", "model_name": "member", "field_name": "union"}


def may_see_unions(user):
    """Django's autocomplete asks the view (or change) right on the model it lists."""
    return staff_account(user) and any(
        user.has_perm(f"members.{action}_unionorganisation") for action in ("view", "change")
    )


def has_second_factor(user):
    """Staff accounts: the second factor's pages (members have none)."""
    return needs_second_factor(user)


def owns_a_job(user):
    """The sweep's job (build_world) belongs to the organisation officer alone."""
    return bool(user.is_authenticated) and Job.objects.filter(owner=user).exists()


# Pages whose access check names no permission (by URL name, or route if it has none).
EXPECTATIONS = {
    # A verified staff session is sent on from the second step (a redirect, see probes_for).
    "accounts:verify": has_second_factor,
    "accounts:enrol": has_second_factor,
    "accounts:security": has_second_factor,
    "accounts:confirm": signed_in,
    "password_change": signed_in,
    "password_change_done": signed_in,
    # Any login may try; one without a member record is told so on the event page.
    "events:sign-up": signed_in,
    "events:cancel": has_member_record,
    # A member asks for legal help (and searches the employers' register for it).
    "legal_aid:help-request-new": has_member_record,
    "legal_aid:help-request-employers": has_member_record,
    # A member's help requests (issue 18): members only, whatever their union.
    "welfare:apply-hardship-help": has_member_record,
    "welfare:apply-education-aid": has_member_record,
    "admin:index": staff_account,
    "admin:password_change": staff_account,
    "admin:password_change_done": staff_account,
    "admin:jsi18n": staff_account,
    "admin:view_on_site": staff_account,  # a redirect to the record's own page
    "admin:autocomplete": may_see_unions,
    # The admin's search form posts here; it answers staff accounts only.
    "personal_data:admin-search": staff_account,
    # Anyone signed in sees what is held about them (nothing, without a member record).
    "personal_data:my-data": signed_in,
    # A member's applications: their own list (empty without any), their own application.
    "applications:mine": has_member_record,
    "applications:my-detail": owns_an_application,
    "applications:document-file": may_open_the_document,
    "admin/(?P<url>.*)$": nobody,
    # Background jobs: anyone signed in has a list (empty without jobs); a job is its owner's.
    "jobs:list": signed_in,
    "jobs:status": signed_in,
    "jobs:detail": owns_a_job,
    "jobs:confirm": owns_a_job,
    "jobs:cancel": owns_a_job,
    "jobs:download": owns_a_job,
    # The admin's own login page sends everyone to the portal's (and its second step).
    "admin:login": nobody,  # the admin's catch-all: 404 once signed in as staff
}

# Admin views that a model admin closes to everyone, superusers included (logs only the code
# writes, snapshots only the summary page takes, ...), by model and admin view.
CLOSED = {
    "auditlog.logentry": {"add", "delete"},
    "axes.accessattempt": {"add"},
    "axes.accesslog": {"add"},
    "axes.accessfailurelog": {"add"},
    "history.actionentry": {"add", "delete"},
    "personal_data.identifieraccesslog": {"add", "delete"},
    "legal_aid.casestatuschange": {"add", "delete"},
    "legal_aid.caseviewlog": {"add", "delete"},
    "legal_aid.casenumbercounter": {"add", "delete"},
    "legal_aid.legalhelprequest": {"add", "delete"},
    "events.memberaccount": {"add", "delete"},
    "events.accountattempt": {"add"},
    "summary.snapshot": {"add"},
    # Applications are made by applicants and moved by the services' pages, never typed in.
    "applications.application": {"add", "delete"},
    "members.joinapplication": {"add", "delete"},
}

# Records every officer with the right sees, whatever their union: relief campaigns are
# county-wide (the grants a campaign's page lists are still the officer's own).
COUNTY_WIDE = {"admin:welfare.reliefcampaign", "welfare:campaign-detail"}

# Views that answer only POST and are no class-based view (a class says it itself).
POST_ONLY = {
    "events:sign-up",
    "events:cancel",
    "admin:logout",
    "set_language",
    "jobs:confirm",
    "jobs:cancel",
}

QUERIES = {"admin:autocomplete": AUTOCOMPLETE}

# Second steps whose GET, without their first step done in this session, sends the visitor back
# to it (the state lives in the session, never in the URL).
SECOND_STEPS = {"events:activate-code", "events:recover-code", "members:join-receipt"}

# What the admin code says -------------------------------------------------------------------

# The model permissions each admin view asks for (Django's ModelAdmin, django-import-export
# through yuyang_union.excel.admin.ScopedImportExportMixin, treebeard's TreeAdmin): groups of
# actions, each group satisfied by any one of its actions.
VIEW_OR_CHANGE = ("view", "change")
ADMIN_VIEW_PERMISSIONS = {
    "changelist": (VIEW_OR_CHANGE,),
    "change": (VIEW_OR_CHANGE,),
    "history": (VIEW_OR_CHANGE,),
    "export": (VIEW_OR_CHANGE,),
    "children": (VIEW_OR_CHANGE,),  # treebeard: one level of the tree
    "add": (("add",),),
    "delete": (("delete",),),
    "password_change": (("change",),),
    "move": (("change",),),  # treebeard: the change right, checked on the node moved
    "import": (("import",), ("add",)),
    "process_import": (("import",), ("add",)),
    "import_template": (("import",), ("add",)),
    "redirect": (),  # <object_id>/ → its change page, which checks; staff accounts only
}
# Admin views about one record, which a scoped model admin limits to the user's subtree.
ADMIN_OBJECT_VIEWS = {"change", "history", "delete", "children", "move"}
ADMIN_POST_ONLY = {"process_import", "move"}
# Admin URLs without a name, by the end of their route.
UNNAMED_ADMIN_VIEWS = {
    "<path:object_id>/": "redirect",
    "move/": "move",
    "children/<str:parent_id>/": "children",
}


# Walking the resolver ---------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route itself for a pattern without a name
    route: str
    callback: object = field(compare=False)

    def __str__(self):
        return f"{self.key} (/{self.route})"


def walk(resolver, prefix="", namespace=""):
    """Every URL pattern under `resolver`, included URLconfs and the admin's too."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk(pattern, prefix + str(pattern.pattern), inner)
        else:
            route = prefix + str(pattern.pattern)
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield Route(name or route, route, pattern.callback)


def development_only(route):
    """Django's static() serving MEDIA_ROOT under DEBUG (the web server does in production):
    public uploads only, case documents are stored outside MEDIA_ROOT."""
    return route.callback is static_serve


ROUTES = [route for route in walk(get_resolver()) if not development_only(route)]
ROUTE_KEYS = {route.key for route in ROUTES}


def model_admin_of(callback):
    """The ModelAdmin behind an admin URL (through Django's and admin_view's wrappers)."""
    if isinstance(getattr(callback, "model_admin", None), admin.ModelAdmin):
        return callback.model_admin
    func = callback
    while func is not None:
        if isinstance(getattr(func, "__self__", None), admin.ModelAdmin):
            return func.__self__
        func = getattr(func, "__wrapped__", None)
    return None


def admin_view_name(route, model_admin):
    """ "change", "import", "move", ...: which view of its model admin a URL is."""
    prefix = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    if route.key.startswith(prefix):
        return route.key.removeprefix(prefix)
    if route.key == route.route:
        for ending, name in UNNAMED_ADMIN_VIEWS.items():
            if route.route.endswith(ending):
                return name
    return None


# Who may open what ------------------------------------------------------------------------


@dataclass
class Rule:
    """What the sweep expects of one URL, and where the expectation comes from."""

    source: str
    allows: object = None  # user → bool: may this signed-in user open it?
    scoped: bool = False  # about one record: the officer of another subtree is refused
    closed: bool = False  # refused to everyone, superusers included
    public: bool = False

    def lets_through(self, persona, user):
        if self.public:
            return True
        if self.closed or persona == ANONYMOUS:
            return False
        if self.scoped and persona == OTHER_OFFICER:
            return False
        return bool(self.allows(user))


def admin_rule(route, model_admin):
    """From the model permissions the admin view asks for."""
    opts = model_admin.opts
    view = admin_view_name(route, model_admin)
    if view not in ADMIN_VIEW_PERMISSIONS:
        return None
    groups = [
        tuple(f"{opts.app_label}.{action}_{opts.model_name}" for action in group)
        for group in ADMIN_VIEW_PERMISSIONS[view]
    ]
    if groups and isinstance(model_admin, CaseFileAccessMixin):
        groups.append((legal_services.VIEW_CASE_FILE,))

    def allows(user):
        return staff_account(user) and all(
            any(user.has_perm(perm) for perm in group) for group in groups
        )

    return Rule(
        source=" and ".join("|".join(group) for group in groups) or "staff",
        allows=allows,
        scoped=view in ADMIN_OBJECT_VIEWS and f"admin:{opts.label_lower}" not in COUNTY_WIDE,
        closed=view in CLOSED.get(opts.label_lower, ()),
    )


def app_index_rule(app_label):
    """The admin's page of one app: shown to users with any right on one of its models."""
    model_admins = [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == app_label
    ]

    def any_right(user, model_admin):
        name = model_admin.opts.model_name
        if isinstance(model_admin, CaseFileAccessMixin) and not user.has_perm(
            legal_services.VIEW_CASE_FILE
        ):
            return False
        return any(
            user.has_perm(f"{app_label}.{action}_{name}")
            for action in ("view", "change", "add", "delete")
        )

    def allows(user):
        return staff_account(user) and any(any_right(user, ma) for ma in model_admins)

    return Rule(source=f"any right on a model of {app_label}", allows=allows)


def view_rule(route):
    """From the view's own permission_required (StaffRequiredMixin and the app mixins)."""
    view_class = getattr(route.callback, "view_class", None)
    if view_class is None or not issubclass(view_class, PermissionRequiredMixin):
        return None
    perms = view_class(**route.callback.view_initkwargs).get_permission_required()
    return Rule(
        source=" and ".join(perms),
        allows=lambda user: user.has_perms(perms),
        scoped=bool(route_params(route.route)) and route.key not in COUNTY_WIDE,
    )


def rule_for(route):
    if route.key in PUBLIC:
        return Rule(source="PUBLIC", public=True)
    if route.key in EXPECTATIONS:
        allows = EXPECTATIONS[route.key]
        return Rule(source=allows.__name__, allows=allows, closed=allows is nobody)
    model_admin = model_admin_of(route.callback)
    if model_admin is not None:
        return admin_rule(route, model_admin)
    return view_rule(route)


# The requests -----------------------------------------------------------------------------

# A route's arguments: <converter:name>, or (?P<name>...) in a regular expression.
PARAM = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def route_params(route):
    return [match["name"] or match["group"] for match in PARAM.finditer(route)]


def fill(route, kwargs):
    def value(match):
        return quote(str(kwargs[match["name"] or match["group"]]), safe="/")

    return "/" + PARAM.sub(value, route.replace("^", "").replace("$", ""))


def url_kwargs(world):
    """The arguments of the URLs that are not an admin's, by URL name: records in the
    officer's subtree (an admin URL takes the record of its model, from world.objects)."""
    o = world.objects
    competition, case, event = o["competitions.competition"], o["legal_aid.case"], o["events.event"]
    household = o["welfare.hardshiphousehold"]
    kwargs = {
        "welfare:household-detail": {"pk": household.pk},
        "welfare:household-action": {"pk": household.pk, "action": "review"},
        "welfare:campaign-detail": {"pk": o["welfare.reliefcampaign"].pk},
        "welfare:household-from-request": {"pk": world.applications["hardship_help"].pk},
        "welfare:aid-from-request": {"pk": world.applications["education_aid"].pk},
        "competitions:score-grid": {
            "pk": competition.pk,
            "event_pk": o["competitions.competitionevent"].pk,
        },
        "competitions:promote-title": {"pk": o["competitions.competitiontitle"].pk},
        "competitions:promote-entry": {"pk": o["competitions.entry"].pk},
        "legal_aid:document-file": {"name": o["legal_aid.casedocument"].file.name},
        "applications:document-file": {"name": world.application_document.file.name},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(event).pk,
            "object_id": event.pk,
        },
        "admin/(?P<url>.*)$": {"url": "no-such-page/"},
        "personal_data:subject-copy": {
            "app_label": "members",
            "model_name": "member",
            "pk": o["members.member"].pk,
        },
        "members:join-approve": {"pk": o["members.joinapplication"].application_id},
        "jobs:detail": {"pk": world.job.pk},
        "jobs:confirm": {"pk": world.job.pk},
        "jobs:cancel": {"pk": world.job.pk},
        "jobs:download": {"pk": world.job.pk},
        "personal_data:reveal": {
            "app_label": "members",
            "model_name": "member",
            "pk": o["members.member"].pk,
            "field": "id_number",
        },
    }
    for name in ("public-detail", "staff-detail", "change-status", "award-title"):
        kwargs[f"competitions:{name}"] = {"pk": competition.pk}
    for name in ("import-entries", "import-template", "export-results"):
        kwargs[f"competitions:{name}"] = {"pk": competition.pk}
    for name in ("my-detail", "staff-detail", "accept", "decline"):
        kwargs[f"applications:{name}"] = {"pk": o["applications.application"].pk}
    for name in ("case-detail", "case-move", "case-document-upload"):
        kwargs[f"legal_aid:{name}"] = {"pk": case.pk}
    for name in ("help-request-consultation", "help-request-case"):
        kwargs[f"legal_aid:{name}"] = {"pk": o["legal_aid.legalhelprequest"].application_id}
    for name in (
        "detail", "ics", "sign-up", "cancel", "registrations", "check-in", "staff-publish",
        "staff-cancel",
    ):  # fmt: skip
        kwargs[f"events:{name}"] = {"pk": event.pk}
    return kwargs


@dataclass
class Probe:
    """One request of the sweep: where, how, and what is expected of it."""

    path: str
    method: str
    rule: Rule
    data: dict = field(default_factory=dict)
    redirects: bool = False  # a GET whose normal answer is a redirect
    key: str = ""  # the route's URL name


def is_post_only(route, model_admin):
    if route.key in POST_ONLY:
        return True
    if model_admin is not None:
        return admin_view_name(route, model_admin) in ADMIN_POST_ONLY
    view_class = getattr(route.callback, "view_class", None)
    return view_class is not None and (
        "get" not in view_class.http_method_names or not hasattr(view_class, "get")
    )


def probes_for(route, world):
    """The requests that check one URL; fails when nothing says who may open it."""
    if route.key == "admin:app_list":
        labels = sorted({model._meta.app_label for model in admin.site._registry})
        return [
            Probe(reverse("admin:app_list", args=[label]), "GET", app_index_rule(label))
            for label in labels
        ]
    rule = rule_for(route)
    if rule is None:
        pytest.fail(
            f"{route} says nowhere who may open it: give its view an access check "
            "(StaffRequiredMixin and its permission), or add it to PUBLIC or EXPECTATIONS "
            "in tests/test_url_sweep.py"
        )
    kwargs = url_kwargs(world).get(route.key, {})
    data = {}
    model_admin = model_admin_of(route.callback)
    if model_admin is not None:
        label = model_admin.opts.label_lower
        if label not in world.objects:
            pytest.fail(f"{route}: the sweep has no {label} record; add one to build_world()")
        pk = world.objects[label].pk
        kwargs = {"object_id": pk, "id": pk, "parent_id": pk}
        if admin_view_name(route, model_admin) == "move":
            data = world.move_data
    missing = [name for name in route_params(route.route) if name not in kwargs]
    if missing:
        pytest.fail(f"{route}: no value for {missing}; add them to url_kwargs()")
    path = fill(route.route, kwargs)
    if route.key in QUERIES:
        path += "?" + urlencode(QUERIES[route.key])
    redirects = (
        route.key in ("admin:view_on_site", "accounts:verify")
        or route.key in SECOND_STEPS
        or (model_admin is not None and admin_view_name(route, model_admin) == "redirect")
    )
    method = "POST" if is_post_only(route, model_admin) else "GET"
    return [Probe(path, method, rule, data=data, redirects=redirects, key=route.key)]


def ask(client, probe):
    """One request, rolled back: the sweep's records stay as built whatever it does."""
    with transaction.atomic():
        if probe.method == "POST":
            response = client.post(probe.path, probe.data)
        else:
            response = client.get(probe.path)
        if response.streaming:
            # Read to the end: the test client then closes the file (closing the response
            # here would fire request_finished, which closes the database connection).
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


# The answers ------------------------------------------------------------------------------


def login_paths():
    return {resolve_url(settings.LOGIN_URL), reverse("admin:login")}


def redirect_path(response):
    return urlsplit(response["Location"]).path


def refused(response):
    """403, 404, or off to a login page."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and redirect_path(response) in login_paths()


def got_through(response, probe):
    status = response.status_code
    if status in (200, 204):
        return True
    if status == 400:
        return probe.method == "POST"  # the harmless POST failed validation
    if status in (301, 302) and probe.method == "POST":
        return redirect_path(response) not in login_paths()
    if status in (301, 302) and probe.redirects:
        # Not the admin's answer to a record it cannot find: a redirect to its index.
        return redirect_path(response) not in {*login_paths(), reverse("admin:index")}
    return False


def describe(response):
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location']}"
    return str(response.status_code)


def check(probe, world):
    """Who must be refused is; and one persona who may open the page does (or, when no
    persona may, a superuser), so each refusal is the access check's, not a missing record's."""
    rule = probe.rule
    if rule.public:
        refused_personas, control = [], ANONYMOUS
    else:
        through = [p for p in CONTROL_ORDER if rule.lets_through(p, world.users[p])]
        refused_personas = [p for p in PERSONAS if p not in through]
        if rule.closed:
            refused_personas.append(SUPERUSER)
        control = through[0] if through else None if rule.closed else SUPERUSER
    failures = []
    for persona in refused_personas:
        response = ask(world.clients[persona], probe)
        if not refused(response):
            failures.append(f"{persona} must be refused {probe.path}, got {describe(response)}")
    if probe.key not in OPEN_BEFORE_SECOND_FACTOR:
        response = ask(world.clients[PASSWORD_ONLY], probe)
        if not (
            response.status_code == 302 and redirect_path(response) == reverse("accounts:verify")
        ):
            failures.append(
                f"{PASSWORD_ONLY} must be sent to the second factor from {probe.path}, "
                f"got {describe(response)}"
            )
    if control is not None:
        response = ask(world.clients[control], probe)
        if not got_through(response, probe):
            hint = "; if it is closed to everyone, say so in CLOSED" if control == SUPERUSER else ""
            failures.append(f"{control} may open {probe.path}, got {describe(response)}{hint}")
    return failures


# The records ------------------------------------------------------------------------------


@dataclass
class World:
    users: dict
    clients: dict
    objects: dict  # a record of each admin's model
    move_data: dict
    job: Job  # the organisation officer's background job
    application_document: ApplicationDocument  # of the member login's application
    # Members' online applications in the officer's subtree, by kind (issue 18).
    applications: dict = field(default_factory=dict)


def staff_user(role, union=None):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if union is not None:
        StaffProfileFactory(user=user, union=union)
    return user


def _sweep_job(owner):
    """A job awaiting its confirmation, with a result file (in the sweep's own folder)."""
    job = Job.objects.create(
        owner=owner, kind="excel.import", label="扫测任务", state=JobState.AWAITING_CONFIRMATION
    )
    with ResultWriter(encrypted=True) as file:
        file.write(b"sweep")
    Job.objects.filter(pk=job.pk).update(
        result_file=file.name,
        result_name="sweep.xlsx",
        result_size=file.size,
        result_personal=True,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    job.refresh_from_db()
    return job


def build_world():
    town_a = UnionFactory(name="扫测甲镇工会", kind="township")
    union_a = UnionFactory(name="扫测甲厂工会", parent=town_a)
    town_b = UnionFactory(name="扫测乙镇工会", kind="township")

    # Each role county-wide, but the grassroots officer: attached to the records' subtree.
    users = {
        role: staff_user(role, union=town_a if role == roles.GRASSROOTS_OFFICERS else None)
        for role in roles.ALL_ROLES
    }
    users[OTHER_OFFICER] = staff_user(roles.GRASSROOTS_OFFICERS, union=town_b)
    users[MEMBER] = UserFactory()
    users[SUPERUSER] = UserFactory(is_staff=True, is_superuser=True)
    users[PASSWORD_ONLY] = UserFactory(is_staff=True, is_superuser=True)
    users[ANONYMOUS] = AnonymousUser()
    member_login = MemberFactory(union=union_a, user=users[MEMBER])
    legal = users[roles.LEGAL]

    township = TownshipFactory()
    employer = EmployerFactory(union=union_a, township=township)
    member = MemberFactory(union=union_a, employer=employer)
    household = HouseholdFactory(head=MemberFactory(union=union_a))
    campaign = CampaignFactory()
    competition = CompetitionFactory(organiser=union_a)
    competition_event = CompetitionEventFactory(competition=competition)
    case = make_case(actor=legal, respondent=employer)
    document = legal_services.add_case_document(
        case=case,
        title="仲裁申请书",
        upload=SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 sweep", "application/pdf"),
        actor=legal,
    )
    legal_services.log_case_view(actor=legal, case=case, via=CaseViewLog.Via.STAFF_PAGE)
    log_identifier_access(users[roles.ADMINISTRATORS], [member], ["id_number"], AccessChannel.PAGE)
    event = EventFactory(organiser=union_a)
    RegistrationFactory(event=event, member=member_login)
    honour_title = HonourTitle.objects.get(key="county_craftsman")
    checkup_round = CheckupRound.objects.create(
        held_on=datetime.date(2020, 6, 1), township=township
    )

    objects = {
        "auth.user": member_login.user,
        "auth.group": Group.objects.get(name=roles.LEADERS),
        "axes.accessattempt": AccessAttempt.objects.create(
            username="sweep", ip_address="10.0.0.1", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(username="sweep", ip_address="10.0.0.1"),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            username="sweep", ip_address="10.0.0.1"
        ),
        "auditlog.logentry": LogEntry.objects.order_by("-id").first(),
        "personal_data.identifieraccesslog": IdentifierAccessLog.objects.order_by("-id").first(),
        "history.actionentry": ActionEntry.objects.order_by("-id").first(),
        "members.township": township,
        "members.unionorganisation": union_a,
        "members.employer": employer,
        "members.member": member,
        "members.membershiptransfer": MembershipTransfer.objects.create(
            member=MemberFactory(union=union_a),
            from_union=union_a,
            to_union=town_a,
            released_by=users[roles.ORGANISATION],
        ),
        "members.honourtitle": honour_title,
        "members.honour": Honour.objects.create(
            title=honour_title,
            year=2020,
            member=member,
            employer=employer,
            union=union_a,
        ),
        "members.staffprofile": users[roles.GRASSROOTS_OFFICERS].staff_profile,
        "members.joinapplication": make_join_application(
            township=township, employer=employer
        ).join_details,
        "welfare.hardshiphousehold": household,
        "welfare.householdperson": HouseholdPerson.objects.create(
            household=household, name="扫测家属", relation="spouse"
        ),
        "welfare.householdreview": HouseholdReview.objects.create(
            household=household, reviewed_on=datetime.date(2021, 3, 1), outcome="continue"
        ),
        "welfare.reliefcampaign": campaign,
        "welfare.grant": GrantFactory(campaign=campaign, household=household),
        "welfare.educationaid": EducationAidFactory(
            campaign=CampaignFactory(kind=CampaignKind.EDUCATION),
            parent=member,
            state=GrantState.PROPOSED,
            approved_at=None,
            paid_on=None,
        ),
        "welfare.mutualaidenrolment": MutualAidEnrolment.objects.create(
            member=member,
            year=2020,
            plan="职工互助保障",
            enrolled_on=datetime.date(2020, 1, 1),
            premium=Decimal("50.00"),
        ),
        "welfare.womenworkerservice": WomenWorkerService.objects.create(
            member=member, kind="screening", year=2020, served_on=datetime.date(2020, 3, 8)
        ),
        "welfare.checkupround": checkup_round,
        "welfare.healthcheckup": HealthCheckup.objects.create(round=checkup_round, member=member),
        "welfare.employmentcampaign": EmploymentCampaign.objects.create(
            kind="spring_breeze", name="春风行动", held_on=datetime.date(2020, 2, 10)
        ),
        "welfare.servicesite": ServiceSiteFactory(union=union_a),
        "competitions.coorganiser": CoOrganiserFactory(),
        "competitions.competition": competition,
        "competitions.competitionevent": competition_event,
        "competitions.participation": ParticipationFactory(
            competition=competition, employer=employer
        ),
        "competitions.entry": EntryFactory(
            event=competition_event, member=member, employer=employer
        ),
        "competitions.competitiontitle": CompetitionTitleFactory(
            competition=competition, member=member
        ),
        "legal_aid.lawfirm": LawyerFactory().firm,
        "legal_aid.lawyer": LawyerFactory(),
        "legal_aid.consultation": ConsultationFactory(employer=employer),
        "legal_aid.outreachevent": OutreachEventFactory(),
        "legal_aid.case": case,
        "legal_aid.casedocument": document,
        "legal_aid.casestatuschange": CaseStatusChange.objects.get(case=case),
        "legal_aid.caseviewlog": CaseViewLog.objects.get(case=case),
        "legal_aid.appraisal": AppraisalFactory(employer=employer),
        "legal_aid.collectivecontract": CollectiveContractFactory(union=union_a),
        "legal_aid.harmonyrating": HarmonyRatingFactory(employer=employer),
        "legal_aid.casenumbercounter": CaseNumberCounter.objects.get(),
        "legal_aid.legalhelprequest": make_help_request(
            member=MemberFactory(union=union_a, user=UserFactory()), employer=employer
        ).legal_help,
        "events.event": event,
        "events.registration": event.registrations.get(),
        "events.memberaccount": MemberAccount.objects.get(pk=member.pk),
        "events.accountattempt": AccountAttempt.objects.create(
            purpose=CodePurpose.ACTIVATION,
            kind=AttemptKind.REQUESTED,
            ip_address="10.0.0.1",
            created_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC),
        ),
        "summary.yearlytally": YearlyTally.objects.create(
            key=YearlyTally._meta.get_field("key").choices[0][0],
            year=2020,
            value=1,
            entered_by=users[roles.ADMINISTRATORS],
        ),
        "summary.snapshot": Snapshot.objects.create(
            name="扫测快照",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2020, 12, 31),
            created_by=users[roles.LEADERS],
        ),
    }
    # The member login's join application, routed to the records' union, with a document.
    application = ApplicationFactory(
        kind=ApplicationKind.JOIN, union=union_a, applicant=member_login, applicant_name="扫测"
    )
    objects["applications.application"] = application
    objects["applications.calendarday"] = CalendarDay.objects.order_by("date").first()
    application_document = ApplicationDocument.objects.create(
        application=application,
        file=SimpleUploadedFile("录取通知书.pdf", b"%PDF-1.4 sweep %%EOF"),
        original_name="录取通知书.pdf",
        content_type="application/pdf",
        size=20,
    )
    missing = [label for label, record in objects.items() if record is None]
    assert not missing, f"build_world() made no {missing}"

    clients = {}
    for persona, user in users.items():
        clients[persona] = Client() if persona == PASSWORD_ONLY else VerifiedClient()
        if user.is_authenticated:
            clients[persona].force_login(user)
    # Treebeard's move: the union under the township union, again as its child.
    move_data = {"node": union_a.pk, "target": town_a.pk, "relation": "child"}
    job = _sweep_job(users[roles.ORGANISATION])
    applications = {
        "hardship_help": hardship_request(MemberFactory(union=union_a)),
        "education_aid": education_request(MemberFactory(union=union_a)),
    }
    return World(
        users=users,
        clients=clients,
        objects=objects,
        move_data=move_data,
        job=job,
        application_document=application_document,
        applications=applications,
    )


@pytest.fixture(autouse=True)
def _job_results_in_a_folder_of_the_test():
    """Not here: the sweep's job keeps its file in the world's folder (JOB_RESULT_DIR)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The records and logins, built once for the module and rolled back after it."""
    folder = tmp_path_factory.mktemp("url-sweep")
    # Thousands of refusals: Django would log each 403 and 404 with its traceback.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    with (
        override_settings(
            MEDIA_ROOT=folder / "media",
            PRIVATE_MEDIA_ROOT=folder / "private",
            JOB_RESULT_DIR=folder / "jobs",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
    request_log.setLevel(level)


# The sweep --------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_url_access(route, world, db):
    failures = []
    for probe in probes_for(route, world):
        failures += [f"{failure} [{probe.rule.source}]" for failure in check(probe, world)]
    assert not failures, f"{route}:\n" + "\n".join(failures)


def test_the_sweep_walks_every_app_and_every_admin_model():
    changelists = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
    }
    assert changelists <= ROUTE_KEYS
    namespaces = {key.split(":")[0] for key in ROUTE_KEYS if ":" in key}
    assert {"members", "welfare", "competitions", "legal_aid", "events", "summary"} <= namespaces
    assert {"home", "staff-home", "login", "password_change", "set_language"} <= ROUTE_KEYS


def test_only_development_file_serving_is_left_out():
    left_out = [route for route in walk(get_resolver()) if development_only(route)]
    media = settings.MEDIA_URL.strip("/")
    assert all(route.route.startswith(f"^{media}/") for route in left_out), left_out


def test_every_table_names_what_exists(world, db):
    assert PUBLIC <= ROUTE_KEYS
    assert set(EXPECTATIONS) <= ROUTE_KEYS
    assert not PUBLIC & set(EXPECTATIONS)
    assert POST_ONLY | set(QUERIES) | set(url_kwargs(world)) <= ROUTE_KEYS
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert set(CLOSED) | set(world.objects) <= registered
    for label, views in CLOSED.items():
        assert views <= set(ADMIN_VIEW_PERMISSIONS), label
    for entry in COUNTY_WIDE:
        if entry.startswith("admin:"):
            assert entry.removeprefix("admin:") in registered, entry
        else:
            assert entry in ROUTE_KEYS, entry
