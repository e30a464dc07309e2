"""``callback_event``: sent once for each new event SMTP.com reports through the callbacks view.

::

    from django.dispatch import receiver
    from smtp.django.signals import callback_event

    @receiver(callback_event)
    def on_smtpcom_event(sender, event, **kwargs):
        if event.event == "hard_bounced":
            Subscriber.objects.filter(email=event.rcpt_to).update(active=False)

Arguments: ``event``, a ``smtp.callbacks.CallbackEvent`` (its ``unique_args`` hold the
``metadata`` the message was sent with), and ``request``, the Django request that carried it.
A receiver that raises makes the view answer 500: the service delivers the batch again, and
the events handled before the failure are not repeated.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["callback_event"]

#: sent with ``event=`` (a ``smtp.callbacks.CallbackEvent``) and ``request=``
callback_event = Signal()
