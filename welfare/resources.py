"""Excel rosters of household files, grants and education aid (yuyang_union.excel pattern).

Headers are Chinese literals on purpose: they are the file format, and a file must import
the same whatever language the importer's browser asks for.
"""

from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from members.import_columns import member_field, union_field
from members.models import Member
from yuyang_union.excel.cells import add_row_error
from yuyang_union.excel.columns import (
    column,
    date_field,
    id_number_field,
    integer_field,
    money_field,
    text_field,
)
from yuyang_union.excel.resources import ScopedResource
from yuyang_union.excel.template_columns import EXAMPLE_ID_NUMBER
from yuyang_union.excel.widgets import (
    ChoiceWidget,
    IDNumberWidget,
    MultiChoiceWidget,
    ScopedLookupWidget,
    YesNoWidget,
)
from yuyang_union.personal_data.crypto import id_number_digests
from yuyang_union.personal_data.masking import mask_id_number
from yuyang_union.scoping import scope_queryset

from .models import (
    EducationAid,
    FileStatus,
    Grant,
    GrantForm,
    HardshipCause,
    HardshipHousehold,
    HardshipTier,
    ReliefCampaign,
    SchoolLevel,
)


class CampaignWidget(ScopedLookupWidget):
    """A campaign by its exact name (names are unique within a year and usually carry it)."""

    model = ReliefCampaign

    def lookup(self, text):
        return ReliefCampaign.objects.filter(name=text)

    def unknown_message(self, text):
        return _gettext("Unknown campaign “%(value)s”: give its exact name.") % {"value": text}

    def template_hint(self):
        return _("The campaign's exact name, as recorded in the portal.")

    def template_example(self):
        return ReliefCampaign.objects.order_by("-pk").values_list("name", flat=True).first() or ""

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class OpenHouseholdWidget(ScopedLookupWidget):
    """The open household file of the head whose ID number is given, in the user's subtree."""

    model = HardshipHousehold
    # Template files format the column as text, so Excel keeps all 18 characters.
    text_cells = True

    def template_hint(self):
        return _("The ID number of the head of a household whose file is in file.")

    def template_example(self):
        return EXAMPLE_ID_NUMBER

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None
        number = IDNumberWidget().clean(value)
        heads = Member.objects.with_id_number(number).values("pk")
        files = HardshipHousehold.objects.open().filter(head__in=heads).select_related("union")
        if self.user is not None:
            files = scope_queryset(files, self.user, "union")
        household = files.first()
        if household is None:
            raise ValueError(
                _gettext("No household file in file for the head with ID number %(number)s.")
                % {"number": mask_id_number(number)}
            )
        return household

    def render(self, value, obj=None, **kwargs):
        return value.head.id_number if value else ""


