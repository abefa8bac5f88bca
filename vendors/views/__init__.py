"""Vendor pages: the public shop page, sign-up and log-in, the application, the
dashboard."""
