"""OpenAPI: the token scheme, so the schema and the docs page say how to authenticate."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token made by a practice admin (Admin > API tokens). "
            "Send it as `Authorization: Bearer thz_...`.",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.VerifiedSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "The portal's own signed-in session, second factor verified; "
            "unsafe methods also need the X-CSRFToken header.",
        }
