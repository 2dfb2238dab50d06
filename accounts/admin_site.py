"""The portal's admin site: its names, its own pages, and lists that survive bad filters.

PortalAdminSite is Django's default admin site here (PortalAdminConfig below, in
INSTALLED_APPS instead of "django.contrib.admin"), so
`admin.site` and `@admin.register` are this site everywhere.

- Names: the header and the page titles of every admin page, the login, the password
  pages and the lockout page come from this class, so no page falls back to Django's
  "Django administration" ("Trang quản trị cho Django").
- Pages of its own: the locked-out logins (accounts/admin_lockouts.py), the page an
  invitation's link opens (accounts/invitations.py), each user's e-mail notifications,
  "Thông báo của tôi" (accounts/admin_notifications.py); and in the menu of models, the
  pages a ModelAdmin lists beside its model (the articles' Thùng rác).
- Bad input: a list action on a tampered selection ("abc" among the ids) acts on the ids
  only, and every ModelAdmin registered here turns a filter in the address that the
  database cannot take (a year 99999999999 or 0, a month 13, a day 0, "abc" for a date,
  a NUL character) into the admin's usual redirect to the whole list with "?e=1", with a
  message in Vietnamese, instead of a server error; add forms ignore values in the
  address that name nothing ("?organization=abc") (SafeLookupsMixin).
- Search: every ModelAdmin registered here searches without diacritics and case, in its
  list and its autocomplete boxes (core.admin_search.FoldedSearchMixin, put in front of
  it as SafeLookupsMixin is), with a Vietnamese help text under the search box.
- "Xem trên trang" (/admin/r/…/…/) leads only to objects the user may see in the admin.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.http import Http404
from django.urls import path, reverse

from core.admin_search import SEARCH_HELP_TEXT, FoldedSearchMixin

BAD_FILTER_MESSAGE = (
    "Bộ lọc trên địa chỉ trang không hợp lệ (ví dụ một ngày, tháng hoặc năm không có thật) "
    "nên đã được bỏ qua: danh sách dưới đây là toàn bộ, chưa lọc."
)


class SafeLookupsMixin:
    """Bad filter values in the query string answer the usual "?e=1" redirect, not a 500.

    Django turns most bad values into IncorrectLookupParameters itself, but a year out
    of Python's range fails later, when the query is compiled for the count of the list
    (ValueError "year 0 is out of range"), or while the date hierarchy builds its bounds
    (OverflowError). Both happen while the ChangeList is built, before anything is shown.
    """

    def get_changelist_instance(self, request):
        # PostgreSQL refuses a NUL character in any text it is given.
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            self._say_filters_were_dropped(request)
            raise IncorrectLookupParameters("NUL in the query string")
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            self._say_filters_were_dropped(request)
            raise
        except (ValueError, OverflowError) as error:
            self._say_filters_were_dropped(request)
            raise IncorrectLookupParameters(error) from error

    def get_changeform_initial_data(self, request):
        """Values for the add form from the address (?organization=3), without those that
        name nothing: "?organization=abc" would fail when the form is drawn."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.remote_field is None:
                continue
            values = value if isinstance(value, list) else [value]
            try:
                for item in values:
                    field.target_field.to_python(item)
            except ValidationError:
                del initial[name]
        return initial

    def response_action(self, request, queryset, **kwargs):
        """A list action on a tampered selection ("abc" among the ids) acts on the ids that
        can be ids, instead of failing in the query; none left reads as nothing selected."""
        name = helpers.ACTION_CHECKBOX_NAME
        selected = request.POST.getlist(name)
        valid = [value for value in selected if self._is_pk(value)]
        if valid != selected:
            data = request.POST.copy()
            data.setlist(name, valid)
            request.POST = data
        return super().response_action(request, queryset, **kwargs)

    def _is_pk(self, value) -> bool:
        try:
            self.opts.pk.to_python(value)
        except ValidationError:
            return False
        return True

    @staticmethod
    def _say_filters_were_dropped(request):
        if ERROR_FLAG not in request.GET:  # the redirect target, where the message shows
            messages.error(request, BAD_FILTER_MESSAGE)


