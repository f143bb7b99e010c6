"""Staff pages (/staff/welfare/...) and the public notice and service-site pages."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.page_cache.models import PageArea
from yuyang_union.page_cache.views import CachedContentView, page_of, query_string, vary_on
from yuyang_union.pagination import EstimatedCountPaginator, other_parameters
from yuyang_union.personal_data.masking import mask_name
from yuyang_union.refusals import show_refusal
from yuyang_union.scoping import get_object_in_scope
from yuyang_union.versions.forms import ReadVersionForm

from . import selectors, services
from .forms import (
    CancelForm,
    GrantProposeForm,
    HouseholdFilterForm,
    HouseholdRegisterForm,
    LiftOutForm,
    ReviewForm,
)
from .models import CampaignKind, HardshipCause, HardshipHousehold, ReliefCampaign, SiteKind
from .models.education import SchoolLevel
from .models.ledger import EntryQuerySet
from .money_steps import CONFIRM_LABELS, money_question, tell_outcome


class WelfareStaffMixin(StaffRequiredMixin):
    """A staff role and the page's own permission: anonymous users log in, others get 403."""

    welfare_permission = None

    def get_permission_required(self):
        return (STAFF_PERMISSION, self.welfare_permission)


# Household files ------------------------------------------------------------------------


class HouseholdListView(WelfareStaffMixin, TemplateView):
    template_name = "welfare/household_list.html"
    welfare_permission = "welfare.view_hardshiphousehold"
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = HouseholdFilterForm(self.request.GET or None)
        queryset = selectors.households_for(self.request.user)
        if form.is_valid():
            queryset = selectors.filter_households(queryset, **form.cleaned_data)
        # Unfiltered, a county's files are counted from the planner's estimate, not COUNT(*).
        page = EstimatedCountPaginator(queryset, self.per_page).get_page(
            self.request.GET.get("page")
        )
        context.update(
            title=gettext_lazy("Hardship household files"),
            form=form,
            page=page,
            households=page.object_list,
            query=other_parameters(self.request),
            may_register=self.request.user.has_perm("welfare.add_hardshiphousehold"),
        )
        return context


# What is typed into the head's picker may be an ID number: kept out of error reports.
@method_decorator(sensitive_post_parameters("head_text"), name="dispatch")
class HouseholdRegisterView(WelfareStaffMixin, TemplateView):
    """`?member=<key>` (from the member's page) presets the head, and so the union."""

    template_name = "welfare/household_form.html"
    welfare_permission = "welfare.add_hardshiphousehold"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" not in context:
            initial = {}
            member = selectors.member_for_new_file(
                self.request.user, self.request.GET.get("member")
            )
            if member is not None:
                initial["head"] = member
            context["form"] = HouseholdRegisterForm(user=self.request.user, initial=initial)
        context["title"] = gettext_lazy("Register a hardship household")
        return context

    def post(self, request):
        form = HouseholdRegisterForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                household = services.register_household(
                    head=data["head"],
                    union=data["union"],  # None: the head's own
                    tier=data["tier"],
                    causes=data["causes"],
                    household_size=data["household_size"],
                    registered_on=data["registered_on"],
                    situation=data["situation"],
                    actor=request.user,
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("The household file was registered."))
                return redirect("welfare:household-detail", pk=household.pk)
        return self.render_to_response(self.get_context_data(form=form))


