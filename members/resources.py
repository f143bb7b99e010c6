"""Excel columns of unions, employers, members and honours (Chinese headers, no database ids).

Headers are Chinese literals rather than translated strings on purpose: they are the file
format, and a file must import the same whatever language the importer's browser asks for.
"""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left, Length
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.import_columns import employer_field, member_field, union_field
from yuyang_union.excel.cells import add_row_error
from yuyang_union.excel.columns import (
    column,
    date_field,
    id_number_field,
    integer_field,
    phone_field,
    text_field,
)
from yuyang_union.excel.resources import ScopedResource
from yuyang_union.excel.widgets import ChoiceWidget, NameLookupWidget, YesNoWidget
from yuyang_union.personal_data.crypto import digest, digest_aliases
from yuyang_union.scoping import user_union
from yuyang_union.validators import normalize_id_number

from .models import Employer, Honour, HonourTitle, Member, Township, UnionOrganisation
from .models.employers import Industry, Ownership
from .models.members import MemberStatus
from .models.organisations import UnionKind
from .reference import ETHNICITY_CHOICES, EmploymentGroup


def _township(column_name="乡镇（街道）"):
    return column(column_name, "township", NameLookupWidget(Township))


class UnionResource(ScopedResource):
    """Unions, each under a parent union named by name or code."""

    scope_field = "import_parent"

    name = text_field("工会名称", "name")
    code = text_field("工会代码", "code")
    kind = column("工会类型", "kind", ChoiceWidget(UnionKind.choices))
    parent = union_field("上级工会", "import_parent")
    township = _township()
    founded_on = date_field("建会日期", "founded_on")
    founding_members = integer_field("建会会员数", "founding_members")
    chair_name = text_field("工会主席", "chair_name")
    contact_phone = text_field("联系电话", "contact_phone")
    address = text_field("地址", "address")

    class Meta(ScopedResource.Meta):
        model = UnionOrganisation
        fields = (
            "name", "code", "kind", "parent", "township", "founded_on", "founding_members",
            "chair_name", "contact_phone", "address",
        )  # fmt: skip

    unique_in_file = ("code", ("import_parent", "name"))
    template_required = ("import_parent",)
    template_examples = {
        "name": "酉阳县某某有限公司工会",
        "kind": "基层工会",
        "founding_members": 30,
        "chair_name": "李四",
        "contact_phone": "023-75551234",
        "address": "酉阳县桃花源街道某某路1号",
    }

    def get_queryset(self):
        queryset = UnionOrganisation.objects.select_related("township")
        scope = user_union(self.user) if self.user is not None else None
        return queryset.subtree(scope) if scope is not None else queryset

    def init_instance(self, row=None):
        union = super().init_instance(row)
        # Treebeard sets these when the node is added under its parent.
        union.path, union.depth = "", 0
        union.code = None
        return union

    def check_row(self, instance, errors):
        parent = getattr(instance, "import_parent", None)
        if parent is None and "import_parent" not in errors:
            add_row_error(errors, "import_parent", gettext("Give the parent union (name or code)."))
        if not instance.code:
            instance.code = None  # blank codes do not clash on unique
        if (
            parent is not None
            and UnionOrganisation.objects.get_children(parent).filter(name=instance.name).exists()
        ):
            add_row_error(errors, "name", gettext("This parent already has a union of this name."))
        # The tree fields are filled in when the node is added; do not validate them.
        instance.path = instance.path or "0" * UnionOrganisation.steplen
        instance.depth = instance.depth or 1

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        instance.path, instance.depth = "", 0

    def do_instance_save(self, instance, is_create):
        UnionOrganisation.objects.add_child(instance.import_parent, instance=instance)

    def filter_export(self, queryset, **kwargs):
        # The parent's name from its path (a path's parent is the path less one step), read
        # with each record rather than gathered for the whole export first.
        parent = UnionOrganisation.objects.filter(
            path=Left(OuterRef("path"), Length(OuterRef("path")) - UnionOrganisation.steplen)
        )
        queryset = queryset.annotate(parent_name=Subquery(parent.values("name")[:1]))
        return super().filter_export(queryset, **kwargs)

    def dehydrate_parent(self, union):
        return union.parent_name or ""


