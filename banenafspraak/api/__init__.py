"""The public read-only API (``/api/v1``): what the portal already publishes, as open data.

Depends on ``banenafspraak`` and ``regions``; neither depends on it. See ``docs/api.md``.
"""
