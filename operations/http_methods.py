"""Only GET, HEAD and POST reach the portal; any other method is answered 405.

Class-based views refuse methods they do not handle, but function views and callables such
as the RSS feeds and sitemaps answer whatever comes, so `TRACE /rss/` used to return the
feed. No page of the portal (public pages, the admin, the editor's upload, /healthz) uses
another method, so this middleware near the top of MIDDLEWARE refuses them all at once,
before sessions, caches or views run.
"""

from django.http import HttpResponseNotAllowed

ALLOWED_METHODS = ("GET", "HEAD", "POST")


class AllowedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(
                ALLOWED_METHODS,
                content="Phương thức HTTP này không được hỗ trợ.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
