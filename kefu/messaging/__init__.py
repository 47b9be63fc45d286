"""Messaging (消息发送): SMS and email to customers, consent and the delivery log.

Owns deliveries (one row per message to one customer, with its status), opt-outs (退订) per
customer and channel, the per-minute send windows that rate-limit each channel, the adapters
that talk to the SMTP server and the SMS gateway, and the signed unsubscribe link. Apps above
(campaigns, surveys) send through ``services.send_message``; nothing else writes a delivery.
"""
