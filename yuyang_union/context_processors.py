"""Navigation that apps contribute through `staff_links` / `public_links` on their AppConfig."""

from django.apps import apps
from django.urls import reverse

from .access import is_staff_user


def _links(user, attribute):
    links = []
    for config in apps.get_app_configs():
        for label, url_name, permission in getattr(config, attribute, ()):
            if permission is None or user.has_perm(permission):
                links.append({"label": label, "url": reverse(url_name)})
    return links


def navigation(request):
    user = request.user
    staff = user.is_authenticated and is_staff_user(user)
    return {
        "public_links": _links(user, "public_links"),
        "staff_links": _links(user, "staff_links") if staff else [],
        "is_staff_user": staff,
    }
