"""Admin of the members app: the union tree, employers, members, transfers and honours.

Searches stay on indexes at a million members: names by any part of them or by pinyin
initials (yuyang_union.search, through BigTableAdmin), ID numbers and phones by exact match
through their keyed hash (get_search_results), never icontains.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from yuyang_union.excel.admin import ScopedImportExportMixin
from yuyang_union.history.admin import HistoryAdminMixin
from yuyang_union.pagination import BigTableAdmin
from yuyang_union.personal_data.admin import IdentifierAdminMixin, IdentifierSearchAdminMixin
from yuyang_union.scoping import check_union_in_scope, scope_queryset, union_in_scope, user_union
from yuyang_union.scoping.admin import ScopedAdmin
from yuyang_union.search import search_people
from yuyang_union.search_admin import search_help
from yuyang_union.validators import CREDIT_CODE_PATTERN, normalize_credit_code
from yuyang_union.versions.admin import VersionedAdminMixin

from . import services
from .models import (
    Employer,
    Honour,
    HonourTitle,
    JoinApplication,
    Member,
    MembershipTransfer,
    StaffProfile,
    Township,
    UnionOrganisation,
)
from .models.members import MemberStatus
from .models.transfers import TransferStatus
from .resources import EmployerResource, HonourResource, MemberResource, UnionResource
from .selectors import subtree_active_counts, with_direct_active_count


class UnionSubtreeFilter(admin.SimpleListFilter):
    """Township, subdistrict and industry unions (the tree's second level) by subtree."""

    title = _("union")
    parameter_name = "under"
    union_path = "union__path"

    def lookups(self, request, model_admin):
        unions = UnionOrganisation.objects.filter(depth__lte=2)
        scope = user_union(request.user)
        if scope is not None:
            unions = unions.subtree(scope)
        return [(u.path, u.name) for u in unions.only("path", "name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.union_path}__startswith": self.value()})
        return queryset


class TownshipFilter(admin.SimpleListFilter):
    title = _("township")
    parameter_name = "township"
    lookup = "union__township"

    def lookups(self, request, model_admin):
        return list(Township.objects.values_list("pk", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.lookup: self.value()})
        return queryset


@admin.register(Township)
class TownshipAdmin(BigTableAdmin):
    list_display = ["name", "ordering"]
    list_editable = ["ordering"]
    search_fields = ["name"]
    ordering = ["ordering", "name"]


class ScopedMoveNodeForm(movenodeform_factory(UnionOrganisation)):
    """Treebeard's form; a scoped user may place a union only inside their own subtree."""

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        if scope is not None:
            field = self.fields["treebeard_ref_node"]
            field.queryset = field.queryset.filter(path__startswith=scope.path)
            field.required = True

    def clean(self):
        cleaned = super().clean()
        reference = cleaned.get("treebeard_ref_node")
        position = cleaned.get("treebeard_position")
        if self.scope is not None and reference is not None:
            beside_scope = reference.pk == self.scope.pk and position in ("left", "right")
            if beside_scope:
                self.add_error(
                    "treebeard_position",
                    _("Place the union under your own union, not beside it."),
                )
        return cleaned


def _union_by_id(key):
    """The union whose id came in a URL or a form, or None when there is none such."""
    if not key or not key.isdigit():
        return None
    return UnionOrganisation.objects.filter(pk=int(key)).first()


@admin.register(UnionOrganisation)
class UnionOrganisationAdmin(ScopedImportExportMixin, HistoryAdminMixin, TreeAdmin, ScopedAdmin):
    resource_classes = [UnionResource]
    form = ScopedMoveNodeForm
    list_display = [
        "name", "code", "kind", "township", "founded_on", "founding_members",
        "direct_members", "subtree_members",
    ]  # fmt: skip
    list_filter = ["kind", "township", "is_active", "founded_on"]
    list_select_related = ["township"]
    search_fields = ["name", "=code"]
    search_help_text = search_help(
        _(
            "Any part of the name (e.g. 走访), its pinyin initials (e.g. yyxzgh for 酉阳县总工会),"
            " or the exact code."
        )
    )
    ordering = ["path"]
    fieldsets = [
        (None, {"fields": ["name", "code", "kind", "township", "employment_groups", "is_active"]}),
        (_("Founding"), {"fields": ["founded_on", "founding_members"]}),
        (_("Contact"), {"fields": ["chair_name", "contact_phone", "address"]}),
        (_("Position in the tree"), {"fields": ["treebeard_position", "treebeard_ref_node"]}),
    ]

    scope_field = None  # a union is its own scope: filtered by path below

    def get_queryset(self, request):
        if self._is_transfer_destination_lookup(request):
            # A member may be released to any active union in the county.
            return UnionOrganisation.objects.filter(is_active=True)
        queryset = super().get_queryset(request)  # treebeard: one level of the tree
        scope = user_union(request.user)
        if scope is None:
            return queryset
        at_top_of_tree = (
            getattr(request, "_treebeard_parent", False) is None
            and not getattr(request, "_ignore_treebeard_filters", False)
            and not self.is_filtered(request)
        )
        if at_top_of_tree:
            # The user's own union is the root of the tree they see.
            return UnionOrganisation.objects.filter(pk=scope.pk)
        return queryset.filter(path__startswith=scope.path)

    @staticmethod
    def _is_transfer_destination_lookup(request):
        return (
            request.resolver_match is not None
            and request.resolver_match.url_name == "autocomplete"
            and request.GET.get("model_name") == "membershiptransfer"
            and request.GET.get("field_name") == "to_union"
        )

    def children_view(self, request, parent_id):
        """Treebeard's list of one union's children (the tree's lazy loading). Treebeard looks
        the parent up in the whole tree: like the union's other pages, a union outside the
        user's subtree answers 404."""
        parent = _union_by_id(parent_id)
        if parent is None or not union_in_scope(request.user, parent):
            raise Http404
        return super().children_view(request, parent_id)

    def move_node(self, request):
        """Treebeard's drag-and-drop move. Treebeard asks only for the change right: a user
        limited to a subtree may move a union of it, and only to a place inside it."""
        if user_union(request.user) is not None:
            node, target = (_union_by_id(request.POST.get(key)) for key in ("node", "target"))
            if node is not None and target is not None:
                parent = (
                    target
                    if request.POST.get("relation") == "child"
                    else UnionOrganisation.objects.get_parent(target)
                )
                check_union_in_scope(request.user, node)
                check_union_in_scope(request.user, parent)
        return super().move_node(request)

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)

        class CountingChangeList(changelist):
            def get_queryset(self, request, exclude_parameters=None):
                # Annotated before the changelist orders it: the "active members" column
                # sorts by its count (annotated after, the sort was a FieldError, a 500).
                if not getattr(self, "_counts_annotated", False):
                    self.root_queryset = with_direct_active_count(self.root_queryset)
                    self._counts_annotated = True
                return super().get_queryset(request, exclude_parameters)

            def get_results(self, request):
                super().get_results(request)
                # The subtrees' totals for this page's unions only, in one query.
                totals = subtree_active_counts(self.result_list)
                for union in self.result_list:
                    union.subtree_member_count = totals.get(union.pk, 0)

        return CountingChangeList

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        scope = user_union(request.user)

        class Form(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, scope=scope, **inner)

        return Form

    def save_model(self, request, obj, form, change):
        # The form places the node; check the parent it chose is in the user's subtree (the
        # path is known only once treebeard has saved; the admin's transaction undoes a refusal).
        super().save_model(request, obj, form, change)
        check_union_in_scope(request.user, obj)

    @admin.display(description=_("active members"), ordering="direct_member_count")
    def direct_members(self, union):
        return getattr(union, "direct_member_count", None)

    @admin.display(description=_("active members incl. subordinate unions"))
    def subtree_members(self, union):
        return getattr(union, "subtree_member_count", None)


@admin.register(Employer)
class EmployerAdmin(ScopedImportExportMixin, HistoryAdminMixin, ScopedAdmin):
    resource_classes = [EmployerResource]
    list_display = [
        "name", "credit_code", "ownership", "industry", "township", "headcount",
        "is_new_economy", "union",
    ]  # fmt: skip
    list_filter = ["ownership", "industry", "is_new_economy", "township"]
    list_select_related = ["township", "union"]
    search_fields = ["name", "=credit_code"]
    search_help_text = _("Any part of the name (e.g. 走访), or the unified social credit code.")
    autocomplete_fields = ["union"]
    ordering = ["name"]

    def get_search_results(self, request, queryset, search_term):
        code = normalize_credit_code(search_term)
        if CREDIT_CODE_PATTERN.match(code):
            return queryset.filter(credit_code=code), False
        return super().get_search_results(request, queryset, search_term)


class MemberStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return MemberStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Member)
class MemberAdmin(
    VersionedAdminMixin,
    IdentifierSearchAdminMixin,
    ScopedImportExportMixin,
    HistoryAdminMixin,
    IdentifierAdminMixin,
    ScopedAdmin,
):
    resource_classes = [MemberResource]
    identifier_fields = ("id_number", "phone")
    list_display = [
        "name", "id_number_column", "ethnicity", "phone_column", "union", "employer",
        "status", "joined_on",
    ]  # fmt: skip
    list_filter = [
        MemberStatusFilter, UnionSubtreeFilter, TownshipFilter, "is_migrant_worker",
        "employment_group", "sex",
    ]  # fmt: skip
    list_select_related = ["union", "employer"]
    search_fields = ["name"]
    search_help_text = search_help(
        _(
            "Any part of the name (e.g. 晓梅), its pinyin initials (e.g. zxm for 张晓梅), or a"
            " full ID number or mobile number (exact match)."
        )
    )
    autocomplete_fields = ["union", "employer", "user"]
    # Not the birth date or sex: beside the masked ID number they would give it back.
    readonly_fields = ["age_band"]
    ordering = ["name", "id"]
    fieldsets = [
        (None, {"fields": ["name", "id_number", "age_band", "ethnicity", "phone"]}),
        (_("Union and work"), {"fields": ["union", "employer", "joined_on", "status"]}),
        (_("Categories"), {"fields": ["is_migrant_worker", "employment_group"]}),
        (_("Other"), {"fields": ["notes", "user"]}),
    ]
    actions = ["release_to_union"]

    def get_search_results(self, request, queryset, search_term):
        return search_people(queryset, search_term), False

    @admin.display(description=_("age band"))
    def age_band(self, obj):
        return obj.age_band or "—"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Linking a login account needs the right to look users up.
        if not request.user.has_perm("auth.view_user"):
            fields.append("user")
        return fields

    def has_transfer_permission(self, request):
        return request.user.has_perm("members.add_membershiptransfer")

    @admin.action(
        description=_("Transfer a member to another union (opens the transfer form)"),
        permissions=["transfer"],
    )
    def release_to_union(self, request, queryset):
        # A transfer needs a destination, chosen on the transfer form: open it for the first
        # member selected.
        member = queryset.first()
        url = reverse("admin:members_membershiptransfer_add")
        return redirect(f"{url}?member={member.pk}") if member else None