class PortalAdminSite(admin.AdminSite):
    site_title = "Quản trị Cổng"
    index_title = "Bảng điều khiển"

    @property
    def site_header(self):
        """The admin is one for every portal; its header names the portal of the address it
        was opened on (PORTAL_NAME outside a request). Imported here: this module is loaded
        with the app registry."""
        from portals import hosts

        portal = hosts.served_portal()
        return f"Quản trị {portal if portal is not None else settings.PORTAL_NAME}"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as Django does, with SafeLookupsMixin and FoldedSearchMixin put in front
        of the ModelAdmin class, so no admin (ours or a third party's, such as django-axes')
        needs them written in. A class that overrides get_search_results must inherit
        FoldedSearchMixin below its override: in front, the mixin would hide the override.
        """
        admin_class = admin_class or admin.ModelAdmin
        mixins = []
        if not issubclass(admin_class, SafeLookupsMixin):
            mixins.append(SafeLookupsMixin)
        if not issubclass(admin_class, FoldedSearchMixin):
            if admin_class.get_search_results is not admin.ModelAdmin.get_search_results:
                raise ImproperlyConfigured(
                    f"{admin_class.__qualname__} overrides get_search_results: inherit "
                    "core.admin_search.FoldedSearchMixin below the override, so that its "
                    "search ignores diacritics like every other admin's."
                )
            mixins.append(FoldedSearchMixin)
        if mixins:
            attributes = {
                "__module__": admin_class.__module__,
                "__qualname__": admin_class.__qualname__,
                "__doc__": admin_class.__doc__,
            }
            if admin_class.search_fields and admin_class.search_help_text is None:
                attributes["search_help_text"] = SEARCH_HELP_TEXT
            admin_class = type(admin_class.__name__, (*mixins, admin_class), attributes)
        super().register(model_or_iterable, admin_class, **options)

    def _build_app_dict(self, request, label=None):
        """Django's menu of models, with the pages a ModelAdmin lists beside its model
        (`app_list_entries(request)`: the articles' Thùng rác), so that whoever may use such
        a page finds it, a Quản trị without any article permission included."""
        app_dict = super()._build_app_dict(request, label)
        for model, model_admin in self._registry.items():
            app_label = model._meta.app_label
            entries_of = getattr(model_admin, "app_list_entries", None)
            if entries_of is None or (label and app_label != label):
                continue
            entries = entries_of(request)
            if not entries:
                continue
            app = app_dict.setdefault(app_label, {
                "name": model._meta.app_config.verbose_name,
                "app_label": app_label,
                "app_url": reverse("admin:app_list", kwargs={"app_label": app_label},
                                   current_app=self.name),
                "has_module_perms": True,
                "models": [],
            })
            app["models"].extend(entries)
        return app_dict

    def get_urls(self):
        from accounts import admin_lockouts, admin_notifications, invitations

        return [
            # The invitation's link: its visitor has no session yet (accounts/invitations.py).
            path(
                "moi/<uidb64>/<token>/",
                invitations.InvitationAcceptView.as_view(admin_site=self),
                name="invitation_accept",
            ),
            path(
                "moi/xong/",
                invitations.InvitationDoneView.as_view(admin_site=self),
                name="invitation_done",
            ),
            path(
                "khoa-dang-nhap/",
                self.admin_view(admin_lockouts.LoginLockoutsView.as_view(admin_site=self)),
                name="login_lockouts",
            ),
            path(
                "thong-bao-cua-toi/",
                self.admin_view(
                    admin_notifications.NotificationPreferencesView.as_view(admin_site=self)
                ),
                name="notification_preferences",
            ),
            # Before Django's own, which sends any staff member to any object's page.
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """"Xem trên trang" for an object the user may look at in the admin, and no other:
        the redirect names the page's address (a draft's title is in its slug)."""
        from django.contrib.contenttypes import views as contenttype_views
        from django.contrib.contenttypes.models import ContentType

        if not content_type_id.isdigit():
            raise Http404
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)


class PortalAdminConfig(AdminConfig):
    """Django's admin app with PortalAdminSite as `admin.site`."""

    default_site = "accounts.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from accounts import admin_wording

        admin_wording.install_django()
