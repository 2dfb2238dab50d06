from django.conf import settings


def site(request):
    return {"portal_name": settings.PORTAL_NAME, "portal_owner": settings.PORTAL_OWNER}
