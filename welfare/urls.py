from django.urls import path

from . import views

app_name = "welfare"
urlpatterns = [
    path("notices/", views.NoticeView.as_view(), name="notices"),
    path("service-sites/", views.ServiceSiteView.as_view(), name="service-sites"),
    path("staff/welfare/households/", views.HouseholdListView.as_view(), name="household-list"),
    path(
        "staff/welfare/households/new/",
        views.HouseholdRegisterView.as_view(),
        name="household-register",
    ),
    path(
        "staff/welfare/households/<int:pk>/",
        views.HouseholdDetailView.as_view(),
        name="household-detail",
    ),
    path(
        "staff/welfare/households/<int:pk>/<slug:action>/",
        views.HouseholdActionView.as_view(),
        name="household-action",
    ),
    path(
        "staff/welfare/grants/approval/",
        views.GrantApprovalView.as_view(),
        name="grant-approval",
    ),
    path("staff/welfare/campaigns/", views.CampaignListView.as_view(), name="campaign-list"),
    path(
        "staff/welfare/campaigns/<int:pk>/",
        views.CampaignDetailView.as_view(),
        name="campaign-detail",
    ),
]
