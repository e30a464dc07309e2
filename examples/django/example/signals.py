"""What the example does with SMTP.com's events: log them."""

import logging

from django.dispatch import receiver

from smtp.django.signals import callback_event

logger = logging.getLogger("example")


@receiver(callback_event)
def log_event(sender, event, **kwargs):
    # event.unique_args holds the metadata the message was sent with (message.metadata)
    logger.info("%s: %s for %s", event.id, event.event, event.rcpt_to)
