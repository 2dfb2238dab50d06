"""The article list's "Gỡ xuống" action asks first: a page lists the selected articles that
are published (scheduled ones included) and only "Có, gỡ các bài này" takes them down, each
through news.services.article_change_status (checked and audited as any unpublishing).

ArticleAdmin mixes this in after news.admin_trash.ArticleTrashAdminMixin, whose
action_confirmation() draws the page.
"""

from django.contrib import messages

from . import services
from .models import Article


class UnpublishConfirmationMixin:
    def unpublish_with_confirmation(self, request, queryset):
        articles = list(
            queryset.filter(status=Article.Status.PUBLISHED).select_related("organization")
        )
        if not articles:
            messages.warning(request, "Trong các bài đã chọn không có bài nào đang đăng: "
                             "không có gì để gỡ.")
            return None
        if request.POST.get("post") != "yes":
            return self.action_confirmation(
                request, articles, action="unpublish_selected",
                title="Gỡ bài xuống",
                question=f"Gỡ {len(articles)} bài viết sau xuống (chuyển về bản nháp)?",
                note="Bài gỡ xuống không còn hiện trên cổng (trang bài, danh sách tin, tìm kiếm, "
                "RSS); địa chỉ của bài được giữ nguyên để đăng lại sau. Các bài đã chọn khác "
                "(bản nháp, chờ duyệt, lưu trữ) không bị thay đổi.",
                confirm="Có, gỡ các bài này",
            )
        for article in articles:
            services.article_change_status(
                article=article, to=Article.Status.DRAFT, by=request.user, request=request
            )
        messages.success(request, f"Đã gỡ {len(articles)} bài viết về bản nháp.")
        return None
