"""Excel columns of appraisals (Chinese headers, no database ids), in the members pattern.

The human-resources bureau sends its appraisal results as a spreadsheet; staff import it.
A person is named by name and ID number; when the ID number is a member's, the appraisal is
linked to the member.
"""

from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.import_columns import employer_field
from members.models import Member
from yuyang_union.excel.cells import add_row_error
from yuyang_union.excel.columns import (
    column,
    date_field,
    id_number_field,
    integer_field,
    text_field,
)
from yuyang_union.excel.resources import ScopedResource
from yuyang_union.excel.widgets import ChoiceWidget, YesNoWidget

from .models import (
    Appraisal,
    AppraisalKind,
    Channel,
    CollectiveContract,
    Consultation,
    ContractKind,
    ContractScope,
)


class AppraisalResource(ScopedResource):
    scope_field = "employer__union"
    identifier_fields = {"id_number": "id_number"}
    unique_in_file = (("kind", "id_number", "appraised_on"),)
    template_required = ("id_number",)
    template_examples = {"name": "张三", "injury_grade": 8, "approved": ""}
    template_hints = {
        "injury_grade": _("1 to 10, for work-injury appraisals only."),
        "approved": _("是 or 否, for early-retirement appraisals only."),
    }

    kind = column("鉴定类型", "kind", ChoiceWidget(AppraisalKind.choices))
    name = text_field("姓名", "name")
    id_number = id_number_field("身份证号码", "id_number")
    employer = employer_field("工作单位", "employer")
    applied_on = date_field("申请日期", "applied_on")
    appraised_on = date_field("鉴定日期", "appraised_on")
    injury_grade = integer_field("伤残等级", "injury_grade")
    approved = column("是否同意提前退休", "approved", YesNoWidget())

    class Meta(ScopedResource.Meta):
        model = Appraisal
        fields = (
            "kind", "name", "id_number", "employer", "applied_on", "appraised_on",
            "injury_grade", "approved",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("employer", "member")

    def check_row(self, instance, errors):
        if not instance.id_number and "id_number" not in errors:
            add_row_error(errors, "id_number", gettext("Give the person's ID number."))
        if instance.kind == AppraisalKind.WORK_INJURY:
            instance.approved = None  # the 是/否 column is for early retirement only
        elif instance.kind == AppraisalKind.EARLY_RETIREMENT and instance.injury_grade:
            add_row_error(
                errors, "injury_grade", gettext("Only work-injury appraisals have a grade.")
            )
        member = Member.objects.with_id_number(instance.id_number).first()
        if member is not None:
            instance.member = member  # Appraisal.clean then keeps the name on the member


class ConsultationResource(ScopedResource):
    """Export only: the consultations of a period, for the department's own tallies."""

    scope_field = "employer__union"

    date = date_field("日期", "date")
    channel = column("方式", "channel", ChoiceWidget(Channel.choices))
    topics = column("咨询事项", "topics", readonly=True)
    workers_served = integer_field("服务职工人次", "workers_served")
    employer = employer_field("用人单位", "employer")
    lawyer = column("律师", "lawyer__name", readonly=True)
    summary = column("摘要", "summary")

    class Meta(ScopedResource.Meta):
        model = Consultation
        fields = ("date", "channel", "topics", "workers_served", "employer", "lawyer", "summary")

    def get_queryset(self):
        return super().get_queryset().select_related("employer", "lawyer")

    def dehydrate_topics(self, consultation):
        return consultation.get_topics_display()

    def dehydrate_employer(self, consultation):
        # A registered employer's name, or the name given for one not in the register.
        return consultation.employer_display


class CollectiveContractResource(ScopedResource):
    """Export only: contracts with the number of employers each covers."""

    title = column("合同名称", "title")
    union = column("签订工会", "union__name", readonly=True)
    kind = column("合同类型", "kind", ChoiceWidget(ContractKind.choices))
    scope = column("范围", "scope", ChoiceWidget(ContractScope.choices))
    employer_count = column("覆盖企业数", readonly=True)
    workers_covered = column("覆盖职工人数", "workers_covered")
    signed_on = date_field("签订日期", "signed_on")
    expires_on = date_field("到期日期", "expires_on")
    filed_with_hrss = column("是否备案", "filed_with_hrss", YesNoWidget())

    class Meta(ScopedResource.Meta):
        model = CollectiveContract
        fields = (
            "title", "union", "kind", "scope", "employer_count", "workers_covered",
            "signed_on", "expires_on", "filed_with_hrss",
        )  # fmt: skip

    def get_queryset(self):
        return super().get_queryset().select_related("union")

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.annotate(employer_count=Count("employers"))
        return super().filter_export(queryset, **kwargs)

    def dehydrate_employer_count(self, contract):
        return contract.employer_count
