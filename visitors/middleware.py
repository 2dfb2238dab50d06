"""Counting visits for the statistics box (see visitors.statistics).

VisitCounterMiddleware sits near the top of MIDDLEWARE, right after
SecurityMiddleware and WhiteNoise and before any cache middleware. Django's
FetchFromCacheMiddleware answers from the full-page cache without calling the
middleware below it, so a counter placed lower would stop counting as soon as
pages are cached. Static files are answered by WhiteNoise above it and are
never seen here. The same counted views make articles' "lượt xem"
(news.view_counts).
"""

import logging

from news import view_counts
from visitors import statistics

logger = logging.getLogger(__name__)


class VisitCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if statistics.should_count(request, response):
                view_counts.count_view(request.path_info)
                statistics.record_visit(request)
        except Exception:  # the statistics box must never break a page
            logger.exception("Could not count a visit to %s", request.path)
        return response
