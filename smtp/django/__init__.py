"""Django integration: an email backend that sends through SMTP.com, and a callbacks view.

::

    # settings.py
    EMAIL_BACKEND = "smtp.django.EmailBackend"
    SMTPCOM_API_KEY = "..."          # or the environment variable SMTPCOM_API_KEY
    SMTPCOM_CHANNEL = "main"

Installed with the extra: ``pip install "smtp[django]"``. Django is imported only inside this
package; the rest of ``smtp`` never needs it.
"""

from __future__ import annotations

try:
    import django  # noqa: F401
except ImportError as error:  # pragma: no cover - exercised in a subprocess without Django
    raise ImportError(
        'smtp.django needs Django, which is not installed: pip install "smtp[django]"',
        name=error.name,
    ) from error

from smtp.django.backend import EmailBackend

__all__ = ["EmailBackend"]
