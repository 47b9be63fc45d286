from kefu.messaging.tests.gateway import sms_gateway  # noqa: F401
