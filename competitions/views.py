from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import ListView, TemplateView

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.downloads import xlsx_attachment
from yuyang_union.excel.uploads import keep_uploads_in_memory
from yuyang_union.page_cache.models import PageArea
from yuyang_union.page_cache.views import CachedContentView, page_of, vary_on
from yuyang_union.pagination import other_parameters
from yuyang_union.personal_data.exports import export_purpose, full_export_form
from yuyang_union.scoping import check_union_in_scope, get_object_in_scope

from . import importing, selectors, services
from .exporting import import_template, start_results_export
from .forms import (
    AwardTitleForm,
    CompetitionFilterForm,
    ImportUploadForm,
    ScoreGridForm,
    StatusForm,
)
from .import_jobs import start_entries_import
from .models import Competition, CompetitionEvent, CompetitionTitle, Entry

ENTRIES_PER_PAGE = 50


def _competition_for(request, pk):
    """The competition if the user's union subtree holds its organiser; 404 otherwise."""
    return get_object_in_scope(
        Competition.objects.select_related("organiser"),
        request.user,
        selectors.SCOPE_FIELD,
        pk=pk,
    )


class CompetitionPermissionMixin(StaffRequiredMixin):
    """Staff role plus the competitions permission the view needs (others get 403)."""

    competition_permission = "competitions.view_competition"

    def get_permission_required(self):
        return (STAFF_PERMISSION, self.competition_permission)


class StaffCompetitionListView(CompetitionPermissionMixin, ListView):
    template_name = "competitions/staff/list.html"
    paginate_by = 30
    extra_context = {"title": gettext_lazy("Competitions")}

    def get_queryset(self):
        self.filter_form = CompetitionFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.staff_competition_list(self.request.user, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["query"] = other_parameters(self.request)
        return context


class StaffCompetitionDetailView(CompetitionPermissionMixin, TemplateView):
    template_name = "competitions/staff/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        competition = _competition_for(self.request, kwargs["pk"])
        user = self.request.user
        entries = Paginator(selectors.competition_entries(competition), ENTRIES_PER_PAGE)
        page = entries.get_page(self.request.GET.get("page"))
        context.update(
            title=competition.name,
            competition=competition,
            full_export_form=full_export_form(self.request),
            full_export_action=reverse("competitions:export-results", args=[competition.pk]),
            co_organisers=list(competition.co_organisers.all()),
            events=selectors.competition_events(competition),
            participations=selectors.competition_participations(competition),
            entries_page=page,
            titles=selectors.competition_titles(competition),
            next_statuses=[
                (status.value, status.label) for status in competition.allowed_statuses()
            ],
            can_change=user.has_perm("competitions.change_competition"),
            can_score=user.has_perm("competitions.change_entry"),
            can_import=user.has_perm("competitions.import_entry"),
            can_promote=user.has_perm("competitions.promote_to_honour"),
            can_award=user.has_perm("competitions.add_competitiontitle"),
            award_form=kwargs.get("award_form") or AwardTitleForm(user=user),
        )
        return context


# The member's ID number is kept out of error reports.
@method_decorator(sensitive_post_parameters("id_number"), name="dispatch")
class AwardTitleView(CompetitionPermissionMixin, View):
    competition_permission = "competitions.add_competitiontitle"

    def post(self, request, pk):
        competition = _competition_for(request, pk)
        form = AwardTitleForm(request.POST, user=request.user)
        if not form.is_valid():
            view = StaffCompetitionDetailView(request=request, kwargs={"pk": pk})
            context = view.get_context_data(pk=pk, award_form=form)
            messages.error(request, _("The title was not awarded: see the form below."))
            return render(request, view.template_name, context, status=400)
        try:
            title = services.award_title(
                actor=request.user,
                competition=competition,
                member=form.cleaned_data["member"],
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s was awarded “%(title)s”.")
                % {"name": title.member.name, "title": title.title_name},
            )
        return HttpResponseRedirect(reverse("competitions:staff-detail", args=[pk]))


class ChangeStatusView(CompetitionPermissionMixin, View):
    competition_permission = "competitions.change_competition"

    def post(self, request, pk):
        competition = _competition_for(request, pk)
        form = StatusForm(request.POST)
        if form.is_valid():
            try:
                services.change_status(
                    actor=request.user, competition=competition, to=form.cleaned_data["to"]
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                competition.refresh_from_db(fields=["status"])
                messages.success(
                    request,
                    _("The competition is now “%(status)s”.")
                    % {"status": competition.get_status_display()},
                )
        else:
            messages.error(request, _("Choose a status."))
        return HttpResponseRedirect(reverse("competitions:staff-detail", args=[pk]))


class ScoreGridView(CompetitionPermissionMixin, View):
    """All scores of one event in one form; one POST saves them all or none."""

    competition_permission = "competitions.change_entry"
    template_name = "competitions/staff/score_grid.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.competition = _competition_for(request, kwargs["pk"])
        self.event = get_object_or_404(
            CompetitionEvent, competition=self.competition, pk=kwargs["event_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        entries = selectors.event_grid_entries(self.event)
        form = ScoreGridForm(data, entries=entries, event=self.event)
        if self.competition.results_published:
            for field in form.fields.values():
                field.disabled = True
        return form

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "title": _("Scores: %(event)s") % {"event": self.event.name},
                "competition": self.competition,
                "event": self.event,
                "form": form,
                "locked": self.competition.results_published,
            },
            status=status,
        )

    def get(self, request, pk, event_pk):
        return self._render(self._form())

    def post(self, request, pk, event_pk):
        if self.competition.results_published:
            messages.error(request, _("Results are published: withdraw them before changing."))
            return HttpResponseRedirect(request.path)
        form = self._form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: correct the marked cells."))
            return self._render(form, status=400)
        changed = services.save_scores(
            actor=request.user, event=self.event, scores=form.cleaned_data["scores"]
        )
        messages.success(
            request, _("Saved; %(count)d entries changed, ranks updated.") % {"count": changed}
        )
        return HttpResponseRedirect(request.path)


class ImportEntriesView(CompetitionPermissionMixin, View):
    """Upload → a job checks every row (progress on its page) → confirm → the job writes them
    in one transaction (`competitions.tasks.import_entries_job`)."""

    competition_permission = "competitions.import_entry"
    template_name = "competitions/staff/import.html"

    def _render(self, competition, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "title": _("Import entries: %(name)s") % {"name": competition.name},
                "competition": competition,
                "headers": list(importing.HEADERS),
                "form": form,
            },
            status=status,
        )

    @classmethod
    def as_view(cls, **initkwargs):
        # The upload is read in memory: a big one would otherwise wait in a temporary file in
        # clear while it is measured.
        return keep_uploads_in_memory(super().as_view(**initkwargs))

    def get(self, request, pk):
        return self._render(_competition_for(request, pk), ImportUploadForm())

    def post(self, request, pk):
        competition = _competition_for(request, pk)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(competition, form, status=400)
        job = start_entries_import(
            actor=request.user,
            competition=competition,
            data=form.workbook,
            filename=form.cleaned_data["file"].name,
            rows=max(form.shape.rows - 1, 0),
        )
        return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))


