"""Writes for vendors: onboarding, moderation, the vendor's catalogue and payouts.

Every write here is one "action": it checks who may do it, changes rows inside a
transaction through the ORM (so signals such as search indexing fire), leaves an audit
entry with Wagtail's ``log()`` and sends the e-mails, so the dashboard, the API and the
Wagtail admin behave the same.
"""

from vendors.services.accounts import user_activate, user_signup
from vendors.services.catalogue import (
    product_archive,
    product_hide,
    product_save,
    product_unhide,
    variant_stock_bulk_update,
)
from vendors.services.onboarding import (
    vendor_apply,
    vendor_approve,
    vendor_reinstate,
    vendor_reject,
    vendor_shop_update,
    vendor_suspend,
)
from vendors.services.payouts import (
    bank_account_save,
    vendor_payout_link_create,
    vendor_payout_refresh,
    vendor_payout_status_sync,
)

__all__ = [
    "bank_account_save",
    "product_archive",
    "product_hide",
    "product_save",
    "product_unhide",
    "user_activate",
    "user_signup",
    "variant_stock_bulk_update",
    "vendor_apply",
    "vendor_approve",
    "vendor_payout_link_create",
    "vendor_payout_refresh",
    "vendor_payout_status_sync",
    "vendor_reinstate",
    "vendor_reject",
    "vendor_shop_update",
    "vendor_suspend",
]
