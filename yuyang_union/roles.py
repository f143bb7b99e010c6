"""Staff roles: auth groups named by function, and the helper that grants them permissions.

Each app grants its own permissions to these groups in a data migration of its own, through
`grant_permissions`, so a role's rights are written next to the models they concern.
"""

from collections.abc import Iterable, Mapping

from django.apps.registry import Apps

ADMINISTRATORS = "系统管理员"
ORGANISATION = "组织与会员"
WELFARE = "帮扶保障"
LEGAL = "法律服务与权益"
COMPETITIONS = "竞赛与荣誉"
EVENTS = "活动发布"
LEADERS = "领导查阅"
GRASSROOTS_OFFICERS = "基层工会干部"

ALL_ROLES = [
    ADMINISTRATORS,
    ORGANISATION,
    WELFARE,
    LEGAL,
    COMPETITIONS,
    EVENTS,
    LEADERS,
    GRASSROOTS_OFFICERS,
]

# Demo usernames, one per role (load_demo makes them).
DEMO_USERNAMES = {
    ADMINISTRATORS: "admin",
    ORGANISATION: "zuzhi",
    WELFARE: "bangfu",
    LEGAL: "falv",
    COMPETITIONS: "jingsai",
    EVENTS: "huodong",
    LEADERS: "lingdao",
    GRASSROOTS_OFFICERS: "jiceng",
}


def grant_permissions(apps: Apps, grants: Mapping[str, Iterable[str]]) -> None:
    """In a data migration, give groups permissions: ``{group: ["app_label.codename", ...]}``.

    Permissions are normally created after all migrations ran; create this state's now so
    that a fresh database can be granted them inside the migration.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # create_permissions skips an app whose models_module is empty: any true value does.
        app_config.models_module = True  # type: ignore[assignment]
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
