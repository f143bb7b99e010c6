from django.urls import path

from . import help_request_views, views

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
    # Members' help requests (issue 18) and their conversion by staff.
    path(
        "apply/hardship-help/",
        help_request_views.ApplyHardshipHelpView.as_view(),
        name="apply-hardship-help",
    ),
    path(
        "apply/education-aid/",
        help_request_views.ApplyEducationAidView.as_view(),
        name="apply-education-aid",
    ),
    path(
        "staff/applications/<int:pk>/hardship-file/",
        help_request_views.HouseholdFromRequestView.as_view(),
        name="household-from-request",
    ),
    path(
        "staff/applications/<int:pk>/education-aid/",
        help_request_views.AidProposalFromRequestView.as_view(),
        name="aid-from-request",
    ),
]
