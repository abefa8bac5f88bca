"""Vendor accounts: artisans' shops, onboarding, moderation and payout details."""
