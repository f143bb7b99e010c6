"""The portal's admin site: Django's, with an autocomplete that takes its term by POST.

select2 asks the autocomplete at every keystroke; as a GET, an ID number or phone typed into a
member picker would land, digit by digit, in the server's access log. The vendored
`static/admin/js/autocomplete.js` posts instead, and this site's view answers the POST.
"""

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpRequest, HttpResponse, JsonResponse

from yuyang_union.validators import ID_NUMBER_LIKE, MOBILE_LIKE, normalize_phone


def looks_like_identifier(term: str) -> bool:
    compact = "".join(term.split())
    return bool(ID_NUMBER_LIKE.match(compact) or MOBILE_LIKE.match(normalize_phone(compact)))


class PostedAutocompleteJsonView(AutocompleteJsonView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The view reads its parameters from request.GET; here they come in the body.
        request.GET = request.POST
        return super().get(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if looks_like_identifier(request.GET.get("term", "")):
            # Only a posted term may be an identifier: a GET finds nothing by one.
            return JsonResponse({"results": [], "pagination": {"more": False}})
        return super().get(request, *args, **kwargs)


class PortalAdminSite(AdminSite):
    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        return PostedAutocompleteJsonView.as_view(admin_site=self)(request)


class PortalAdminConfig(AdminConfig):
    default_site = "yuyang_union.admin_site.PortalAdminSite"
