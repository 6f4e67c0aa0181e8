"""deploy/: every hosting file parses, holds the settings it promises, and opens the dashboard."""

from __future__ import annotations

import ast
import configparser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DASHBOARD_PATH = "voila/render/notebooks/dashboard.ipynb"
DASHBOARD_URL = "/" + DASHBOARD_PATH


def deploy_files(*suffixes):
    return sorted(p for p in DEPLOY.rglob("*") if p.is_file() and p.suffix in suffixes)


def test_every_hosting_way_is_there():
    expected = {
        "README.md",
        "binder/README.md",
        "nginx/interview-closer.conf",
        "systemd/interview-closer.service",
        "jupyterhub/jupyterhub_config.py",
        "z2jh/config.yaml",
    }
    present = {p.relative_to(DEPLOY).as_posix() for p in DEPLOY.rglob("*") if p.is_file()}
    assert expected <= present


def test_only_known_kinds_of_file():
    # Every config file must be one this module knows how to check.
    for path in DEPLOY.rglob("*"):
        if path.is_file():
            assert path.suffix in {".md", ".conf", ".service", ".py", ".yaml"}, path


# --- YAML ---------------------------------------------------------------------
@pytest.mark.parametrize("path", deploy_files(".yaml", ".yml"), ids=lambda p: p.name)
def test_yaml_parses(path):
    assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)


def test_z2jh_values():
    values = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert single["defaultUrl"] == DASHBOARD_URL
    assert single["image"]["name"] and single["image"]["tag"] != "latest"
    assert isinstance(single["image"]["tag"], str)
    cull = values["cull"]
    assert cull["enabled"] is True and cull["timeout"] > 0 and cull["every"] > 0
    server = single["extraFiles"]["voila-hosting"]
    assert server["mountPath"].endswith(".json")
    kernels = server["data"]["MappingKernelManager"]
    assert kernels["cull_idle_timeout"] == voila_json()["MappingKernelManager"]["cull_idle_timeout"]
    assert kernels["cull_connected"] is False


# --- Python -------------------------------------------------------------------
@pytest.mark.parametrize("path", deploy_files(".py"), ids=lambda p: p.name)
def test_python_compiles(path):
    source = path.read_text(encoding="utf-8")
    compile(ast.parse(source, filename=str(path)), str(path), "exec")


def test_jupyterhub_config_values():
    from traitlets.config import Config

    config = Config()
    path = DEPLOY / "jupyterhub" / "jupyterhub_config.py"
    exec(
        compile(path.read_text(encoding="utf-8"), str(path), "exec"), {"get_config": lambda: config}
    )
    assert config.Spawner.default_url == DASHBOARD_URL
    # default_url is relative to notebook_dir, the checkout of this repository.
    assert config.Spawner.notebook_dir.endswith("/interview-closer")
    assert (ROOT / DASHBOARD_URL.removeprefix("/voila/render/")).is_file()
    (culler,) = config.JupyterHub.services
    assert "jupyterhub_idle_culler" in culler["command"]
    assert any(arg.startswith("--timeout=") for arg in culler["command"])
    (role,) = config.JupyterHub.load_roles
    assert role["services"] == [culler["name"]]
    assert "delete:servers" in role["scopes"] and "admin:users" not in role["scopes"]
    args = " ".join(config.Spawner.args)
    assert "--VoilaConfiguration.show_tracebacks=False" in args
    assert "--MappingKernelManager.cull_idle_timeout=120" in args


