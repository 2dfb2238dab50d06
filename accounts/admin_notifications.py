"""The admin page "Thông báo của tôi" (/admin/thong-bao-cua-toi/): each staff member
switches the e-mail about the review of articles on or off for themself. The dashboard
shows the same events whatever the choice (news/notifications.py says who gets what)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views import View

from news import services
from news.models import NotificationPreference


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ("email_enabled",)


class NotificationPreferencesView(View):
    admin_site = None
    http_method_names = ("get", "post")
    template_name = "admin/notification_preferences.html"

    def current(self, request) -> NotificationPreference:
        return (
            NotificationPreference.objects.filter(user=request.user).first()
            or NotificationPreference(user=request.user)
        )

    def render(self, request, form):
        return TemplateResponse(request, self.template_name, {
            **self.admin_site.each_context(request),
            "title": "Thông báo của tôi",
            "form": form,
            "email": request.user.email,
        })

    def get(self, request):
        return self.render(request, NotificationPreferenceForm(instance=self.current(request)))

    def post(self, request):
        form = NotificationPreferenceForm(request.POST, instance=self.current(request))
        if not form.is_valid():
            return self.render(request, form)
        enabled = form.cleaned_data["email_enabled"]
        services.notification_preference_set(user=request.user, email_enabled=enabled)
        messages.success(
            request,
            "Đã bật thư báo qua thư điện tử." if enabled else
            "Đã tắt thư báo qua thư điện tử; bảng điều khiển vẫn hiện các thông báo.",
        )
        return redirect("admin:notification_preferences")
