"""Every model of the portal's apps has a factory in tests/factories.py, and every factory
makes a saved object that passes the model's own validation. A new model fails here until
its factory is written (CONTRIBUTING.md, "Add a model")."""

import inspect
from pathlib import Path

import factories
import factory
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def our_models() -> list:
    """The concrete models of the apps in this repository (not Django's or a library's),
    and the user model."""
    ours = [
        model
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
        for model in config.get_models()
        if not model._meta.proxy
    ]
    return [get_user_model(), *ours]


ALL_FACTORIES = [
    item for _, item in inspect.getmembers(factories, inspect.isclass)
    if issubclass(item, factory.django.DjangoModelFactory)
    and item is not factory.django.DjangoModelFactory and item._meta.model is not None
]


def test_the_walk_finds_the_portal_s_models():
    labels = {model._meta.label for model in our_models()}
    assert {"news.Article", "organizations.Organization", "pages.Menu", "visitors.DailyVisit",
            "audit.AuditEvent", "auth.User"} <= labels
    assert not any(label.startswith(("axes.", "contenttypes.")) for label in labels)


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_every_model_has_a_factory(model):
    assert any(item._meta.model is model for item in ALL_FACTORIES), (
        f"{model._meta.label} has no factory: add {model.__name__}Factory to tests/factories.py"
    )


@pytest.mark.parametrize("factory_class", ALL_FACTORIES, ids=lambda item: item.__name__)
def test_each_factory_makes_a_saved_valid_object(factory_class):
    made = factory_class()

    assert made.pk is not None
    assert type(made)._default_manager.filter(pk=made.pk).exists()
    made.full_clean()


@pytest.mark.parametrize("factory_class", ALL_FACTORIES, ids=lambda item: item.__name__)
def test_each_factory_makes_distinct_objects(factory_class):
    """Two in one test must not collide on a unique field."""
    first, second = factory_class(), factory_class()

    assert first.pk != second.pk
    second.full_clean()