# --- systemd ------------------------------------------------------------------
def read_unit(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


@pytest.mark.parametrize("path", deploy_files(".service"), ids=lambda p: p.name)
def test_systemd_unit_parses(path):
    unit = read_unit(path)
    assert {"Unit", "Service", "Install"} <= set(unit.sections())
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            assert " #" not in line, f"systemd has no end-of-line comments: {line!r}"


def test_systemd_runs_closer_serve():
    unit = read_unit(DEPLOY / "systemd" / "interview-closer.service")
    service = unit["Service"]
    assert re.fullmatch(r"/\S+/closer serve --no-browser", service["ExecStart"])
    assert service["User"] != "root"
    assert service["Restart"] in {"on-failure", "always"}
    assert unit["Install"]["WantedBy"] == "multi-user.target"


# --- nginx --------------------------------------------------------------------
def parse_nginx(text):
    """nginx config as nested (name, args, children-or-None); checks braces and semicolons."""
    text = re.sub(r"#[^\n]*", "", text)
    tokens = re.findall(r"'[^']*'|\"[^\"]*\"|[{};]|[^\s{};]+", text)
    stack = [[]]
    words = []
    for token in tokens:
        if token == ";":
            assert words, "empty statement"
            stack[-1].append((words[0], words[1:], None))
            words = []
        elif token == "{":
            assert words, "block without a name"
            block = (words[0], words[1:], [])
            stack[-1].append(block)
            stack.append(block[2])
            words = []
        elif token == "}":
            assert not words, f"missing ';' after {' '.join(words)}"
            assert len(stack) > 1, "unbalanced '}'"
            stack.pop()
        else:
            words.append(token)
    assert not words, f"missing ';' after {' '.join(words)}"
    assert len(stack) == 1, "unclosed '{'"
    return stack[0]


def directives(tree, name):
    return [args for key, args, children in tree if key == name and children is None]


def blocks(tree, name):
    return [
        (args, children) for key, args, children in tree if key == name and children is not None
    ]


@pytest.mark.parametrize("path", deploy_files(".conf"), ids=lambda p: p.name)
def test_nginx_braces_and_semicolons(path):
    assert parse_nginx(path.read_text(encoding="utf-8"))


def test_parser_catches_mistakes():
    with pytest.raises(AssertionError):
        parse_nginx("server { listen 80 }")
    with pytest.raises(AssertionError):
        parse_nginx("server { listen 80;")
    with pytest.raises(AssertionError):
        parse_nginx("listen 80; }")


def test_nginx_proxies_websockets_to_the_dashboard():
    tree = parse_nginx((DEPLOY / "nginx" / "interview-closer.conf").read_text(encoding="utf-8"))
    (mapping,) = blocks(tree, "map")
    assert mapping[0] == ["$http_upgrade", "$connection_upgrade"]
    https = [
        body for _, body in blocks(tree, "server") if ["443", "ssl"] in directives(body, "listen")
    ]
    assert len(https) == 1
    server = https[0]
    assert directives(server, "client_max_body_size") == [["2m"]]
    locations = {tuple(args): body for args, body in blocks(server, "location")}
    assert set(locations) == {
        ("=", "/"),
        ("/",),
        ("=", "/logout"),
        ("~", "^/voila/templates/[^/]+/static/?$"),
    }
    for unused in (("=", "/logout"), ("~", "^/voila/templates/[^/]+/static/?$")):
        assert directives(locations[unused], "return") == [["404"]]
    location = locations[("/",)]
    assert directives(location, "proxy_pass") == [["http://127.0.0.1:8866"]]
    assert ["1.1"] in directives(location, "proxy_http_version")
    headers = {args[0]: args[1:] for args in directives(location, "proxy_set_header")}
    assert headers["Upgrade"] == ["$http_upgrade"]
    assert headers["Connection"] == ["$connection_upgrade"]
    assert headers["Host"] == ["$host"]
    ((timeout,),) = directives(location, "proxy_read_timeout")
    assert int(timeout.rstrip("s")) >= 600  # a quiet visitor keeps their websocket
    # The page that starts a kernel is rate-limited per address; connections are capped.
    page = locations[("=", "/")]
    assert directives(page, "proxy_pass") == [["http://127.0.0.1:8866"]]
    ((zone, burst, _),) = directives(page, "limit_req")
    assert zone == "zone=closer_pages" and int(burst.split("=")[1]) >= 30  # a room's burst
    assert directives(server, "limit_conn") == [["closer_conns", "60"]]
    zones = [args[1] for args in directives(tree, "limit_req_zone")]
    assert zones == ["zone=closer_pages:10m"]


# --- documentation ------------------------------------------------------------
def voila_json():
    return json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))


def test_binder_readme_gives_the_dashboard_link():
    text = (DEPLOY / "binder" / "README.md").read_text(encoding="utf-8")
    assert f"?urlpath={DASHBOARD_PATH}" in text
    assert "environment.yml" in text
    assert (ROOT / "environment.yml").is_file()


