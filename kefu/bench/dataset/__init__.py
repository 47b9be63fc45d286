"""Bench datasets (压测数据集): a realistic Kefu database of any size, built once and reused.

``ensure_dataset(database, work_orders, root=…)`` is the entry point of ``kefu bench``.
"""

from kefu.bench.dataset.ensure import Dataset, ensure_dataset

__all__ = ["Dataset", "ensure_dataset"]
