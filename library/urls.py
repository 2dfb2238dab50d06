"""The library's addresses used by the rich-text editor (library/views.py)."""

from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("chon-anh/", views.picker_dialog, name="picker"),
    path("anh/", views.image_list, name="image_list"),
    path("anh/tai-len/", views.image_upload, name="image_upload"),
]
