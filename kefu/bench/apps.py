from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark (压力测试): the ``kefu bench`` command; no models."""

    name = "kefu.bench"
    label = "bench"
    verbose_name = "Benchmark"