class EmployerResource(ScopedResource):
    name = text_field("单位名称", "name")
    credit_code = text_field("统一社会信用代码", "credit_code")
    ownership = column("经济类型", "ownership", ChoiceWidget(Ownership.choices))
    industry = column("行业", "industry", ChoiceWidget(Industry.choices))
    township = _township()
    headcount = integer_field("职工人数", "headcount")
    is_new_economy = column("是否“三新”组织", "is_new_economy", YesNoWidget())
    union = union_field("所属工会", "union")

    unique_in_file = ("credit_code",)

    template_examples = {"name": "酉阳县某某有限公司", "ownership": "私营（非公）", "headcount": 50}

    class Meta(ScopedResource.Meta):
        model = Employer
        fields = (
            "name", "credit_code", "ownership", "industry", "township", "headcount",
            "is_new_economy", "union",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("township", "union")

    def check_row(self, instance, errors):
        if instance.credit_code:
            instance.clean()  # normalises the code before the uniqueness check


class MemberResource(ScopedResource):
    identifier_fields = {"id_number": "id_number", "phone": "phone"}
    unique_in_file = ("id_number",)
    # Member's one constraint (an ID number is present) is checked by the ID column itself.
    validate_constraints = False
    # Blank ethnicity and status are filled in (土家族, 在册) by check_row.
    template_optional = ("ethnicity", "status")
    template_examples = {"name": "张三", "employment_group": ""}

    name = text_field("姓名", "name")
    id_number = id_number_field("身份证号码", "id_number")
    ethnicity = column("民族", "ethnicity", ChoiceWidget(ETHNICITY_CHOICES))
    phone = phone_field("手机号码", "phone")
    union = union_field("所属工会", "union")
    employer = employer_field("工作单位", "employer")
    joined_on = date_field("入会日期", "joined_on")
    is_migrant_worker = column("是否农民工", "is_migrant_worker", YesNoWidget())
    employment_group = column(
        "新就业形态群体", "employment_group", ChoiceWidget(EmploymentGroup.choices)
    )
    status = column("会籍状态", "status", ChoiceWidget(MemberStatus.choices))
    notes = text_field("备注", "notes")

    class Meta(ScopedResource.Meta):
        model = Member
        # Files run to tens of thousands of rows: one INSERT per thousand (every row is
        # checked before, and the history is written in bulk by ScopedResource).
        use_bulk = True
        batch_size = 1000
        fields = (
            "name", "id_number", "ethnicity", "phone", "union", "employer", "joined_on",
            "is_migrant_worker", "employment_group", "status", "notes",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("union", "employer")

    def init_instance(self, row=None):
        member = super().init_instance(row)
        member.ethnicity = ""
        return member

    def before_import(self, dataset, **kwargs):
        """Find the file's ID numbers already registered in one query per thousand rows."""
        super().before_import(dataset, **kwargs)
        column = self.fields["id_number"].column_name
        numbers = set()
        if column in (dataset.headers or []):
            for value in dataset[column]:
                if isinstance(value, str) and value.strip():
                    numbers.add(normalize_id_number(value))
        # Every accepted digest (several while the key is being rotated), to the current one.
        aliases = digest_aliases(numbers)
        candidates = list(aliases)
        self._registered = set()
        for start in range(0, len(candidates), 1000):
            self._registered.update(
                aliases[found]
                for found in Member.objects.filter(
                    id_number_digest__in=candidates[start : start + 1000]
                ).values_list("id_number_digest", flat=True)
            )

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        # bulk_create does not call Member.save(), which derives these.
        instance.derive_from_id_number()

    def recheck_staged(self, instances):
        """A member registered since the check (one query a batch), and the scope."""
        problems = super().recheck_staged(instances)
        digests = [m.id_number_digest for m in instances if m.id_number_digest]
        taken = set(
            Member.objects.filter(id_number_digest__in=digests).values_list(
                "id_number_digest", flat=True
            )
        )
        message = gettext("A member with this ID number is already registered.")
        problems += [
            (index, "id_number", message)
            for index, member in enumerate(instances)
            if member.id_number_digest in taken
        ]
        return problems

    def check_row(self, instance, errors):
        if instance.id_number and "id_number" not in errors:
            if digest(instance.id_number) in self._registered:
                add_row_error(
                    errors,
                    "id_number",
                    gettext("A member with this ID number is already registered."),
                )
            # Member.clean need not ask the database again.
            instance.duplicates_checked = True
        if not instance.ethnicity:
            instance.ethnicity = "土家族"
        if not instance.status:
            instance.status = MemberStatus.ACTIVE
        # Member.clean (run by full_clean) derives birth date and sex, fills the digests
        # and refuses an ID number already registered.


class HonourResource(ScopedResource):
    identifier_fields = {"member": "id_number"}
    unique_in_file = (("title", "year", "member"),)
    template_examples = {"year": 2024, "awarded_by": "重庆市总工会"}
    template_hints = {
        "member": _(
            "The member's 18-character ID number, as text; for a collective title leave it "
            "blank and give the collective's name."
        ),
    }

    title = column("荣誉称号", "title", NameLookupWidget(HonourTitle))
    year = integer_field("年度", "year")
    awarded_by = text_field("授予单位", "awarded_by")
    member = member_field("获得者身份证号码", "member")
    member_name = column("获得者姓名", "member__name", readonly=True)
    collective_name = text_field("集体名称", "collective_name")
    employer = employer_field("工作单位", "employer")
    union = union_field("推荐工会", "union")
    citation = text_field("主要事迹", "citation")

    class Meta(ScopedResource.Meta):
        model = Honour
        fields = (
            "title", "year", "awarded_by", "member", "member_name", "collective_name",
            "employer", "union", "citation",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("title", "member", "employer", "union")

    def check_row(self, instance, errors):
        if instance.title_id and instance.title.is_collective and instance.member_id:
            add_row_error(
                errors,
                "member",
                gettext("This title is for collectives: give the collective name."),
            )
