"""Excel columns of appraisals (Chinese headers, no database ids), in the members pattern.

The human-resources bureau sends its appraisal results as a spreadsheet; staff import it.
A person is named by name and ID number; when the ID number is a member's, the appraisal is
linked to the member.
"""

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

from .models import Appraisal, AppraisalKind


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
