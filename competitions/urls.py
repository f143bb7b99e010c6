from django.urls import path

from . import views
from .models import CompetitionTitle, Entry

app_name = "competitions"
urlpatterns = [
    path("competitions/", views.PublicCompetitionListView.as_view(), name="public-list"),
    path(
        "competitions/<int:pk>/",
        views.PublicCompetitionDetailView.as_view(),
        name="public-detail",
    ),
    path("staff/competitions/", views.StaffCompetitionListView.as_view(), name="staff-list"),
    path(
        "staff/competitions/<int:pk>/",
        views.StaffCompetitionDetailView.as_view(),
        name="staff-detail",
    ),
    path(
        "staff/competitions/<int:pk>/status/",
        views.ChangeStatusView.as_view(),
        name="change-status",
    ),
    path(
        "staff/competitions/<int:pk>/titles/",
        views.AwardTitleView.as_view(),
        name="award-title",
    ),
    path(
        "staff/competitions/<int:pk>/events/<int:event_pk>/scores/",
        views.ScoreGridView.as_view(),
        name="score-grid",
    ),
    path(
        "staff/competitions/<int:pk>/import/",
        views.ImportEntriesView.as_view(),
        name="import-entries",
    ),
    path(
        "staff/competitions/<int:pk>/import/template.xlsx",
        views.ImportTemplateView.as_view(),
        name="import-template",
    ),
    path(
        "staff/competitions/<int:pk>/results.xlsx",
        views.ExportResultsView.as_view(),
        name="export-results",
    ),
    path(
        "staff/competitions/titles/<int:pk>/promote/",
        views.PromoteView.as_view(model=CompetitionTitle),
        name="promote-title",
    ),
    path(
        "staff/competitions/entries/<int:pk>/promote/",
        views.PromoteView.as_view(model=Entry),
        name="promote-entry",
    ),
]
