from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("honours/", views.HonourRollView.as_view(), name="honour-roll"),
]
