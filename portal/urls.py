from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Quản trị Cổng thông tin điện tử"
admin.site.site_title = "Quản trị Cổng"
admin.site.index_title = "Bảng điều khiển"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("editor/upload-image/", views.editor_image_upload, name="editor_image_upload"),
    path("", include("news.urls")),
    path("", include("organizations.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
