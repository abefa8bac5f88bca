"""A permission policy for rows the admin may list but never edit."""

from wagtail.permission_policies.base import ModelPermissionPolicy


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Rows that change only through their app's services (orders, payouts, Stripe
    events, outgoing e-mails): the admin lists and inspects them, and offers no generic
    add, edit or delete form."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
