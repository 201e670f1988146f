"""RSS 2.0 and Atom 1.0 feeds of one news index (so one per site and language)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class ArticlesRssFeed(Feed):
    """The latest actualités of a news index, pinned ones included, newest first."""

    feed_type = Rss201rev2Feed
    # ``language`` stays unset: Django then uses the active language, the one of the index's URL.

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return _("%(site)s – %(title)s") % {"site": index.get_site().site_name, "title": index.title}

    def link(self, index):
        return index.get_url(request=self.request)

    def feed_url(self, index):
        return index.feed_urls(self.request)["rss"]

    def description(self, index):
        return _("Les actualités de la taxe de séjour publiées par la collectivité.")

    def items(self, index):
        return index.articles().order_by("-date", "-first_published_at")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(request=self.request)

    def item_guid(self, article):
        return f"{article.translation_key}:{article.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        # The editor's date at noon, local time: stable across republishing.
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time(12, 0)))

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)


class ArticlesAtomFeed(ArticlesRssFeed):
    feed_type = Atom1Feed

    def feed_url(self, index):
        return index.feed_urls(self.request)["atom"]

    def subtitle(self, index):
        return self.description(index)
