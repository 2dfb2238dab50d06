"""Old admin addresses of the models that left the portal app.

Menus, static pages and contact messages now belong to `pages`, daily visits to
`visitors` and the audit log to `audit` (docs/architecture.md, "Models that moved"), so
their admin pages moved from /admin/portal/<model>/ to /admin/<app>/<model>/. Editors'
bookmarks and links in old e-mails keep working: the old address answers 301 to the new
one, with the rest of the path and the query string.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import re_path

MOVED_TO = {
    "menu": "pages",
    "menuitem": "pages",
    "staticpage": "pages",
    "contactmessage": "pages",
    "dailyvisit": "visitors",
    "auditevent": "audit",
}


def moved_admin_page(request, model, rest=""):
    target = f"/admin/{MOVED_TO[model]}/{model}/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)


def old_app_index(request):
    return HttpResponsePermanentRedirect("/admin/")


urlpatterns = [
    re_path(
        r"^admin/portal/(?P<model>{})/(?P<rest>.*)$".format("|".join(MOVED_TO)),
        moved_admin_page,
    ),
    re_path(r"^admin/portal/$", old_app_index),
]
