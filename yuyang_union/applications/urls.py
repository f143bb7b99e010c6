from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("apply/", views.ApplyIndexView.as_view(), name="apply"),
    path("apply/status/", views.StatusLookupView.as_view(), name="status-lookup"),
    path("me/applications/", views.MyApplicationListView.as_view(), name="mine"),
    path("me/applications/<int:pk>/", views.MyApplicationDetailView.as_view(), name="my-detail"),
    path("staff/applications/", views.InboxView.as_view(), name="inbox"),
    path(
        "staff/applications/<int:pk>/",
        views.StaffApplicationDetailView.as_view(),
        name="staff-detail",
    ),
    path("staff/applications/<int:pk>/accept/", views.AcceptView.as_view(), name="accept"),
    path("staff/applications/<int:pk>/decline/", views.DeclineView.as_view(), name="decline"),
    path(
        "applications/documents/<path:name>",
        views.DocumentFileView.as_view(),
        name="document-file",
    ),
]
