"""Sign-in pages under /accounts/ (the login, logout and password pages keep their global names)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", views.VerifyView.as_view(), name="verify"),
    path("two-factor/setup/", views.EnrolView.as_view(), name="enrol"),
    path("security/", views.SecurityView.as_view(), name="security"),
    path("confirm/", views.ConfirmView.as_view(), name="confirm"),
]
