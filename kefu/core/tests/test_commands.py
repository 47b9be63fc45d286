"""``kefu check``, ``kefu token`` and ``kefu createuser``."""

import contextlib
import io
import signal
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kefu.accounts.models import ApiToken, User
from kefu.accounts.services import create_user, user_for_token
from kefu.core import checks
from kefu.core.checks import Status
from kefu.core.management.commands import serve

STRONG = "Kefu-Pass-2026!"


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _check_output() -> str:
    """The lines of ``kefu check``, whether or not an item of this environment fails."""
    out = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("kefu_check", stdout=out)
    return out.getvalue()


@pytest.fixture
def on_2026_11_23(monkeypatch):
    monkeypatch.setattr("kefu.core.clock.today", lambda: date(2026, 11, 23))


# ---- kefu check -------------------------------------------------------------------------


def test_check_reports_database_and_migrations_ok_and_warns_that_2027_is_missing(db, on_2026_11_23):
    lines = _check_output().splitlines()
    assert any(line.startswith("OK    database: ") for line in lines), lines
    assert any(line.startswith("OK    migrations: all ") for line in lines), lines
    assert any(line.startswith("OK    holiday calendar 2026: ") for line in lines), lines
    warn_2027 = [line for line in lines if line.startswith("WARN  holiday calendar 2027: ")]
    assert len(warn_2027) == 1
    assert "2027" in warn_2027[0].split(": ", 1)[1]
    assert "调休" in warn_2027[0]


def test_check_prints_one_line_per_item(db, on_2026_11_23):
    lines = _check_output().splitlines()
    assert [line[6:].split(": ", 1)[0] for line in lines] == [item for item, _ in checks.items()]
    assert all(line.split()[0] in {"OK", "WARN", "FAIL"} for line in lines)


def test_sqlite_database_runs_in_wal_mode(db):
    status, message = checks.check_database()
    assert status == Status.OK
    if "SQLite" in message:
        assert "journal_mode=wal" in message


