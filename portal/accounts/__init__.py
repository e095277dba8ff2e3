"""Borrower and staff accounts: the custom User, allauth's adapter and the account page."""
