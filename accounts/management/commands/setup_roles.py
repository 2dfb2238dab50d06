"""manage.py setup_roles: create the editorial roles and give each exactly its permissions."""

from django.core.management.base import BaseCommand

from accounts.roles import create_all_permissions, setup_roles


class Command(BaseCommand):
    help = (
        "Tạo (hoặc cập nhật) các nhóm quyền Phóng viên, Biên tập viên, Người duyệt bài, Quản trị."
    )

    def handle(self, *args, **options):
        create_all_permissions()
        for role, count in setup_roles().items():
            self.stdout.write(f"{role}: {count} quyền")
        self.stdout.write(self.style.SUCCESS("Đã cập nhật các vai trò."))
