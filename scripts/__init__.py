"""Maintenance scripts (translations, screenshots); not shipped."""