class HouseholdDetailView(WelfareStaffMixin, TemplateView):
    """The whole story of one file on one screen."""

    template_name = "welfare/household_detail.html"
    welfare_permission = "welfare.view_hardshiphousehold"

    def get_household(self):
        return get_object_in_scope(
            selectors.households_for(self.request.user).select_related(
                "previous_file", "registered_by"
            ),
            self.request.user,
            "union",
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        household = self.get_household()
        user = self.request.user
        may_change = user.has_perm("welfare.change_hardshiphousehold")
        context.update(
            title=str(household),
            household=household,
            causes_display=[HardshipCause(cause).label for cause in household.causes],
            may_change=may_change and household.is_open,
            may_propose=user.has_perm("welfare.add_grant") and household.is_open,
            # The file's moves carry the version of the file this page shows.
            review_form=kwargs.get("review_form") or ReviewForm(prefix="review", record=household),
            lift_form=kwargs.get("lift_form") or LiftOutForm(prefix="lift", record=household),
            cancel_form=kwargs.get("cancel_form") or CancelForm(prefix="cancel", record=household),
            grant_form=kwargs.get("grant_form") or GrantProposeForm(prefix="grant"),
            **selectors.household_story(household),
        )
        return context


class HouseholdActionView(WelfareStaffMixin, View):
    """POST one of the file's actions: review, lift out, cancel, propose a grant."""

    welfare_permission = "welfare.change_hardshiphousehold"
    actions = {
        "review": (ReviewForm, "review_form"),
        "lift": (LiftOutForm, "lift_form"),
        "cancel": (CancelForm, "cancel_form"),
        "grant": (GrantProposeForm, "grant_form"),
    }

    def post(self, request, pk, action):
        if action not in self.actions:
            raise PermissionDenied
        if action == "grant" and not request.user.has_perm("welfare.add_grant"):
            raise PermissionDenied
        household = get_object_in_scope(
            HardshipHousehold.objects.select_related("head", "union"),
            request.user,
            "union",
            pk=pk,
        )
        form_class, context_name = self.actions[action]
        moves_the_file = issubclass(form_class, ReadVersionForm)
        extra = {"record": household} if moves_the_file else {}
        form = form_class(request.POST, prefix=action, **extra)
        if form.is_valid():
            try:
                self.perform(action, household, form.cleaned_data)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("welfare:household-detail", pk=household.pk)
        detail = HouseholdDetailView(request=request, kwargs={"pk": pk})
        context = detail.get_context_data(**{context_name: form})
        return detail.render_to_response(context)

    def perform(self, action, household, data):
        user = self.request.user
        # The service compares the version the page was read at with the locked file.
        read_version = data.get("version")
        if action == "review":
            services.review_household(
                household=household,
                reviewed_on=data["reviewed_on"],
                outcome=data["outcome"],
                new_tier=data["new_tier"] or None,
                notes=data["notes"],
                actor=user,
                read_version=read_version,
            )
        elif action == "lift":
            services.lift_out(
                household=household,
                lifted_out_on=data["lifted_out_on"],
                measure=data["measure"],
                actor=user,
                read_version=read_version,
            )
        elif action == "cancel":
            services.cancel_household(
                household=household,
                cancelled_on=data["cancelled_on"],
                reason=data["reason"],
                actor=user,
                read_version=read_version,
            )
        else:
            services.propose_grant(household=household, actor=user, **data)


# Grants and campaigns -------------------------------------------------------------------


def _posted_date(value):
    """A date from a form field (today when empty), or None when it is not a date."""
    if not value:
        return timezone.localdate()
    try:
        return parse_date(value)
    except ValueError:
        return None


class GrantApprovalView(WelfareStaffMixin, TemplateView):
    """Approve many proposed grants and education aid at once, and mark approved ones paid.

    Nothing starts ticked, and nothing changes on the first POST: it answers with a
    confirmation that lists the chosen entries, their number and their total; only the
    confirmation's own POST (`confirmed`) acts. Both kinds of entry go through the same
    services (`approve_entry_sets`, `pay_entry_sets`); each list is scoped to the user's union
    subtree, so ids from outside it are ignored. A repeated confirmation (a double click, a
    reload, another officer first) finds its entries already moved on and says so.
    """

    template_name = "welfare/grant_approval.html"
    confirm_template_name = "welfare/grant_confirm.html"
    welfare_permission = "welfare.approve_grant"
    limit = 200
    # Form field name → the user's entries of that kind.
    entry_kinds = {"grant": selectors.grants_for, "aid": selectors.education_aid_for}
    # What each action may act on.
    eligible = {"approve": EntryQuerySet.awaiting_approval, "pay": EntryQuerySet.approved_unpaid}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=gettext_lazy("Grant approval"),
            proposed=list(selectors.grants_awaiting_approval(user)[: self.limit]),
            approved=list(selectors.grants_approved_unpaid(user)[: self.limit]),
            proposed_aid=list(selectors.education_aid_awaiting_approval(user)[: self.limit]),
            approved_aid=list(selectors.education_aid_approved_unpaid(user)[: self.limit]),
            today=timezone.localdate(),
        )
        return context

    def post(self, request):
        action = "pay" if request.POST.get("action") == "pay" else "approve"
        posted = {
            field: [int(pk) for pk in request.POST.getlist(field) if pk.isdigit()]
            for field in self.entry_kinds
        }
        if not any(posted.values()):
            messages.warning(request, _("Select at least one grant."))
            return redirect("welfare:grant-approval")
        paid_on = None
        if action == "pay":
            paid_on = _posted_date(request.POST.get("paid_on"))
            if paid_on is None:
                messages.error(request, _("Enter a valid payment date."))
                return redirect("welfare:grant-approval")
        chosen = {
            field: self.eligible[action](
                self.entry_kinds[field](request.user).filter(pk__in=ids).select_related(None)
            )
            for field, ids in posted.items()
            if ids
        }
        if request.POST.get("confirmed") != "1":
            return self._confirmation(action, chosen, posted, paid_on)
        if action == "pay":
            count = services.pay_entry_sets(
                entry_sets=chosen.values(), paid_on=paid_on, actor=request.user
            )
        else:
            count = services.approve_entry_sets(entry_sets=chosen.values(), actor=request.user)
        tell_outcome(request, action, count, sum(len(ids) for ids in posted.values()))
        return HttpResponseRedirect(reverse("welfare:grant-approval"))

    def _confirmation(self, action, chosen, posted, paid_on):
        selection = selectors.money_selection(chosen.values())
        if not selection.count:
            # Nothing chosen is still waiting for this action: done already.
            tell_outcome(self.request, action, 0, sum(len(ids) for ids in posted.values()))
            return HttpResponseRedirect(reverse("welfare:grant-approval"))
        return self.response_class(
            request=self.request,
            template=[self.confirm_template_name],
            context={
                "title": _("Confirm the payment") if action == "pay" else _("Confirm the approval"),
                "action": action,
                "selection": selection,
                "question": money_question(action, selection, paid_on),
                "confirm_label": CONFIRM_LABELS[action],
                # The entries shown, and only those, are what the confirmation acts on.
                "posted": [
                    (field, pk)
                    for field, entries in chosen.items()
                    for pk in entries.values_list("pk", flat=True)
                ],
                "paid_on": paid_on,
            },
            using=self.template_engine,
        )


