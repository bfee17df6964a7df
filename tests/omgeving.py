"""Environment for the test run, set before Django reads its settings (loaded with -p).

Tests run with production-like settings: DEBUG off, a fixed key and local host names.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("VIT_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
_static = os.path.join(tempfile.gettempdir(), "vit-test-static")
os.makedirs(_static, exist_ok=True)
os.environ.setdefault("DJANGO_STATIC_ROOT", _static)
