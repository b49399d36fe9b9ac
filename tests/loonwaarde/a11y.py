"""Loonwaarde page types for the accessibility audit (tests/e2e/test_accessibility.py):
(persona, path). Pages of one assessment are audited in tests/loonwaarde/test_accessibility.py,
which creates it first."""

PAGES = [
    ("assessor", "/loonwaarde/"),
    ("assessor", "/loonwaarde/nieuw/"),
    ("assessor", "/loonwaarde/herbeoordelingen/"),
    ("coordinator_a", "/loonwaarde/overzicht/"),
    ("staff", "/mijn/"),  # the dashboard with the loonwaarde section
    ("staff", "/loonwaarde/"),
    ("staff", "/loonwaarde/minimumloon/"),
]
