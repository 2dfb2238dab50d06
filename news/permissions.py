"""Who may see, edit and move articles through the workflow. One rule, one place: every
admin class, action and service asks here.

Roles (accounts/roles.py) map to permissions:
* news.change_article: may write (Phóng viên): their own drafts only;
* news.change_colleagues_article (Biên tập viên): any draft or pending article of their
  organisations;
* news.publish_article (Người duyệt bài): every article of their organisations, in every
  state, and the only way into or out of "published" and "archived"; also the only role
  that may correct the slug of an article once it has been published.
* news.manage_directive_library (Quản lý văn bản): every directive, whoever issued it;
  anyone else with news.change_directive only those issued within their scope.
Organisations are a user's memberships, everything under them and their predecessors
(Organization.objects.within_scope_of); superusers act on all.

Republishing (đăng lại) an article onto portal P is publishing it there: only someone who
may publish the articles of P's organisation (a Người duyệt bài whose scope holds it), and
only an article of another portal that is published.
"""

from organizations.models import Organization
from portals import hosts

from .models import Article

Status = Article.Status
WRITABLE_STATES = (Status.DRAFT, Status.PENDING)


def can_publish(user) -> bool:
    return user.is_active and user.has_perm("news.publish_article")


def can_correct_slug(user) -> bool:
    """May this user correct the slug of an article that has been published? Its address
    is locked for everyone else; the old address keeps working (core/old_slugs.py)."""
    return can_publish(user)


def can_edit_colleagues(user) -> bool:
    return can_publish(user) or user.has_perm("news.change_colleagues_article")


def can_manage_directive_library(user) -> bool:
    """Directives of every issuer (Trung ương's included) and the home page's key ones."""
    return user.is_active and user.has_perm("news.manage_directive_library")


def organizations_for(user):
    """The organisations a user may write for."""
    return Organization.objects.within_scope_of(user)


def articles_for(user):
    """The articles a staff user may see in the admin."""
    articles = Article.objects.all()
    if user.is_superuser:
        return articles
    articles = articles.filter(organization__in=organizations_for(user))
    if not can_edit_colleagues(user):
        articles = articles.filter(author=user)
    return articles


def can_see(user, article) -> bool:
    """Is this (saved) article within what the user may work on?"""
    return articles_for(user).filter(pk=article.pk).exists()


def can_edit(user, article) -> bool:
    """May this user change this (saved) article's content?"""
    if not can_see(user, article):
        return False
    if can_publish(user):
        return True
    stored_status = Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
    if can_edit_colleagues(user):
        return stored_status in WRITABLE_STATES
    return stored_status == Status.DRAFT


def status_choices_for(user, article=None) -> list[tuple[str, str]]:
    """The states this user may put an article in."""
    if can_publish(user):
        return list(Status.choices)
    allowed = (Status.DRAFT, Status.PENDING)
    return [(value, label) for value, label in Status.choices if value in allowed]


# -- the trash (Thùng rác) -----------------------------------------------------------------
# Who moves an article to the trash is who may delete it (ArticleAdmin.has_delete_permission:
# a Người duyệt bài of its organisation). docs/workflow-and-accounts.md, "Thùng rác".


def can_purge(user) -> bool:
    """May this user remove articles from the trash for good (Quản trị, superusers)?"""
    return user.is_active and user.has_perm("news.purge_article")


def trashed_articles_for(user):
    """The articles in the trash a staff user may see on the Thùng rác page: those the
    admin's list would show them, and for whoever may empty the trash every article of
    their organisations."""
    trashed = Article.all_objects.trashed()
    if user.is_superuser:
        return trashed
    if not user.is_active:
        return trashed.none()
    in_scope = trashed.filter(organization__in=organizations_for(user))
    if can_purge(user) or can_edit_colleagues(user):
        return in_scope
    if user.has_perm("news.view_article"):
        return in_scope.filter(author=user)
    return trashed.none()


def purgeable_articles_for(user):
    """The articles in the trash this user may remove for good."""
    if not can_purge(user):
        return Article.all_objects.none()
    trashed = Article.all_objects.trashed()
    if user.is_superuser:
        return trashed
    return trashed.filter(organization__in=organizations_for(user))


def can_restore(user, article) -> bool:
    """Whoever sees a trashed article and writes articles may take it out of the trash (in
    the state status_after_restore gives it)."""
    return (
        user.is_active and user.has_perm("news.change_article")
        and trashed_articles_for(user).filter(pk=article.pk).exists()
    )


def status_after_restore(user, status: str) -> str:
    """The state a restored article comes back in: the one it had, when this user may put an
    article in it; otherwise a draft (a published article restored by someone who may not
    publish does not go public again)."""
    allowed = {value for value, _ in status_choices_for(user)}
    return status if status in allowed else Status.DRAFT


# -- republishing (đăng lại) onto another portal ------------------------------------------


def _portal_tops_in_scope(user) -> set[int]:
    """Ids of the portals whose organisation is within `user`'s scope. The main portal
    without an organisation has no such top: there, any organisation it owns within the
    user's scope (whoever publishes articles the main portal shows may republish onto it)."""
    found = hosts.portal_map()
    tops = {
        portal.organization_id: portal.pk
        for portal in found.portals.values() if portal.organization_id is not None
    }
    scope = organizations_for(user)
    allowed = {tops[pk] for pk in scope.filter(pk__in=tops).values_list("pk", flat=True)}
    main = found.main
    if (
        main.organization_id is None and main.pk not in allowed
        and scope.exclude(pk__in=found.owner).exists()
    ):
        allowed.add(main.pk)
    return allowed


def republishing_portals_for(user) -> list:
    """The portals `user` may republish articles onto: those whose articles they may
    publish. Two queries at most, whatever the number of portals."""
    if not can_publish(user):
        return []
    portals = list(hosts.portal_map().portals.values())
    if user.is_superuser:
        return portals
    allowed = _portal_tops_in_scope(user)
    return [portal for portal in portals if portal.pk in allowed]


def republish_refusal(user, article, portal) -> str:
    """Why `user` may not republish `article` onto `portal` ("" when they may)."""
    if article.owner_portal.pk == portal.pk:
        return "Bài này là bài của chính cổng đó, không cần đăng lại."
    if article.status != Status.PUBLISHED or article.trashed_at is not None:
        return "Chỉ đăng lại được bài đã đăng."
    if portal.pk not in {found.pk for found in republishing_portals_for(user)}:
        return f"Bạn không có quyền đăng bài trên {portal}."
    return ""


def unrepublish_refusal(user, portal) -> str:
    """Why `user` may not take an article off `portal` ("" when they may): whoever may
    republish onto a portal may also take a republished article off it."""
    if portal.pk not in {found.pk for found in republishing_portals_for(user)}:
        return f"Bạn không có quyền gỡ bài đăng lại trên {portal}."
    return ""
