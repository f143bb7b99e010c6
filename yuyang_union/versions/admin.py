"""The admin's change forms of versioned models carry and check the version."""

from typing import Any

from django.contrib.admin.utils import flatten_fieldsets

from .forms import VersionCheckedFormMixin


class VersionedAdminMixin:
    """Put the hidden version on the change form (whatever its fieldsets) and check it."""

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))  # type: ignore[misc]
        if obj is None or "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        # A read-only page (a paid entry, a user who may only view) posts nothing.
        if not self.has_change_permission(request, obj):  # type: ignore[attr-defined]
            return fieldsets
        name, options = fieldsets[-1]
        fieldsets[-1] = (name, {**options, "fields": (*options["fields"], "version")})
        return fieldsets

    def get_exclude(self, request: Any, obj: Any = None) -> Any:
        excluded = super().get_exclude(request, obj)  # type: ignore[misc]
        if obj is None:
            # A new record has no version to check.
            return [*(excluded or ()), "version"]
        return excluded

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        return type(form.__name__, (VersionCheckedFormMixin, form), {})
