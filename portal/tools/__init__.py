"""Calculators: the JSON API /api/tools/<tool>/ over portal.money (forms, pages and blocks build on it)."""
