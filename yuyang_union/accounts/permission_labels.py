"""Permissions named in Chinese where administrators grant them (a role's or a user's form).

Django stores a permission's name once, in English ("Can add member"), and the admin lists
them as stored. Here a permission is named from what it is: its section and record type by
their verbose names, the four standard actions in words of our catalogue, and the portal's
own permissions by their (translated) names. Permissions of tables nobody manages in the
admin (the job queue's, the authenticators') are left out, with those of removed models.
"""

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import ManyToManyField, QuerySet
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

STANDARD_ACTIONS = {
    "add": gettext_lazy("Can add %(model)s"),
    "change": gettext_lazy("Can change %(model)s"),
    "delete": gettext_lazy("Can delete %(model)s"),
    "view": gettext_lazy("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    model = permission.content_type.model_class()
    if model is None:
        return gettext(permission.name)
    opts = model._meta
    action, _, model_name = permission.codename.partition("_")
    if action in STANDARD_ACTIONS and model_name == opts.model_name:
        what = str(STANDARD_ACTIONS[action]) % {"model": opts.verbose_name}
    else:
        what = gettext(permission.name)  # the portal's own: an English source, translated
    section = apps.get_app_config(opts.app_label).verbose_name
    return f"{capfirst(section)}｜{capfirst(opts.verbose_name)}｜{what}"


def grantable_permissions() -> QuerySet[Permission]:
    """The permissions of the models the admin manages, and the portal's own."""
    from yuyang_union.models import Portal

    managed = [*admin.site._registry, Portal]
    content_types = ContentType.objects.get_for_models(*managed).values()
    return Permission.objects.filter(content_type__in=content_types).select_related("content_type")


class PermissionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return permission_label(obj)


def _join_rows_dropped(nested: list[Any], prefixes: tuple[str, ...]) -> list[Any]:
    kept: list[Any] = []
    for item in nested:
        if isinstance(item, list):
            kept.append(_join_rows_dropped(item, prefixes))
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


class ChinesePermissionsAdminMixin:
    """For the user and the role (group) admins: their permission pickers in Chinese, and a
    deletion page without the rows that join them to permissions and roles (Django names
    each "Group_permissions object (16)")."""

    def get_deleted_objects(self, objs: Any, request: Any) -> Any:
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(  # type: ignore[misc]
            objs, request
        )
        # The join tables of its many-to-many fields, both ways (a role's permissions, and
        # the users who have the role).
        throughs = {
            # a reverse relation holds its join table; a field, its relation does
            getattr(field, "through", None) or field.remote_field.through
            for field in self.model._meta.get_fields()  # type: ignore[attr-defined]
            if field.many_to_many
        }
        joins = [through._meta for through in throughs if through._meta.auto_created]
        prefixes = tuple(f"{capfirst(opts.verbose_name)}: " for opts in joins)
        plural = {str(opts.verbose_name_plural) for opts in joins}
        model_count = {name: n for name, n in model_count.items() if str(name) not in plural}
        return _join_rows_dropped(to_delete, prefixes), model_count, perms_needed, protected

    def formfield_for_manytomany(
        self,
        db_field: "ManyToManyField[Any, Any]",
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> "forms.ModelMultipleChoiceField[Any] | None":
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["queryset"] = grantable_permissions()
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
