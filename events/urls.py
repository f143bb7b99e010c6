from django.urls import path

from .views import accounts, public, staff

app_name = "events"
urlpatterns = [
    path("events/", public.EventListView.as_view(), name="list"),
    path("events/feed.ics", public.feed_ics, name="feed"),
    path("events/mine/", accounts.MyEventsView.as_view(), name="mine"),
    path("events/<int:pk>/", public.EventDetailView.as_view(), name="detail"),
    path("events/<int:pk>/event.ics", public.event_ics, name="ics"),
    path("events/<int:pk>/sign-up/", public.sign_up_view, name="sign-up"),
    path("events/<int:pk>/cancel/", public.cancel_view, name="cancel"),
    path("accounts/activate/", accounts.ActivateView.as_view(), name="activate"),
    path("accounts/activate/code/", accounts.ActivateCodeView.as_view(), name="activate-code"),
    path("accounts/recover/", accounts.RecoverView.as_view(), name="recover"),
    path("accounts/recover/code/", accounts.RecoverCodeView.as_view(), name="recover-code"),
    path("staff/events/", staff.StaffEventListView.as_view(), name="staff-list"),
    path(
        "staff/events/<int:pk>/registrations/",
        staff.RegistrationListView.as_view(),
        name="registrations",
    ),
    path("staff/events/<int:pk>/check-in/", staff.CheckInView.as_view(), name="check-in"),
    path(
        "staff/events/<int:pk>/publish/",
        staff.EventStatusView.as_view(action="publish"),
        name="staff-publish",
    ),
    path(
        "staff/events/<int:pk>/cancel/",
        staff.EventStatusView.as_view(action="cancel"),
        name="staff-cancel",
    ),
]
