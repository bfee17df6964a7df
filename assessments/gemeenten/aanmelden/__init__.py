"""Asking access to VIT (/aanmelden/) and deciding on the requests (/aanvragen/)."""
