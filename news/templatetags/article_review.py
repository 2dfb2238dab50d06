"""Filters for the review thread of an article's admin page (news/admin_review.py)."""

from django import template

from core.admin_utils import full_name as user_full_name
from news.workflow import MOVE_EVENTS

register = template.Library()


@register.filter
def full_name(user) -> str:
    """'Trần Minh Thư' (họ then tên); "Tài khoản đã xóa" for a deleted account."""
    return user_full_name(user) if user is not None else "Tài khoản đã xóa"


@register.filter
def move_event(move) -> str:
    """What a move in the thread says: "đã gửi duyệt", "yêu cầu sửa"…"""
    return MOVE_EVENTS.get(move, "")
