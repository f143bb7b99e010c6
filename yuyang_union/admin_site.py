"""The portal's admin site: Django's, with an autocomplete that takes its term by POST.

select2 asks the autocomplete at every keystroke; as a GET, an ID number or phone typed into a
member picker would land, digit by digit, in the server's access log. The vendored
`static/admin/js/autocomplete.js` posts instead, and this site's view answers the POST.
"""

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters

from yuyang_union.accounts.verification import is_verified
from yuyang_union.redirects import with_next
from yuyang_union.validators import identifier_kind


class PostedAutocompleteJsonView(AutocompleteJsonView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The view reads its parameters from request.GET; here they come in the body.
        request.GET = request.POST
        return super().get(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if identifier_kind(request.GET.get("term", "")):
            # Only a posted term may be an identifier: a GET finds nothing by one.
            return JsonResponse({"results": [], "pagination": {"more": False}})
        return super().get(request, *args, **kwargs)


class PortalAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        # A staff account is in only after its second factor (yuyang_union.accounts).
        return super().has_permission(request) and is_verified(request.user)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # One way in for everyone: the portal's login page, then the second factor.
        back = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(with_next(resolve_url(settings.LOGIN_URL), back))

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        # The posted term may be an ID number or a phone: kept out of error reports.
        view = sensitive_post_parameters("term")(
            PostedAutocompleteJsonView.as_view(admin_site=self)
        )
        return view(request)


class PortalAdminConfig(AdminConfig):
    default_site = "yuyang_union.admin_site.PortalAdminSite"
