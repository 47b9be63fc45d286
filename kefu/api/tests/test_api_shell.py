def test_openapi_schema_describes_the_api(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert any(path.startswith("/api/v1/customers") for path in schema["paths"])
    assert "BearerToken" in schema["components"]["securitySchemes"]


def test_a_request_without_token_gets_a_json_401(client, db):
    response = client.get("/api/v1/customers")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_revoked_token_gets_a_json_401(client, cast):
    from kefu.accounts.services import create_api_token, revoke_api_token

    issued = create_api_token(actor=None, user=cast.agent, name="x")
    revoke_api_token(actor=None, token_id=issued.token.pk)
    response = client.get("/api/v1/customers", headers={"Authorization": f"Bearer {issued.secret}"})
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_error_messages_follow_the_requested_language(client, db):
    zh = client.get("/api/v1/customers", headers={"Accept-Language": "zh-hans"}).json()
    en = client.get("/api/v1/customers", headers={"Accept-Language": "en"}).json()
    assert en["error"]["message"] == "A valid bearer token is required."
    assert zh["error"]["message"] != en["error"]["message"]
