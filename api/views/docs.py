"""The OpenAPI schema (for programs, with a token) and its browsable page (for staff)."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.access import PRACTICE


class SchemaView(SpectacularAPIView):
    roles = {"get": PRACTICE}


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar); its start-up script
    is a separate file, so the page keeps the site's CSP (no inline script, no CDN)."""

    roles = {"get": PRACTICE}
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
