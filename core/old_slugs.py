"""Addresses that changed keep working: an old slug answers a permanent redirect.

When the slug of a published article, a category, a directive or an organisation is
corrected, its previous slug is kept in the model's OldSlug table (news.ArticleOldSlug,
CategoryOldSlug, DirectiveOldSlug, organizations.OrganizationOldSlug), and the public URLs
with a slug are wrapped in redirect_old_slugs(): a request the view answers with 404 whose
slug is an old one of a public object is sent, with 301, to the same URL with the object's
current slug.

* The view is asked first, so an old slug that another object has taken since shows
  that object, not a redirect.
* Each old slug points at its object, not at the next slug, so a chain of corrections
  is one redirect.
* Only public objects are redirected to (`public`, e.g. Article.objects.published):
  the old address of an article that is a draft again, or not yet due, is a 404 that
  does not tell its new slug.
* Redirects are never page-cached (caching.page_cache stores 200 responses only); the
  page an old address showed before is invalidated by the save that changed the slug.
"""

from contextlib import contextmanager
from functools import wraps

from django.db import models, router, transaction
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone

# Browsers keep a 301 without an expiry for good; one day lets an address that is given
# to another object later show that object to readers who followed the redirect before.
REDIRECT_MAX_AGE = 24 * 3600


class OldSlug(models.Model):
    """A slug its object had before; the object's model adds the ForeignKey to it as
    `old_slugs`, and a URL_NAME whose only argument is the slug."""

    slug = models.SlugField("đường dẫn cũ", max_length=160, unique=True)
    replaced_at = models.DateTimeField("đổi lúc", default=timezone.now)

    URL_NAME = ""

    class Meta:
        abstract = True
        ordering = ["-replaced_at", "-id"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse(self.URL_NAME, kwargs={"slug": self.slug})


def stored_slug(instance) -> str | None:
    """The slug `instance` has in the database (None before its first save)."""
    if instance.pk is None:
        return None
    manager = type(instance)._default_manager
    return manager.filter(pk=instance.pk).values_list("slug", flat=True).first()


@contextmanager
def keeping_old_slug(owner, old_slug: str | None, using: str | None = None):
    """Around the save of `owner` (a model with an `old_slugs` relation): when its slug
    is no longer `old_slug`, the old one is stored with the save, and leads to `owner`
    from then on (also when it led to another object before); `owner`'s own current
    slug is no longer an old one."""
    if not old_slug or old_slug == owner.slug:
        yield
        return
    with transaction.atomic(using=using or router.db_for_write(type(owner), instance=owner)):
        yield
        related = owner.old_slugs
        related.model._default_manager.update_or_create(
            slug=old_slug, defaults={related.field.name: owner, "replaced_at": timezone.now()}
        )
        related.filter(slug=owner.slug).delete()


def redirect_old_slugs(view, public):
    """`view` with a 301 from an old slug; `public()` is the queryset of the objects that
    may be redirected to (models with an `old_slugs` relation). See the module docstring."""

    @wraps(view)
    def view_or_redirect(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get("slug")
            current = (
                public().filter(old_slugs__slug=slug).values_list("slug", flat=True).first()
                if slug else None
            )
            if not current or current == slug:
                raise
        match = request.resolver_match
        url = reverse(match.view_name, args=args, kwargs={**kwargs, "slug": current})
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        response["Cache-Control"] = f"max-age={REDIRECT_MAX_AGE}"
        return response

    return view_or_redirect
