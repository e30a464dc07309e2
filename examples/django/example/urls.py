"""URLs of the example project: the view that receives SMTP.com callbacks.

Register ``smtp.callbacks.callback_url("https://your-site.example/smtpcom/callbacks",
SMTPCOM_CALLBACK_SECRET)`` with CallbacksApi; each event then arrives as the signal
``smtp.django.signals.callback_event`` (see example/signals.py).
"""

from django.urls import path

import example.signals  # noqa: F401  (connects the receiver; an app would do it in AppConfig.ready)
from smtp.django import views

urlpatterns = [path("smtpcom/callbacks", views.callbacks)]
