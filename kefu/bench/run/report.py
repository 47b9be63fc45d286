"""Bench report (压测报告): per-scenario figures from the clients' results, as a table or JSON."""

from __future__ import annotations

import math
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` in 0…1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def figures(result: dict[str, Any], floor: dict[str, Any] | None) -> dict[str, Any]:
    """One scenario's line: latency percentiles, throughput, errors and its SQL floor."""
    latencies: list[float] = result["latencies_ms"]
    seconds = result["seconds"] or 1.0
    p50 = round(percentile(latencies, 0.5), 2) if latencies else None
    sql_ms = floor["sql_ms"] if floor else None
    return {
        "p50_ms": p50,
        "p95_ms": round(percentile(latencies, 0.95), 2) if latencies else None,
        "rps": round(result["requests"] / seconds, 1),
        "errors": result["errors"],
        "sql_ms": sql_ms,
        "ratio": round(p50 / sql_ms, 1) if p50 and sql_ms else None,
        "requests": result["requests"],
        "clients": result["clients"],
        "seconds": round(seconds, 2),
        "queries": floor.get("queries") if floor else None,
        "floor_statuses": floor.get("statuses") if floor else None,
        "floor_seconds": floor.get("seconds") if floor else None,
        # CPU of the load process over the measured window, in % of one core (100 = one core
        # busy: the client would be the bottleneck).
        "client_cpu_pct": round(100 * result["client_cpu_seconds"] / seconds, 1),
        "error_samples": result["error_samples"]
        + ([f"sql floor: {floor['error']}"] if floor and floor.get("error") else []),
    }


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


def table(report: dict[str, Any]) -> str:
    header = ("scenario", "p50 ms", "p95 ms", "rps", "errors", "sql_ms", "p50/sql", "client cpu%")
    rows = [
        (name, _cell(s["p50_ms"]), _cell(s["p95_ms"]), _cell(s["rps"]), _cell(s["errors"]),
         _cell(s["sql_ms"]), _cell(s["ratio"]), _cell(s["client_cpu_pct"]))
        for name, s in report["scenarios"].items()
    ]  # fmt: skip
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    dataset = report["dataset"]
    rss = report["rss_mb_per_worker"]
    lines = [
        f"database {report['database']}, dataset {dataset.get('fingerprint')} "
        f"({dataset.get('work_orders', '?')} work orders, "
        f"seeded in {dataset.get('seed_seconds')} s)",
        line(header),
        *(line(r) for r in rows),
        f"RSS per web worker: max {rss.get('max')} MiB, each {rss.get('each')}",
    ]
    for name, s in report["scenarios"].items():
        lines += [f"  {name}: {sample}" for sample in s["error_samples"]]
    return "\n".join(lines)
