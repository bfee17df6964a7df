from csp.constants import UNSAFE_INLINE


class BeheerCSPMiddleware:
    """The Django admin (staff only) sets a few inline styles from its own scripts; allow inline
    style there and nowhere else. Scripts stay restricted to 'self' everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/beheer/"):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response


class TweedeFactorMiddleware:
    """Someone who must log in with a second factor (see ``roles.vereist_tweede_factor``) and
    has not yet given it reaches only the public pages, the second-step pages and logging out;
    everything else sends them to the second step (or to setting it up), keeping ``next``."""

    VRIJ = (
        "/static/",
        "/inloggen/",
        "/uitloggen/",
        "/kader/",
        "/toegankelijkheid/",
        "/privacy/",
        "/health/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.urls import reverse

        from .roles import vereist_tweede_factor
        from .tweestaps import naar_tweede_stap

        user = request.user
        if (
            vereist_tweede_factor(user)
            and not user.is_verified()
            and request.path != "/"
            and not request.path.startswith(self.VRIJ)
            and not request.path.startswith(reverse("tweestaps-instellen"))
        ):
            return redirect(naar_tweede_stap(user, request.get_full_path()))
        return self.get_response(request)
