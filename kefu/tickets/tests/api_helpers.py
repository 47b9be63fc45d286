"""Shared helpers of the work order API tests at /api/v1/tickets."""

import re

URL = "/api/v1/tickets"
NUMBER = re.compile(r"^TS\d{8}-\d{4}$")


class Api:
    def __init__(self, client, token, language="en"):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": language}

    def get(self, path="", **params):
        return self.client.get(URL + path, params, headers=self.headers)

    def post(self, path="", body=None):
        return self.client.post(
            URL + path, body or {}, content_type="application/json", headers=self.headers
        )


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def complaint(**extra):
    return {"type": "complaint", "channel": "phone", "title": "空调不制冷", **extra}
