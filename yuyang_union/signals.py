"""A user put into a staff role group becomes `is_staff`, so the admin lets them in.

The admin's own permission checks still decide what they see; `is_staff` only opens the door.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from . import roles


@receiver(m2m_changed, sender=get_user_model().groups.through)
def staff_role_makes_staff(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    User = get_user_model()
    if reverse:  # group.user_set.add(...): instance is the group, pk_set the users
        if instance.name in roles.ALL_ROLES:
            User.objects.filter(pk__in=pk_set, is_staff=False).update(is_staff=True)
    elif (
        not instance.is_staff
        and Group.objects.filter(pk__in=pk_set, name__in=roles.ALL_ROLES).exists()
    ):
        instance.is_staff = True
        instance.save(update_fields=["is_staff"])
