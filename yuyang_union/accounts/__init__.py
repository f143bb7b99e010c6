"""Accounts: signing in (password, then a second factor for staff), re-authentication before
sensitive acts, lockouts, and members getting back into their accounts."""
