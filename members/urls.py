from django.urls import path

from . import join_views, picker_views, pickers, views

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

# 入会申请 (members.join_views): the public form, its receipt, its employer search; approval.
urlpatterns += [
    path("apply/join/", join_views.JoinView.as_view(), name="join"),
    path("apply/join/received/", join_views.JoinReceiptView.as_view(), name="join-receipt"),
    path(
        "apply/join/employers/",
        join_views.RegisteredEmployerSearchView.as_view(),
        name="join-pick-employers",
    ),
    path(
        "staff/applications/<int:pk>/join/approve/",
        join_views.ApproveJoinView.as_view(),
        name="join-approve",
    ),
]
