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
