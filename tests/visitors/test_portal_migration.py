"""An installation from before portals (issue 19) upgrades without losing a day: the daily
visits become the main portal's, and each portal may then have its own row for a day."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from migration_steps import migrate

BEFORE = [("visitors", "0001_initial"), ("pages", "0007_portalinformation_portal")]
AFTER = [("visitors", "0003_dailyvisit_portal_required")]


@pytest.mark.django_db(transaction=True)
def test_existing_days_become_the_main_portals_and_stay_one_per_portal_and_day():
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    try:
        OldDailyVisit = old.get_model("visitors", "DailyVisit")
        OldDailyVisit.objects.create(date=date(2026, 1, 1), count=7, page_views=9)
        OldDailyVisit.objects.create(date=date(2026, 1, 2), count=3, page_views=4)

        new = migrate(AFTER).loader.project_state(AFTER).apps
        DailyVisit = new.get_model("visitors", "DailyVisit")
        Portal = new.get_model("portals", "Portal")
        main = Portal.objects.get(is_main=True)
        rows = DailyVisit.objects.values_list("portal_id", "date", "count", "page_views")
        assert sorted(rows) == [
            (main.pk, date(2026, 1, 1), 7, 9), (main.pk, date(2026, 1, 2), 3, 4),
        ]
        Organization = new.get_model("organizations", "Organization")
        youth = Organization.objects.create(name="Tỉnh Đoàn", slug="tinh-doan", path="0009",
                                            depth=1, kind="youth_union", level="province")
        other = Portal.objects.create(organization=youth)
        DailyVisit.objects.create(portal=other, date=date(2026, 1, 1), count=1)  # its own day
        with pytest.raises(IntegrityError), transaction.atomic():
            DailyVisit.objects.create(portal=main, date=date(2026, 1, 1), count=1)
    finally:
        migrate(None)
        from portals.models import Portal as CurrentPortal
        from visitors.models import DailyVisit as CurrentDailyVisit

        CurrentDailyVisit.objects.all().delete()
        CurrentPortal.objects.filter(is_main=False).delete()
        from organizations.models import Organization as CurrentOrganization

        CurrentOrganization.objects.filter(slug="tinh-doan").delete()
