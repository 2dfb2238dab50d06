from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.password_reset import RateLimitedPasswordResetForm
from news import editor_uploads
from operations import health
from pages import site_views, theme_views, views
from pages.sitemaps import SITEMAPS
from portal import moved_admin

# The admin's names (accounts/admin_site.py) on the password pages, which are not admin views.
ADMIN_LOOK = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Password reset by e-mail for editors (the admin login page links to it).
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=RateLimitedPasswordResetForm, extra_context=ADMIN_LOOK
        ),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(extra_context=ADMIN_LOOK),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=ADMIN_LOOK),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=ADMIN_LOOK),
        name="password_reset_complete",
    ),
    path("", include(moved_admin)),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("editor/upload-image/", editor_uploads.editor_image_upload, name="editor_image_upload"),
    # The library's picker in the rich-text editor (library/urls.py).
    path("editor/library/", include("library.urls")),
    path("trang/<slug:slug>/", site_views.static_page, name="static_page"),
    path("lien-he/", site_views.contact_page, name="contact"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("apple-touch-icon.png", site_views.apple_touch_icon, name="apple_touch_icon"),
    path("manifest.webmanifest", site_views.web_manifest, name="web_manifest"),
    path("healthz", health.healthz, name="healthz"),
    # The current portal's theme colours (pages/theme_views.py).
    path("mau-giao-dien.css", theme_views.portal_theme_css, name="portal_theme_css"),
    path("", include("news.urls")),
    path("", include("pages.organization_urls")),
]

# Inside the admin, a refusal is an admin page with a way back (accounts/admin_denied.py).
handler403 = "accounts.admin_denied.permission_denied"
# The maintenance page (503) also when the database fails outside a view.
handler500 = "operations.maintenance.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
if settings.BENCH_CEILING:
    from portal import ceiling

    urlpatterns[:0] = [
        path(ceiling.PATH, ceiling.ceiling, name="bench_ceiling"),
        path(ceiling.ARTICLE_DATA_PATH, ceiling.article_data, name="bench_article_data"),
    ]
