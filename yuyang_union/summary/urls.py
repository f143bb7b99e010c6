from django.urls import path

from . import views

app_name = "summary"
urlpatterns = [
    path("staff/summary/", views.SummaryView.as_view(), name="index"),
    path("staff/summary/figures.json", views.FiguresJsonView.as_view(), name="figures-json"),
    path("staff/summary/figures.xlsx", views.WorkbookExportView.as_view(), name="workbook"),
    path("staff/summary/report.docx", views.ReportExportView.as_view(), name="report"),
    path("staff/summary/snapshots/", views.SnapshotCreateView.as_view(), name="snapshot-create"),
]
