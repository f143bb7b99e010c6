"""Fixtures shared by every test: fast hashing, and staff personas by role."""

import pytest
from django.contrib.auth.models import Group

from tests.members.factories import StaffProfileFactory, UserFactory
from yuyang_union import roles


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_staff(db):
    """make_staff(role, union=None, **user_fields): a staff user in a role's group.

    With `union`, the user is attached to that union and limited to its subtree.
    """

    def make(role, union=None, **fields):
        user = UserFactory(is_staff=True, **fields)
        user.groups.add(Group.objects.get(name=role))
        if union is not None:
            StaffProfileFactory(user=user, union=union)
        return user

    return make


@pytest.fixture
def organisation_staff(make_staff):
    return make_staff(roles.ORGANISATION)


@pytest.fixture
def member_user(db):
    """A signed-up member with no staff role."""
    return UserFactory()
