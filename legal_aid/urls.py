from django.urls import path

from . import help_request_views, views

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
    # Members' legal help requests (法律援助申请) and the staff's answers to them.
    path(
        "apply/legal-help/",
        help_request_views.HelpRequestCreateView.as_view(),
        name="help-request-new",
    ),
    path(
        "apply/legal-help/employers/",
        help_request_views.EmployerSearchView.as_view(),
        name="help-request-employers",
    ),
    path(
        "staff/applications/<int:pk>/legal/consultation/",
        help_request_views.HelpRequestConsultationView.as_view(),
        name="help-request-consultation",
    ),
    path(
        "staff/applications/<int:pk>/legal/case/",
        help_request_views.HelpRequestCaseView.as_view(),
        name="help-request-case",
    ),
]
