"""Settings of a minimal Django project that sends its mail through SMTP.com.

By default it talks to the local sandbox (``python -m smtp.sandbox``), so trying it sends
nothing anywhere. Set ``SMTPCOM_HOST=https://api.smtp.com`` and a real key to send for real.
"""

import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret")
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]
ROOT_URLCONF = "example.urls"
USE_TZ = True

# --- mail through SMTP.com -------------------------------------------------------------
EMAIL_BACKEND = "smtp.django.EmailBackend"
SMTPCOM_HOST = os.environ.get("SMTPCOM_HOST", "http://127.0.0.1:8025")  # the local sandbox
SMTPCOM_API_KEY = os.environ.get("SMTPCOM_API_KEY", "any-key-the-sandbox-accepts")
SMTPCOM_CHANNEL = os.environ.get("SMTPCOM_CHANNEL", "main")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Example <example@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", os.environ.get("EXAMPLE_ADMIN_EMAIL", "admin@example.com"))]

# --- callbacks: SMTP.com posts delivery events to /smtpcom/callbacks ---------------------
# (at least 16 characters; smtp.callbacks.new_secret() makes one)
SMTPCOM_CALLBACK_SECRET = os.environ.get("SMTPCOM_CALLBACK_SECRET", "example-secret-change-me")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "smtp.django": {"handlers": ["console"], "level": "INFO"},
        "example": {"handlers": ["console"], "level": "INFO"},
    },
}