class CampaignListView(WelfareStaffMixin, TemplateView):
    template_name = "welfare/campaign_list.html"
    welfare_permission = "welfare.view_reliefcampaign"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = EstimatedCountPaginator(selectors.campaigns_with_spending(), 50).get_page(
            self.request.GET.get("page")
        )
        context.update(title=gettext_lazy("Relief campaigns"), page=page)
        return context


class CampaignDetailView(WelfareStaffMixin, TemplateView):
    template_name = "welfare/campaign_detail.html"
    welfare_permission = "welfare.view_reliefcampaign"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Campaigns are county-wide; the grants listed are those of the user's subtree.
        campaign = get_object_or_404(ReliefCampaign, pk=self.kwargs["pk"])
        grants = selectors.grants_for(self.request.user).filter(campaign=campaign)
        page = EstimatedCountPaginator(grants.order_by("-granted_on", "-id"), 50).get_page(
            self.request.GET.get("page")
        )
        context.update(
            title=campaign.name,
            campaign=campaign,
            totals=selectors.campaign_totals(campaign),
            page=page,
        )
        return context


# Public pages ---------------------------------------------------------------------------


class NoticeView(CachedContentView):
    """公示: the recipients of each campaign on notice, names masked, 50 a page.

    The campaigns on notice are tabs; one campaign's entries show at a time. Cached until a
    campaign or entry changes, and for an hour at most (notice periods end by the day).
    """

    content_template_name = "welfare/notices.html"
    areas = (PageArea.NOTICES,)
    clock_seconds = 3600
    paginate_by = 50

    def content_vary(self):
        return (
            f"{self.request.GET.get('campaign', '')[:12]}|{self.request.GET.get('page', '')[:10]}"
        )

    def content_context(self):
        campaigns = list(selectors.campaigns_on_notice())
        chosen = campaigns[0] if campaigns else None
        wanted = self.request.GET.get("campaign")
        if wanted:
            chosen = next((c for c in campaigns if str(c.pk) == wanted), None)
            if chosen is None:
                raise Http404
        context = {"title": _("Public notices"), "campaigns": campaigns, "campaign": chosen}
        if chosen is not None:
            page = page_of(
                selectors.notice_entries(chosen), self.request.GET.get("page"), self.paginate_by
            )
            # Only masked names and amounts leave here: the template never sees a record,
            # so it cannot show anything else about the person.
            levels = dict(SchoolLevel.choices)
            context.update(
                page=page,
                query=f"campaign={chosen.pk}",
                is_education=chosen.kind == CampaignKind.EDUCATION,
                entries=[
                    {
                        "name": mask_name(entry["recipient"]),
                        "amount": entry["amount"],
                        "level": levels.get(entry.get("level", ""), ""),
                    }
                    for entry in page.object_list
                ],
            )
        return context


class ServiceSiteView(CachedContentView):
    """Workers' homes and outdoor workers' stations by township, 50 a page."""

    content_template_name = "welfare/service_sites.html"
    areas = (PageArea.SERVICE_SITES,)
    paginate_by = 50

    def filters(self):
        kind = self.request.GET.get("kind", "")
        township = self.request.GET.get("township", "")
        return (kind if kind in SiteKind.values else "", township if township.isdigit() else "")

    def content_vary(self):
        return vary_on(self.request, "kind", "township", "page")

    def content_context(self):
        kind, township = self.filters()
        sites = selectors.service_sites_by_township(kind=kind)
        counts = selectors.service_site_counts(kind=kind)
        if township:
            sites = sites.filter(township_id=int(township))
        page = page_of(sites, self.request.GET.get("page"), self.paginate_by)
        query = query_string(kind=kind, township=township)
        return {
            "title": _("Service sites"),
            "townships": [
                (name, list(items))
                for name, items in groupby(page.object_list, key=lambda site: site.township.name)
            ],
            "counts": counts,
            "page": page,
            "query": query,
            "kinds": SiteKind.choices,
            "kind": kind,
            "township": int(township) if township else None,
        }
