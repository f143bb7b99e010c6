"""A page that fails with identifiers everywhere: in its path, its query string, the form
posted to it, a header, its local variables and its exception's message."""

from django.urls import path


class Applicant:
    """An object whose repr shows an ID number, as a model instance's might."""

    def __init__(self, id_number):
        self.id_number = id_number

    def __repr__(self):
        return f"<Applicant {self.id_number}>"


def failing_view(request, reference):
    phone = request.POST.get("phone")  # a local named like an identifier
    typed = request.POST.get("note")  # a local holding a number in free text
    rows = [{"line": 1, "values": [request.POST.get("id_number")]}]  # nested values
    applicant = Applicant(request.POST.get("id_number"))
    shown = (phone, typed, rows, applicant)  # noqa: F841 (locals for the report to show)
    raise RuntimeError(f"No file for {request.GET.get('q')}")


urlpatterns = [path("failing/<str:reference>/", failing_view)]
