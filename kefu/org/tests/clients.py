"""How the org tests talk to the app: a logged-in browser client and a JSON API client."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client

API = "/api/v1"


def login(client: Client, cast: Any, role: str) -> Client:
    client.force_login(cast.by_role(role))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def headers(cast: Any, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


class Api:
    """The test client speaking JSON as one cast member."""

    def __init__(self, client: Client, cast: Any, role: str) -> None:
        self.client, self.headers = client, headers(cast, role)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{API}{path}", params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"{API}{path}", body, content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(
            f"{API}{path}", body, content_type="application/json", headers=self.headers
        )
