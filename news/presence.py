"""Who else has an article open in the admin ("Nguyễn Văn A đang sửa bài này"), as Wagtail 6
tells its editors before they type.

Each change page of an article is a session (ArticleEditingSession: one row per browser tab),
opened when the server renders the page and kept alive by the page's heartbeat
(static/js/article-presence.js) every ARTICLE_PRESENCE_HEARTBEAT_SECONDS; leaving the page
releases it, and a session not heard from for ARTICLE_PRESENCE_TIMEOUT_SECONDS (a closed
laptop, a crashed browser) counts as gone. The rows live in the database, so every app
server sees the same people, and tests need no mock.

Each answer names the other people (never the user themselves, whatever tab they have it
open in), whether they may edit or only view it, whether they have changes they have not
saved, and whether the article has been saved since the page was opened: then
the page is told to reload before editing on (the save would be refused anyway,
news.admin.ArticleForm.clean).

Who may ask is the admin's business (news/admin_presence.py): only someone who may see the
article, so no name reaches anyone who may not see it.
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from core.admin_utils import full_name

from .models import ArticleEditingSession

DEFAULT_HEARTBEAT_SECONDS = 10
# Longer than a minute: Chromium runs the timers of a tab hidden for five minutes once a
# minute, and such a tab is still open.
DEFAULT_TIMEOUT_SECONDS = 90
# A page left alone this long stops its heartbeat (and so disappears for the others after the
# timeout): the heartbeat would otherwise keep the login session alive for ever, although
# sessions end after SESSION_HOURS without activity.
DEFAULT_IDLE_MINUTES = 30

TAB_PATTERN = re.compile(r"[0-9a-f]{32}")


def heartbeat_seconds() -> int:
    return getattr(settings, "ARTICLE_PRESENCE_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)


def timeout_seconds() -> int:
    return getattr(settings, "ARTICLE_PRESENCE_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)


def idle_minutes() -> int:
    return getattr(settings, "ARTICLE_PRESENCE_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)


def is_valid_tab(tab) -> bool:
    return isinstance(tab, str) and TAB_PATTERN.fullmatch(tab) is not None


def _cutoff():
    return timezone.now() - timedelta(seconds=timeout_seconds())


@dataclass
class Person:
    """Someone else with the article open, in one tab or several."""

    name: str
    editing: bool  # may edit it (else only views it)
    unsaved: bool  # has changes in the form not saved yet


@dataclass
class NewVersion:
    """The article was saved after the page was opened."""

    message: str


@dataclass
class Presence:
    """What a page shows about the others, and the tab it keeps alive."""

    tab: str
    others: list[Person] = field(default_factory=list)
    new_version: NewVersion | None = None

    @property
    def notices(self) -> list[str]:
        return describe(self.others)

    def as_json(self, *, reload_url: str) -> dict:
        return {
            "tab": self.tab,
            "others": [
                {"name": person.name, "editing": person.editing, "unsaved": person.unsaved}
                for person in self.others
            ],
            "notices": self.notices,
            "new_version": (
                {"message": self.new_version.message, "reload_url": reload_url}
                if self.new_version else None
            ),
        }


def open_page(*, article, user, can_edit: bool, opened_version: int | None) -> Presence:
    """The change page of `article` is being rendered for `user`: a session for its tab,
    and who else is there now."""
    tab = secrets.token_hex(16)
    ArticleEditingSession.objects.create(article=article, user=user, tab=tab, can_edit=can_edit)
    return _presence(
        article=article, user=user, tab=tab, can_edit=can_edit, opened_version=opened_version
    )


def heartbeat(
    *, article, user, tab: str, can_edit: bool, unsaved: bool, opened_version: int | None
) -> Presence:
    """The page of tab `tab` is still open: keep its session (again, if it had expired,
    e.g. a laptop that slept) and say who else is there."""
    now = timezone.now()
    values = {"can_edit": can_edit, "has_unsaved_changes": unsaved and can_edit,
              "last_seen_at": now}
    try:
        with transaction.atomic():
            ArticleEditingSession.objects.update_or_create(
                article=article, user=user, tab=tab, defaults=values,
                create_defaults={**values, "opened_at": now},
            )
    except IntegrityError:
        # The same tab's release or heartbeat at the same moment: the next beat redoes it.
        pass
    _forget_expired()
    return _presence(
        article=article, user=user, tab=tab, can_edit=can_edit, opened_version=opened_version
    )


def _forget_expired() -> None:
    """Delete the sessions past the timeout (they are already ignored). Only tidying: when
    heartbeats on other servers delete the same rows at the same moment and the database
    gives up on one (a deadlock, a locked SQLite file), the next heartbeat does it."""
    try:
        with transaction.atomic():
            ArticleEditingSession.objects.filter(last_seen_at__lt=_cutoff()).delete()
    except OperationalError:
        pass


def release(*, article, user, tab: str) -> None:
    """The page of tab `tab` was left."""
    ArticleEditingSession.objects.filter(article=article, user=user, tab=tab).delete()


def _presence(*, article, user, tab, can_edit, opened_version) -> Presence:
    return Presence(
        tab=tab,
        others=others(article=article, user=user),
        new_version=new_version(
            article=article, user=user, can_edit=can_edit, opened_version=opened_version
        ),
    )


def others(*, article, user) -> list[Person]:
    """The other people with `article` open now, first come first, one entry per person."""
    sessions = (
        ArticleEditingSession.objects
        .filter(article=article, last_seen_at__gte=_cutoff())
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at", "pk")
    )
    people: dict[int, Person] = {}
    for session in sessions:
        person = people.setdefault(
            session.user_id, Person(name=full_name(session.user), editing=False, unsaved=False)
        )
        person.editing |= session.can_edit
        person.unsaved |= session.has_unsaved_changes
    return list(people.values())


def editors_of(articles, *, viewer) -> dict[int, list[str]]:
    """For a page of the article list, one query: article id → the names of the others
    who have it open to edit now."""
    sessions = (
        ArticleEditingSession.objects
        .filter(article__in=[article.pk for article in articles], can_edit=True,
                last_seen_at__gte=_cutoff())
        .exclude(user=viewer)
        .select_related("user")
        .order_by("opened_at", "pk")
    )
    names: dict[int, list[str]] = {}
    for session in sessions:
        listed = names.setdefault(session.article_id, [])
        name = full_name(session.user)
        if name not in listed:
            listed.append(name)
    return names


def new_version(*, article, user, can_edit, opened_version) -> NewVersion | None:
    """Has `article` (as just read from the database) been saved since its page was opened
    at `opened_version`? Then who saved it, to say so."""
    if opened_version is None or article.version <= opened_version:
        return None
    last = article.history.order_by("-history_date").select_related("history_user").first()
    saver = last.history_user if last is not None else None
    if saver is None:
        who = "Bài viết vừa có một phiên bản mới"
    elif saver.pk == user.pk:
        who = "Bạn vừa lưu một phiên bản mới ở một thẻ khác"
    else:
        who = f"{full_name(saver)} vừa lưu một phiên bản mới"
    then = "tải lại trước khi sửa tiếp" if can_edit else "tải lại để xem bản mới"
    return NewVersion(message=f"{who} — {then}.")


def join_names(names: list[str]) -> str:
    """'A', 'A và B', 'A, B và C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} và {names[-1]}"


def describe(people: list[Person]) -> list[str]:
    """The banner's sentences: 'Nguyễn Văn A và Trần Thị B đang sửa bài này.', those with
    changes not saved yet said so, then those who may only view it."""
    sentences = []
    editors = [person for person in people if person.editing]
    if editors:
        sentences.append(f"{join_names([person.name for person in editors])} đang sửa bài này.")
        unsaved = [person.name for person in editors if person.unsaved]
        if len(unsaved) == 1 and len(editors) == 1:
            sentences[-1] = f"{unsaved[0]} đang sửa bài này và có thay đổi chưa lưu."
        elif unsaved:
            sentences.append(f"{join_names(unsaved)} có thay đổi chưa lưu.")
    viewers = [person.name for person in people if not person.editing]
    if viewers:
        sentences.append(f"{join_names(viewers)} đang xem bài này.")
    return sentences
