from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.JobListView.as_view(), name="list"),
    path("jobs/status/", views.job_status, name="status"),
    path("jobs/<uuid:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("jobs/<uuid:pk>/confirm/", views.confirm, name="confirm"),
    path("jobs/<uuid:pk>/cancel/", views.cancel, name="cancel"),
    path("jobs/<uuid:pk>/download/", views.download, name="download"),
]
