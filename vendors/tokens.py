"""The token in the link that activates a new account."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AccountActivationTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token (signed, expires after PASSWORD_RESET_TIMEOUT),
    but with its own salt, so a reset link cannot activate and an activation link
    cannot reset; ``is_active`` in the hash makes the link single-use."""

    key_salt = "vendors.tokens.AccountActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


account_activation_token = AccountActivationTokenGenerator()
