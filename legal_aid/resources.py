"""Excel columns of appraisals (Chinese headers, no database ids), in the members pattern.

The human-resources bureau sends its appraisal results as a spreadsheet; staff import it.
A person is named by name and ID number; when the ID number is a member's, the appraisal is
linked to the member.
"""

from django.db.models import Count
from django.utils.translation import gettext
from import_export import fields, widgets

from members.importing import (
    ChoiceWidget,
    ScopedResource,
    YesNoWidget,
    add_row_error,
    employer_field,
    id_number_field,
)
from members.models import Member

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

    kind = fields.Field(
        column_name="鉴定类型", attribute="kind", widget=ChoiceWidget(AppraisalKind.choices)
    )
    name = fields.Field(
        column_name="姓名", attribute="name", widget=widgets.CharWidget(allow_blank=True)
    )
    id_number = id_number_field("身份证号码", "id_number")
    employer = employer_field("工作单位", "employer")
    applied_on = fields.Field(
        column_name="申请日期", attribute="applied_on", widget=widgets.DateWidget()
    )
    appraised_on = fields.Field(
        column_name="鉴定日期", attribute="appraised_on", widget=widgets.DateWidget()
    )
    injury_grade = fields.Field(
        column_name="伤残等级", attribute="injury_grade", widget=widgets.IntegerWidget()
    )
    approved = fields.Field(
        column_name="是否同意提前退休", attribute="approved", widget=YesNoWidget()
    )

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

    date = fields.Field(column_name="日期", attribute="date", widget=widgets.DateWidget())
    channel = fields.Field(
        column_name="方式", attribute="channel", widget=ChoiceWidget(Channel.choices)
    )
    topics = fields.Field(column_name="咨询事项", attribute="topics", readonly=True)
    workers_served = fields.Field(
        column_name="服务职工人次", attribute="workers_served", widget=widgets.IntegerWidget()
    )
    employer = employer_field("用人单位", "employer")
    lawyer = fields.Field(column_name="律师", attribute="lawyer__name", readonly=True)
    summary = fields.Field(column_name="摘要", attribute="summary")

    class Meta(ScopedResource.Meta):
        model = Consultation
        fields = ("date", "channel", "topics", "workers_served", "employer", "lawyer", "summary")

    def get_queryset(self):
        return super().get_queryset().select_related("employer", "lawyer")

    def dehydrate_topics(self, consultation):
        return consultation.get_topics_display()


class CollectiveContractResource(ScopedResource):
    """Export only: contracts with the number of employers each covers."""

    title = fields.Field(column_name="合同名称", attribute="title")
    union = fields.Field(column_name="签订工会", attribute="union__name", readonly=True)
    kind = fields.Field(
        column_name="合同类型", attribute="kind", widget=ChoiceWidget(ContractKind.choices)
    )
    scope = fields.Field(
        column_name="范围", attribute="scope", widget=ChoiceWidget(ContractScope.choices)
    )
    employer_count = fields.Field(column_name="覆盖企业数", readonly=True)
    workers_covered = fields.Field(column_name="覆盖职工人数", attribute="workers_covered")
    signed_on = fields.Field(
        column_name="签订日期", attribute="signed_on", widget=widgets.DateWidget()
    )
    expires_on = fields.Field(
        column_name="到期日期", attribute="expires_on", widget=widgets.DateWidget()
    )
    filed_with_hrss = fields.Field(
        column_name="是否备案", attribute="filed_with_hrss", widget=YesNoWidget()
    )

    class Meta(ScopedResource.Meta):
        model = CollectiveContract
        fields = (
            "title", "union", "kind", "scope", "employer_count", "workers_covered",
            "signed_on", "expires_on", "filed_with_hrss",
        )  # fmt: skip

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("union")
            .annotate(employer_count=Count("employers"))
        )

    def dehydrate_employer_count(self, contract):
        return contract.employer_count