class TransferScopeAdmin(ScopedAdmin):
    """Transfers are seen by both unions: the sender's and the receiver's subtrees."""

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        scope = user_union(request.user)
        if scope is None:
            return queryset
        return queryset.filter(
            Q(from_union__path__startswith=scope.path) | Q(to_union__path__startswith=scope.path)
        )


@admin.register(MembershipTransfer)
class MembershipTransferAdmin(IdentifierSearchAdminMixin, HistoryAdminMixin, TransferScopeAdmin):
    list_display = [
        "member", "from_union", "to_union", "status", "released_at", "released_by",
        "decided_at",
    ]  # fmt: skip
    list_filter = ["status", "released_at"]
    list_select_related = ["member", "from_union", "to_union", "released_by"]
    autocomplete_fields = ["member", "to_union"]
    search_fields = ["member__name"]
    search_help_text = _(
        "Any part of the member's name, its pinyin initials, or a full ID number or mobile"
        " number (exact match)."
    )
    ordering = ["-released_at"]
    actions = ["accept", "refuse", "cancel"]
    fields = ["member", "to_union", "reason"]
    decided_fields = [
        "member", "from_union", "to_union", "reason", "status", "released_by", "released_at",
        "decided_by", "decided_at", "decision_note",
    ]  # fmt: skip

    def get_search_results(self, request, queryset, search_term):
        return search_people(queryset, search_term, prefix="member__"), False

    def get_fields(self, request, obj=None):
        return self.decided_fields if obj is not None else self.fields

    def get_readonly_fields(self, request, obj=None):
        # A transfer changes only through the release/accept/refuse services (the actions).
        return self.decided_fields if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "to_union":
            kwargs["queryset"] = UnionOrganisation.objects.filter(is_active=True)
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        if db_field.name == "member":
            kwargs["queryset"] = scope_queryset(
                Member.objects.filter(status=MemberStatus.ACTIVE), request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        try:
            transfer = services.release_transfer(
                actor=request.user,
                member=form.cleaned_data["member"],
                to_union=form.cleaned_data["to_union"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as exc:
            # Checked again in the form's clean below; this is the race-condition net.
            raise PermissionDenied(" ".join(exc.messages)) from exc
        obj.pk = transfer.pk
        obj.from_union = transfer.from_union

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form

        class ReleaseForm(form):
            def clean(self):
                cleaned = super().clean()
                member, to_union = cleaned.get("member"), cleaned.get("to_union")
                if member and to_union:
                    try:
                        services.check_transfer_allowed(member=member, to_union=to_union)
                    except ValidationError as refusal:
                        self.add_error(None, refusal)
                    self.instance.from_union = member.union
                    self.instance.released_by = request.user
                return cleaned

        return ReleaseForm

    def _decide(self, request, queryset, decide, done_message):
        done = 0
        for transfer in queryset.filter(status=TransferStatus.RELEASED):
            try:
                decide(actor=request.user, transfer=transfer, note=str(done_message))
            except (PermissionDenied, ValidationError) as exc:
                message = getattr(exc, "messages", None) or [_("Not allowed for your union.")]
                self.message_user(
                    request, f"{transfer}: {' '.join(map(str, message))}", messages.ERROR
                )
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d transfer done.", "%(count)d transfers done.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Accept the selected transfers"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, services.accept_transfer, _("Accepted"))

    @admin.action(description=_("Refuse the selected transfers"), permissions=["change"])
    def refuse(self, request, queryset):
        self._decide(request, queryset, services.refuse_transfer, _("Refused"))

    @admin.action(description=_("Cancel the selected releases"), permissions=["change"])
    def cancel(self, request, queryset):
        self._decide(request, queryset, services.cancel_transfer, _("Cancelled"))


@admin.register(HonourTitle)
class HonourTitleAdmin(BigTableAdmin):
    # The summary's key is a code for the figures: the list says only whether it counts.
    list_display = ["name", "level", "is_collective", "counted_in_summary", "ordering"]
    list_filter = ["level", "is_collective"]
    search_fields = ["name"]
    ordering = ["ordering", "name"]

    @admin.display(description=_("counted in the work summary"), boolean=True)
    def counted_in_summary(self, title: HonourTitle) -> bool:
        return bool(title.key)


@admin.register(Honour)
class HonourAdmin(VersionedAdminMixin, ScopedImportExportMixin, HistoryAdminMixin, ScopedAdmin):
    resource_classes = [HonourResource]
    list_display = ["year", "title", "recipient", "employer", "union", "awarded_by"]
    list_filter = ["title__level", "title", "year"]
    list_select_related = ["title", "member", "employer", "union"]
    autocomplete_fields = ["member", "employer", "union"]
    search_fields = ["collective_name", "member__name"]
    search_help_text = _(
        "Any part of the name of the person or collective, or the person's pinyin initials."
    )
    # Latest first, on the year's index: by title too meant sorting every honour (joined to
    # its title) for each page, 32 ms at scale 100.
    ordering = ["-year", "-id"]
    fieldsets = [
        (None, {"fields": ["title", "year", "awarded_by"]}),
        (_("Recipient"), {"fields": ["member", "collective_name", "employer", "union"]}),
        (None, {"fields": ["citation"]}),
    ]

    def lookup_allowed(self, lookup, value, request=None):
        # The work summary links here filtered by title key and award year.
        if lookup in ("title__key__in", "year__gte", "year__lte"):
            return True
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("recipient"))
    def recipient(self, honour):
        return honour.recipient_name


@admin.register(StaffProfile)
class StaffProfileAdmin(HistoryAdminMixin, ScopedAdmin):
    # ScopedAdmin's union scope also keeps unattached (county-level) profiles from officers:
    # a profile without a union lies in no subtree.
    list_display = ["user", "union"]
    list_select_related = ["user", "union"]
    autocomplete_fields = ["user", "union"]
    search_fields = ["user__username"]
    ordering = ["user__username"]


@admin.register(JoinApplication)
class JoinApplicationAdmin(HistoryAdminMixin, ScopedAdmin):
    """The join form's details, read only (answers go through the staff application page);
    the ID number masked; the officer's subtree only."""

    scope_field = "application__union"
    list_display = [
        "application", "applicant_name", "union", "id_number_masked", "township",
        "employment_group", "status",
    ]  # fmt: skip
    list_select_related = ["application__union", "township"]
    list_filter = ["employment_group", "no_employer"]
    search_fields = ["=application__number"]
    search_help_text = _("The full application number, e.g. 入会申〔2026〕第12号.")
    ordering = ["-application__submitted_at", "-id"]
    show_full_result_count = False
    fields = [
        "application", "applicant_name", "union", "id_number_masked", "ethnicity", "employer",
        "no_employer", "platform_name", "township", "occupation", "employment_group", "status",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=pgettext_lazy("person", "applicant"))
    def applicant_name(self, obj):
        return obj.application.applicant_name

    @admin.display(description=_("handling union"))
    def union(self, obj):
        return obj.application.union.name

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.application.get_status_display()

    @admin.display(description=_("ID number"))
    def id_number_masked(self, obj):
        return obj.id_number_masked

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
