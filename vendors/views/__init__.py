"""Vendor pages: the public shop, sign-up and log-in, the application, the dashboard."""
