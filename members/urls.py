from django.urls import path

from . import picker_views, pickers, views

app_name = "members"
urlpatterns = [
    path("honours/", views.HonourRollView.as_view(), name="honour-roll"),
    # The staff pages' search pickers (yuyang_union.pickers): POST a term, get rows.
    path(
        "staff/pick/unions/",
        picker_views.PickerSearchView.as_view(
            picker=pickers.UNIONS, view_permission="members.view_unionorganisation"
        ),
        name="pick-unions",
    ),
    path(
        "staff/pick/employers/",
        picker_views.PickerSearchView.as_view(
            picker=pickers.EMPLOYERS, view_permission="members.view_employer"
        ),
        name="pick-employers",
    ),
    path(
        "staff/pick/members/",
        picker_views.PickerSearchView.as_view(
            picker=pickers.MEMBERS, view_permission="members.view_member"
        ),
        name="pick-members",
    ),
]
