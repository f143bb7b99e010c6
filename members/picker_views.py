"""The search behind each staff-page picker (`members.pickers`): POST a term, get rows.

POST only: what is typed into a member picker may be an ID number or a mobile number, which
must reach neither a URL nor an error report.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

from yuyang_union.access import STAFF_PERMISSION, StaffRequiredMixin
from yuyang_union.pickers import RESULTS, Picker

from . import pickers


@method_decorator(sensitive_post_parameters("term"), name="dispatch")
class PickerSearchView(StaffRequiredMixin, View):
    """{"results": [{"id", "text", "fills"?}], "more": bool}: the rows the user's scope
    offers, best match first. A staff role and the right to see the model's rows."""

    http_method_names = ["post"]
    picker: Picker = pickers.UNIONS
    view_permission = "members.view_unionorganisation"

    def get_permission_required(self) -> tuple[str, str]:
        return (STAFF_PERMISSION, self.view_permission)

    def post(self, request: HttpRequest) -> JsonResponse:
        found = self.picker.found(request.user, request.POST.get("term", ""))
        results = [self.result(row) for row in found[:RESULTS]]
        return JsonResponse({"results": results, "more": len(found) > RESULTS})

    def result(self, row: object) -> dict[str, object]:
        entry: dict[str, object] = {"id": row.pk, "text": self.picker.label(row)}  # type: ignore[attr-defined]
        if self.picker is pickers.MEMBERS:
            # A form may preset its union from the member's (a hardship file's 建档工会).
            union = row.union  # type: ignore[attr-defined]
            entry["fills"] = {"id": union.pk, "text": union.name}
        return entry
