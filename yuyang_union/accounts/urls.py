"""Sign-in pages under /accounts/ (the login, logout and password pages keep their global names)."""

from django.urls import path  # noqa: F401

app_name = "accounts"

urlpatterns: list = []
