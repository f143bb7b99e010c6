from django.urls import path

from . import views

app_name = "legal_aid"
urlpatterns = [
    path("staff/legal/cases/", views.CaseListView.as_view(), name="case-list"),
    path("staff/legal/cases/export/", views.CaseExportView.as_view(), name="case-export"),
    path("staff/legal/cases/new/", views.CaseIntakeView.as_view(), name="case-new"),
    path("staff/legal/cases/overdue/", views.OverdueCaseListView.as_view(), name="case-overdue"),
    path("staff/legal/cases/<int:pk>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("staff/legal/cases/<int:pk>/move/", views.CaseMoveView.as_view(), name="case-move"),
    path(
        "staff/legal/cases/<int:pk>/documents/",
        views.CaseDocumentUploadView.as_view(),
        name="case-document-upload",
    ),
    path(
        "staff/legal/documents/<path:name>",
        views.CaseDocumentFileView.as_view(),
        name="document-file",
    ),
    path(
        "staff/legal/contracts/expiring/",
        views.ExpiringContractListView.as_view(),
        name="contracts-expiring",
    ),
    path(
        "staff/legal/consultations/new/",
        views.ConsultationQuickEntryView.as_view(),
        name="consultation-new",
    ),
]
