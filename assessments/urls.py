"""The gemeente's pages under /scans/: a scan's life (``scans``) and its spiegel (``spiegel``)
share one URL namespace, "scans"."""

from .scans.urls import urlpatterns as scan_urls
from .spiegel.urls import urlpatterns as spiegel_urls

app_name = "scans"

urlpatterns = scan_urls + spiegel_urls
