"""The user model, for type hints across the portal."""

from django.contrib.auth.models import AnonymousUser, User

# settings.AUTH_USER_MODEL is Django's auth.User. Services type who acts with it, so that
# django-stubs knows its fields and permissions; were the model ever swapped, follow it here.
Actor = User
# Whoever asks for a page: a signed-in user or an anonymous visitor.
Visitor = User | AnonymousUser
