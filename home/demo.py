"""The home pages themselves come from ``portal.demo``; nothing more to seed here.

The home page assembles what ``news.demo`` and ``guides.demo`` create.
"""


def seed(collectivity):
    """Nothing to add: the introduction and its English translation are seeded with the collectivity."""
    return collectivity.home