def test_readme_explains_every_voila_setting_with_its_value():
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for section, settings in voila_json().items():
        for name, value in settings.items():
            shown = json.dumps(value)
            row = next((line for line in text.splitlines() if f"`{section}.{name}`" in line), None)
            assert row is not None, f"{section}.{name} is not explained in deploy/README.md"
            assert f"`{shown}`" in row, f"deploy/README.md shows another value for {name}"
    for part in ("binder/README.md", "nginx/", "systemd/", "jupyterhub/", "z2jh/"):
        assert part in text
    assert DASHBOARD_PATH in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_knows_every_key(tmp_path):
    # ExecStart points at the install on the server; verify a copy running /bin/true instead.
    unit = (DEPLOY / "systemd" / "interview-closer.service").read_text(encoding="utf-8")
    copy = tmp_path / "interview-closer.service"
    copy.write_text(re.sub(r"(?m)^ExecStart=.*$", "ExecStart=/bin/true", unit), encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    assert "Unknown" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr


# --- a live workshop: the class folder -------------------------------------------
def _spawner(name):
    from types import SimpleNamespace

    return SimpleNamespace(
        user=SimpleNamespace(name=name), volumes=[], volume_mounts=[], environment={}
    )


def test_systemd_offers_the_class_folder_in_the_state_directory():
    unit = read_unit(DEPLOY / "systemd" / "interview-closer.service")
    state = "/var/lib/" + unit["Service"]["StateDirectory"]
    text = (DEPLOY / "systemd" / "interview-closer.service").read_text(encoding="utf-8")
    (line,) = [x for x in text.splitlines() if x.startswith("#ExecStart=") and "--class" in x]
    command = line.removeprefix("#ExecStart=").split()
    assert command[1:3] == ["serve", "--no-browser"]
    folder = command[command.index("--class") + 1]
    assert folder.startswith(state + "/")  # the one writable place under ProtectSystem=strict
    assert unit["Service"]["ProtectSystem"] == "strict"
    assert "journalctl" in text and "counsellor=" in text


def _hub_config(source):
    from traitlets.config import Config

    config = Config()
    namespace = {"get_config": lambda: config}
    exec(compile(source, "jupyterhub_config.py", "exec"), namespace)
    return config, namespace


def test_jupyterhub_class_folder_is_off_until_set_then_one_folder_per_user():
    source = (DEPLOY / "jupyterhub" / "jupyterhub_config.py").read_text(encoding="utf-8")
    config, _ = _hub_config(source)
    assert "environment" not in config.Spawner and "pre_spawn_hook" not in config.Spawner
    on = source.replace("CLASS_DIR = None", 'CLASS_DIR = "/srv/closer-class"', 1)
    config, namespace = _hub_config(on)
    folder_of = config.Spawner.environment["CLOSER_CLASS_DIR"]
    assert folder_of(_spawner("alice")) == "/srv/closer-class/alice"
    (counsellor,) = namespace["COUNSELLORS"]
    assert folder_of(_spawner(counsellor)) == "/srv/closer-class"
    for hostile in ("../root", "a/b", "", "Alice Smith"):
        with pytest.raises(ValueError):
            folder_of(_spawner(hostile))
    assert config.Spawner.pre_spawn_hook is namespace["make_class_folder"]


def test_z2jh_mounts_only_the_users_own_class_subfolder():
    values = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    source = values["hub"]["extraConfig"]["closer-class"]
    config, _ = _hub_config("c = get_config()\n" + source)
    assert "pre_spawn_hook" not in config.KubeSpawner  # off until a claim is named
    on = source.replace('CLOSER_CLASS_CLAIM = ""', 'CLOSER_CLASS_CLAIM = "closer-class"', 1)
    config, namespace = _hub_config("c = get_config()\n" + on)
    hook = config.KubeSpawner.pre_spawn_hook
    participant, counsellor = _spawner("alice"), _spawner(next(iter(namespace["COUNSELLORS"])))
    hook(participant)
    hook(counsellor)
    (mount,) = participant.volume_mounts
    assert mount["subPath"] == "class/{username}" and mount["mountPath"] == "/srv/closer-class"
    assert counsellor.volume_mounts[0]["subPath"] == "class"
    assert participant.environment["CLOSER_CLASS_DIR"] == "/srv/closer-class"
    (volume,) = participant.volumes
    assert volume["persistentVolumeClaim"]["claimName"] == "closer-class"


def test_readme_explains_the_class_folder_everywhere():
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## 4. A live workshop") : text.index("## The settings")]
    for needle in (
        "--class DIR",
        "#counsellor=",
        "CLOSER_CLASS_DIR",
        "systemd",
        "JupyterHub",
        "Zero to JupyterHub",
        "live_class.ipynb",
    ):
        assert needle in section, needle
    assert (ROOT / "notebooks" / "workshop" / "live_class.ipynb").is_file()
