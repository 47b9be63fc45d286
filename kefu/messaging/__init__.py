"""Messaging (消息发送): SMS and email to customers, consent and the delivery log."""
