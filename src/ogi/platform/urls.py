from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = admin.site.site_title = "OGI 政府信息公开工作平台 · 管理"

urlpatterns = [
    path("", include("ogi.platform.web.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", include("ogi.platform.casework.urls")),
    path("calendar/", include("ogi.platform.workcalendar.urls")),
    path("audit/", include("ogi.platform.audit.urls")),
    path("reports/", include("ogi.platform.annual.urls")),
    path("gk/<int:agency_pk>/reports/", include("ogi.platform.annual.public_urls")),
    path("catalogue/", include("ogi.platform.catalogue.urls")),
    path("disputes/", include("ogi.platform.litigation.urls")),
    path("gk/<int:agency_pk>/catalogue/", include("ogi.platform.catalogue.public_urls")),
    path("admin/", admin.site.urls),
    path("documents/", include("ogi.platform.documents.urls")),
    path("", include("ogi.platform.public.urls")),
    path("api/", include("ogi.platform.api.urls")),
]

handler400 = "ogi.platform.web.views.bad_request"
handler403 = "ogi.platform.web.views.permission_denied"
handler404 = "ogi.platform.web.views.not_found"
handler500 = "ogi.platform.web.views.server_error"
