"""The admin as a job's owner sees it: a job asks the same ModelAdmin the owner used (its
permissions, its resources, its changelist's queryset) with a request made in their name."""

from typing import Any

from django.http import HttpRequest, QueryDict


def owner_request(owner: Any, query: str = "") -> HttpRequest:
    """A GET request as the owner made it (on the changelist, with its `query`): what a
    ModelAdmin needs to answer for them in a worker."""
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = owner
    return request
