"""voila.json: the hosting settings the dashboard relies on."""

import importlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_voila_json_hosting_settings():
    config = json.loads((ROOT / "voila.json").read_text())
    voila = config["VoilaConfiguration"]
    assert voila["strip_sources"] is True
    assert voila["show_tracebacks"] is False
    assert voila["preheat_kernel"] is True and voila["default_pool_size"] >= 2
    culling = config["MappingKernelManager"]
    # A closed tab must not keep a kernel alive for long.
    assert 0 < culling["cull_idle_timeout"] <= 300
    assert 0 < culling["cull_interval"] <= culling["cull_idle_timeout"]
    assert culling["cull_connected"] is False
    executor = config["VoilaExecutor"]
    assert 0 < executor["timeout"] <= 300
    # Under a workshop burst the kernels' output arrives late: the default 4-second
    # iopub wait silently dropped the dashboard, leaving visitors with an empty page.
    assert executor["iopub_timeout"] >= 30 and executor["startup_timeout"] >= 60


def test_kernels_use_unix_sockets_and_the_visitor_manager():
    config = json.loads((ROOT / "voila.json").read_text())
    # Dozens of kernels starting at once raced for TCP ports ("Address already in use").
    assert config["KernelManager"]["transport"] == "ipc"
    # A visitor handed a long-pooled kernel must not lose it before their page connects.
    manager = config["VoilaConfiguration"]["multi_kernel_manager_class"]
    module, name = manager.rsplit(".", 1)
    assert getattr(importlib.import_module(module), name).__name__ == "VisitorKernelManager"
