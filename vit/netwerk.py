"""The client's address, also behind the reverse proxies of a hosting party.

With ``VIT_PROXY_COUNT`` = N (the trusted proxies in front of VIT), each proxy appends the
address it received the request from to ``X-Forwarded-For``; the client is the N-th address
from the right. Anything further left was sent by the client itself and is not trusted. Without
proxies (N = 0), or with a header shorter than N, the address of the connection counts."""

from django.conf import settings

__all__ = ["client_ip"]


def client_ip(request) -> str | None:
    aantal = getattr(settings, "VIT_PROXY_COUNT", 0)
    if aantal > 0:
        adressen = [
            deel.strip()
            for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if deel.strip()
        ]
        if len(adressen) >= aantal:
            return adressen[-aantal]
    return request.META.get("REMOTE_ADDR")
