"""Authentication backend that refuses the published demo password outside DEBUG."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from banua.demo.seed import DEMO_PASSWORD


class DemoPasswordGuardBackend(ModelBackend):
    """Django's model backend, except that the seeded demo password never logs anyone in
    when DEBUG is off.

    Why: ``seed_demo`` prints that password and sets it on every demo account while DEBUG
    is on. A database seeded that way and then served with DEBUG off (a staging copy, a
    demo that went live) would otherwise let anyone who read the README into the admin.
    Checking the password itself, not the user, also covers accounts that were given the
    demo password by hand.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if (
            not settings.DEBUG
            and isinstance(password, str)
            and hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode())
        ):
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )
