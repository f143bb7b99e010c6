"""Members signed up for the upcoming events, and the demo member login that has some."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model

from members.models import Member

from ..models import Audience, EventCategory, Registration, RegistrationStatus
from .seed import BATCH


def load(events, *, rng, now):
    """Some members have signed up for the upcoming events (a few on the waiting list)."""
    members = list(Member.objects.active().values_list("pk", "sex")[:5000])
    if not members:
        return
    women = [pk for pk, sex in members if sex == "F"]
    everyone = [pk for pk, _sex in members]
    registrations = []
    for event in events:
        pool = women if event.audience == Audience.WOMEN else everyone
        if event.category == EventCategory.SOCIAL:
            wanted = min(len(pool), event.capacity + 4)  # popular: a waiting list forms
        else:
            wanted = min(len(pool), rng.randint(event.capacity // 3, event.capacity))
        for position, member_id in enumerate(rng.sample(pool, wanted)):
            registrations.append(
                Registration(
                    event=event,
                    member_id=member_id,
                    status=(
                        RegistrationStatus.REGISTERED
                        if position < event.capacity
                        else RegistrationStatus.WAITING
                    ),
                    queued_at=now - datetime.timedelta(minutes=10 * (wanted - position)),
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    if registrations:
        demo_member_login(registrations[0].member_id)


DEMO_MEMBER_USERNAME = "huiyuan"
# Printed by `load_demo --print-logins` beside the staff logins.
DEMO_LOGINS = [(DEMO_MEMBER_USERNAME, "会员（我的活动）")]


def demo_member_login(member_id):
    """A member login (`huiyuan`, the demo password) for trying "my events" at once."""
    password = getattr(settings, "DEMO_PASSWORD", "")
    User = get_user_model()
    if not password or User.objects.filter(username=DEMO_MEMBER_USERNAME).exists():
        return
    member = Member.objects.get(pk=member_id)
    if member.user_id is not None:
        return
    user = User(username=DEMO_MEMBER_USERNAME, first_name=member.name)
    user.set_password(password)
    user.save()
    member.user = user
    member.save(update_fields=["user", "updated_at"])