class ExportResultsView(CompetitionPermissionMixin, View):
    """The results as an Excel workbook, written by a job: masked, or (the second form)
    with ID numbers in full for users who may see them, with a purpose."""

    competition_permission = "competitions.view_entry"
    http_method_names = ["post"]

    def post(self, request, pk):
        competition = _competition_for(request, pk)
        reason = export_purpose(request, reverse("competitions:staff-detail", args=[pk]))
        if not isinstance(reason, str):
            return reason
        job = start_results_export(actor=request.user, competition=competition, full_reason=reason)
        return redirect("jobs:detail", job.pk)


class ImportTemplateView(CompetitionPermissionMixin, View):
    competition_permission = "competitions.import_entry"

    def get(self, request, pk):
        competition = _competition_for(request, pk)
        return xlsx_attachment(
            import_template(competition), f"competition-{competition.pk}-entries.xlsx"
        )


class PromoteView(CompetitionPermissionMixin, View):
    """Turn a title or a prize into an honour of the member (members.Honour)."""

    competition_permission = "competitions.promote_to_honour"
    model = None

    def post(self, request, pk):
        if self.model is CompetitionTitle:
            record = get_object_or_404(
                CompetitionTitle.objects.select_related("competition__organiser", "member__union"),
                pk=pk,
            )
            competition = record.competition
        else:
            record = get_object_or_404(
                Entry.objects.select_related("event__competition__organiser", "member__union"),
                pk=pk,
            )
            competition = record.event.competition
        check_union_in_scope(request.user, competition.organiser)
        try:
            honour = services.promote_to_honour(actor=request.user, record=record)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s now holds the honour “%(title)s” (%(year)d).")
                % {"name": record.member.name, "title": honour.title.name, "year": honour.year},
            )
        return HttpResponseRedirect(reverse("competitions:staff-detail", args=[competition.pk]))


# Public pages: no login; names, employers and prizes only.


class PublicCompetitionListView(CachedContentView):
    """Every announced competition, latest first, 20 a page (cached until one changes)."""

    content_template_name = "competitions/public/list.html"
    areas = (PageArea.COMPETITIONS,)
    paginate_by = 20

    def content_vary(self):
        return vary_on(self.request, "page")

    def content_context(self):
        competitions = Competition.objects.public().only(
            "name", "starts_on", "kind", "level", "status", "organiser__name"
        )
        page = page_of(competitions, self.request.GET.get("page"), self.paginate_by)
        return {
            "title": _("Labour and skill competitions"),
            "competitions": page.object_list,
            "page": page,
        }


class PublicCompetitionDetailView(CachedContentView):
    """A competition, its events and, once published, its results (100 a page) and titles."""

    content_template_name = "competitions/public/detail.html"
    head_template_name = "competitions/public/head.html"
    areas = (PageArea.COMPETITIONS,)
    results_per_page = 100

    def content_key_name(self):
        return f"competitions/detail/{self.kwargs['pk']}"

    def content_vary(self):
        return vary_on(self.request, "page")

    def content_context(self):
        competition = get_object_or_404(
            Competition.objects.select_related("organiser"), pk=self.kwargs["pk"]
        )
        results = []
        page = None
        if competition.results_published:
            page = page_of(
                selectors.published_results(competition),
                self.request.GET.get("page"),
                self.results_per_page,
            )
            for event, entries in groupby(page.object_list, key=lambda entry: entry.event.name):
                results.append({"event": event, "entries": list(entries)})
        return {
            "title": competition.name,
            "competition": competition,
            "co_organisers": list(competition.co_organisers.all()),
            "events": list(competition.events.all()),
            "results": results,
            "page": page,
            "titles": selectors.published_titles(competition),
        }