class HouseholdResource(ScopedResource):
    identifier_fields = {"head": "id_number"}
    unique_in_file = ("head",)
    template_examples = {
        "causes": "患病、子女就学",
        "household_size": 3,
        "situation": "户主患病，子女在读。",
    }

    head = member_field("户主身份证号码", "head")
    union = union_field("登记工会", "union")
    tier = column("困难类别", "tier", ChoiceWidget(HardshipTier.choices))
    causes = column("致困原因", "causes", MultiChoiceWidget(HardshipCause.choices))
    household_size = integer_field("家庭人口", "household_size")
    registered_on = date_field("建档日期", "registered_on")
    situation = text_field("家庭情况", "situation")

    class Meta(ScopedResource.Meta):
        model = HardshipHousehold
        fields = (
            "head", "union", "tier", "causes", "household_size", "registered_on", "situation",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("head", "union")

    def check_row(self, instance, errors):
        instance.status = FileStatus.IN_FILE
        if instance.registered_by_id is None and self.user is not None:
            instance.registered_by = self.user
        # The base leaves looked-up columns out of full_clean, so the one-open-file rule
        # (a partial unique constraint on the head) is asked here, with its own message.
        if (
            instance.head_id
            and HardshipHousehold.objects.open().filter(head=instance.head).exists()
        ):
            add_row_error(
                errors,
                "head",
                _gettext(
                    "This member already heads a household file that is in file; "
                    "lift it out or cancel it before opening another."
                ),
            )


class GrantResource(ScopedResource):
    """Grants arrive proposed; approving and paying happens on the approval screen."""

    identifier_fields = {"household": "id_number", "member": "id_number"}
    unique_in_file = (("campaign", "household"), ("campaign", "member"))
    template_examples = {"member": ""}
    template_hints = {
        "household": _(
            "The ID number of the head of a household whose file is in file; or leave it "
            "blank and give the member's ID number."
        ),
        "member": _("The member's ID number, for a grant to a member rather than a household."),
    }

    campaign = column("活动名称", "campaign", CampaignWidget())
    household = column("户主身份证号码", "household", OpenHouseholdWidget())
    member = member_field("会员身份证号码", "member")
    amount = money_field("金额（元）", "amount")
    form = column("发放形式", "form", ChoiceWidget(GrantForm.choices))
    granted_on = date_field("发放日期", "granted_on")
    is_home_visit = column("是否走访慰问", "is_home_visit", YesNoWidget())
    notes = text_field("备注", "notes")

    class Meta(ScopedResource.Meta):
        model = Grant
        fields = (
            "campaign", "household", "member", "amount", "form", "granted_on", "is_home_visit",
            "notes",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("campaign", "household__head", "member")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The grant's union is its recipient's: set it before the scope check reads it.
        if instance.recipient_union is not None:
            instance.union = instance.recipient_union
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def check_row(self, instance, errors):
        if not instance.form:
            instance.form = GrantForm.CASH
        if self.user is not None and instance.proposed_by_id is None:
            instance.proposed_by = self.user
        if not instance.household_id and not instance.member_id:
            add_row_error(
                errors,
                "household",
                _gettext("Give the head's ID number or the member's ID number."),
            )
        if not instance.campaign_id:
            return
        existing = Grant.objects.filter(campaign=instance.campaign, kind="grant")
        if instance.household_id and existing.filter(household=instance.household).exists():
            add_row_error(
                errors,
                "household",
                _gettext(
                    "This household already has a grant in this campaign; one grant per "
                    "household per campaign."
                ),
            )
        if instance.member_id and existing.filter(member=instance.member).exists():
            add_row_error(
                errors, "member", _gettext("This member already has a grant in this campaign.")
            )


class EducationAidResource(ScopedResource):
    identifier_fields = {"student_id_number": "id_number", "parent": "id_number"}
    unique_in_file = (("student_id_number", "year"),)
    template_examples = {
        "year": 2024,
        "student_name": "张小明",
        "school": "酉阳第一中学",
        "amount": 3000,
    }

    campaign = column("活动名称", "campaign", CampaignWidget())
    year = integer_field("年度", "year")
    student_name = text_field("学生姓名", "student_name")
    student_id_number = id_number_field("学生身份证号码", "student_id_number")
    school = text_field("就读学校", "school")
    level = column("学段", "level", ChoiceWidget(SchoolLevel.choices))
    parent = member_field("家长（会员）身份证号码", "parent")
    amount = money_field("金额（元）", "amount")

    class Meta(ScopedResource.Meta):
        model = EducationAid
        fields = (
            "campaign", "year", "student_name", "student_id_number", "school", "level",
            "parent", "amount",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("campaign", "parent", "union")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.parent_id:
            instance.union = instance.parent.union
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def check_row(self, instance, errors):
        if not instance.student_id_number or "student_id_number" in errors:
            return
        students = id_number_digests(instance.student_id_number)
        if EducationAid.objects.filter(
            student_id_number_digest__in=students, year=instance.year
        ).exists():
            add_row_error(
                errors,
                "student_id_number",
                _gettext("This student already has education aid this year."),
            )