def test_a_failing_item_makes_check_exit_with_an_error(db, monkeypatch):
    monkeypatch.setattr(
        checks,
        "items",
        lambda: [("fine", lambda: (Status.OK, "ok")), ("broken", lambda: (Status.FAIL, "no"))],
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("kefu_check", stdout=out)
    assert out.getvalue().splitlines() == ["OK    fine: ok", "FAIL  broken: no"]


def test_warnings_alone_do_not_fail_the_check(db, monkeypatch):
    monkeypatch.setattr(checks, "items", lambda: [("smtp", lambda: (Status.WARN, "down"))])
    out, _ = _run("kefu_check")
    assert out == "WARN  smtp: down\n"


def test_an_item_that_crashes_is_reported_as_failed_without_hiding_the_others(monkeypatch):
    def boom() -> checks.CheckResult:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(
        checks, "items", lambda: [("boom", boom), ("after", lambda: (Status.OK, "fine"))]
    )
    lines = [str(line) for line in checks.run_all()]
    assert lines == ["FAIL  boom: RuntimeError: disk on fire", "OK    after: fine"]


def test_missing_static_manifest_fails_the_static_item(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    status, message = checks.check_static_assets()
    assert status == Status.FAIL
    assert "collectstatic" in message


def test_static_manifest_without_htmx_fails_the_static_item(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text('{"paths": {"web/console.css": "x"}}')
    assert checks.check_static_assets()[0] == Status.FAIL
    (tmp_path / "staticfiles.json").write_text('{"paths": {"vendor/htmx/htmx.min.js": "x"}}')
    assert checks.check_static_assets()[0] == Status.OK


def test_unreachable_smtp_host_only_warns(settings):
    settings.EMAIL_BACKEND = checks.SMTP_BACKEND
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard port, nothing listens
    status, message = checks.check_smtp()
    assert status == Status.WARN
    assert "127.0.0.1:9" in message


def test_a_year_entered_in_a_registered_holiday_source_is_covered():
    def entered(year: int) -> str | None:
        return "entered in the console" if year == 2027 else None

    assert checks.check_holiday_calendar(2027)[0] == Status.WARN
    checks.register_holiday_source(entered)
    try:
        assert checks.check_holiday_calendar(2027) == (Status.OK, "entered in the console")
    finally:
        checks.unregister_holiday_source(entered)


def test_a_published_year_counts_its_adjusted_working_days():
    status, message = checks.check_holiday_calendar(2026)
    assert status == Status.OK
    assert "adjusted working days" in message


# ---- kefu token -------------------------------------------------------------------------


@pytest.fixture
def erp_user(db):
    return create_user(actor=None, username="erp", password=STRONG, roles=["agent"])


def test_token_create_prints_only_a_token_that_authenticates(erp_user):
    out, err = _run("kefu_token", "create", "erp", "--name", "ERP sync", "--expires-days", "30")
    assert out.count("\n") == 1
    secret = out.strip()
    assert user_for_token(secret) == erp_user
    token = ApiToken.objects.get(user=erp_user)
    assert token.name == "ERP sync"
    assert token.expires_at is not None
    assert secret not in err


def test_token_list_shows_prefix_and_name_but_never_the_secret(erp_user):
    secret = _run("kefu_token", "create", "erp", "--name", "ERP sync")[0].strip()
    out, _ = _run("kefu_token", "list", "erp")
    token = ApiToken.objects.get(user=erp_user)
    assert token.prefix in out
    assert "ERP sync" in out
    assert secret not in out
    assert secret[len("kefu_") :] not in out


def test_token_revoke_makes_the_token_fail(erp_user):
    secret = _run("kefu_token", "create", "erp")[0].strip()
    token = ApiToken.objects.get(user=erp_user)
    # No expiry, not revoked, never used: three empty columns.
    assert _run("kefu_token", "list")[0].splitlines()[1].count("—") == 3
    out, _ = _run("kefu_token", "revoke", str(token.pk))
    assert "revoked" in out
    assert user_for_token(secret) is None
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _run("kefu_token", "list")[0].splitlines()[1].count("—") == 2


def test_token_commands_refuse_unknown_users_and_tokens(db):
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        _run("kefu_token", "create", "ghost")
    with pytest.raises(CommandError):
        _run("kefu_token", "revoke", "424242")


# ---- kefu createuser --------------------------------------------------------------------


def test_createuser_creates_a_user_with_the_roles(db):
    out, _ = _run(
        "kefu_createuser", "wangwu", "--role", "agent", "--role", "qa",
        "--password", STRONG, "--name", "王五", "--email", "wangwu@example.com",
    )  # fmt: skip
    user = User.objects.get(username="wangwu")
    assert user.role_codes == ["agent", "qa"]
    assert user.check_password(STRONG)
    assert user.display_name == "王五"
    assert user.email == "wangwu@example.com"
    assert "wangwu" in out


def test_createuser_refuses_an_unknown_role_with_the_known_roles_listed(db):
    with pytest.raises(CommandError) as refused:
        _run("kefu_createuser", "lisi", "--role", "boss", "--password", STRONG)
    message = str(refused.value)
    assert "Unknown role: boss" in message
    assert "agent" in message
    assert "admin" in message
    assert not User.objects.filter(username="lisi").exists()


def test_createuser_refuses_a_taken_username(db):
    _run("kefu_createuser", "wangwu", "--role", "agent", "--password", STRONG)
    with pytest.raises(CommandError):
        _run("kefu_createuser", "wangwu", "--role", "qa", "--password", STRONG)
    assert User.objects.get(username="wangwu").role_codes == ["agent"]


def test_createuser_refuses_a_weak_password(db):
    with pytest.raises(CommandError):
        _run("kefu_createuser", "wangwu", "--role", "agent", "--password", "123")
    assert not User.objects.filter(username="wangwu").exists()


def test_createuser_without_a_password_and_without_a_terminal_fails(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--password"):
        _run("kefu_createuser", "wangwu", "--role", "agent")


def test_createuser_asks_twice_on_a_terminal(db, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([STRONG, STRONG])
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    _run("kefu_createuser", "wangwu", "--role", "agent")
    assert User.objects.get(username="wangwu").check_password(STRONG)


def test_createuser_refuses_two_different_passwords(db, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([STRONG, STRONG + "x"])
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="do not match"):
        _run("kefu_createuser", "wangwu", "--role", "agent")
    assert not User.objects.filter(username="wangwu").exists()


# ---- kefu serve (its preparation; the processes are tested in test_serve.py) ------------


@pytest.fixture
def commands_run(monkeypatch):
    calls: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr(
        serve, "call_command", lambda name, *args, **options: calls.append((name, options))
    )
    return calls


def test_serve_on_a_new_install_migrates_collects_static_files_and_loads_the_demo(
    db, settings, tmp_path, commands_run
):
    settings.STATIC_ROOT = tmp_path
    serve.Command(stdout=io.StringIO())._prepare()
    assert [name for name, _ in commands_run] == ["migrate", "collectstatic", "demo"]
    assert commands_run[0][1]["interactive"] is False
    assert not commands_run[2][1].get("logins_only")


def test_serve_with_users_and_static_files_only_migrates_and_shows_the_demo_logins(
    db, settings, tmp_path, commands_run
):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text("{}")
    create_user(actor=None, username="admin", password=STRONG, roles=["admin"])
    serve.Command(stdout=io.StringIO())._prepare()
    assert [name for name, _ in commands_run] == ["migrate", "demo"]
    assert commands_run[1][1]["logins_only"] is True


def test_serve_builds_the_gunicorn_and_huey_commands_with_the_same_python():
    web = serve.gunicorn_command("::1", 8123, 3)
    assert web[:4] == [sys.executable, "-m", "gunicorn", "kefu.wsgi:application"]
    assert web[web.index("--bind") + 1] == "[::1]:8123"
    assert web[web.index("--workers") + 1] == "3"
    assert web[web.index("--threads") + 1] == "4"
    assert web[web.index("--access-logfile") + 1] == "-"
    assert serve.huey_command() == [sys.executable, "-m", "kefu.cli", "run_huey"]


def test_serve_stops_the_other_child_and_fails_when_one_child_dies(monkeypatch):
    monkeypatch.setattr(serve.Command, "_prepare", lambda self: None)
    monkeypatch.setattr(
        serve, "gunicorn_command", lambda *a: [sys.executable, "-c", "import time; time.sleep(60)"]
    )
    monkeypatch.setattr(
        serve,
        "huey_command",
        lambda: [sys.executable, "-c", "import sys, time; time.sleep(0.5); sys.exit(3)"],
    )
    started = []
    real_start = serve.start

    def start(command):
        started.append(real_start(command))
        return started[-1]

    monkeypatch.setattr(serve, "start", start)
    with pytest.raises(CommandError, match="exited with code 3"):
        call_command("serve", stdout=io.StringIO(), stderr=io.StringIO())
    assert len(started) == 2
    assert [p.poll() for p in started] == [-signal.SIGTERM, 3]
