from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .accounts.login import LoginForm

admin.site.site_header = _("Youyang County Federation of Trade Unions · Work platform")
admin.site.site_title = _("Youyang County Federation of Trade Unions")
admin.site.index_title = _("Administration")

# A database outage met inside a middleware: the maintenance page, not the 500 page.
handler500 = "yuyang_union.outage.page.server_error"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("staff/", views.StaffHomeView.as_view(), name="staff-home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/", include("yuyang_union.accounts.urls")),
    path("", include("yuyang_union.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Each app's urls.py holds its public pages and its staff pages (under /staff/<app>/).
    path("", include("members.urls")),
    path("", include("welfare.urls")),
    path("", include("competitions.urls")),
    path("", include("legal_aid.urls")),
    path("", include("events.urls")),
    path("", include("yuyang_union.applications.urls")),
    path("", include("yuyang_union.summary.urls")),
    path("", include("yuyang_union.personal_data.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Uploaded files in development; in production the web server or object storage serves them.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
