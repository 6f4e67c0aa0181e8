"""JupyterHub on one machine: a server per person that opens on the dashboard.

For a careers service or a course whose participants log in: each person gets
their own Jupyter server (and so their own kernels and, with a persistent home,
their own autosaves in JupyterLab), and lands on the Voilà dashboard. For
Kubernetes, use deploy/z2jh/config.yaml instead.

Run it with ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` after
``pip install jupyterhub jupyterhub-idle-culler`` in the hub's environment, with
Interview Closer installed (``pip install -e /opt/interview-closer``) in the
environment the users' servers run in.
"""

import os
import re
import sys

c = get_config()  # noqa: F821 -- JupyterHub defines get_config() when it loads this file

# Where the repository is checked out, readable by every user. The dashboard
# writes nothing to disk, so a read-only checkout is enough.
PROJECT = "/opt/interview-closer"

DASHBOARD_URL = "/voila/render/notebooks/dashboard.ipynb"
"""The dashboard, relative to the server's root folder (PROJECT)."""

# --- the users' servers -------------------------------------------------------
# Serve the project folder, and open the dashboard instead of JupyterLab. People
# doing self-study can still go to /lab from there.
c.Spawner.notebook_dir = PROJECT
c.Spawner.default_url = DASHBOARD_URL

# In server-extension mode Voilà looks for voila.json in the Jupyter config folders
# and the server's working folder (the user's home here), not in PROJECT; and the
# kernel culling and executor settings are the server's own. So pass the settings
# that matter on the command line. The preheated kernel pool is standalone-only:
# here the hub's spawn is the wait a visitor sees.
c.Spawner.args = [
    # Code stays on the server and errors show no Python traceback.
    "--VoilaConfiguration.strip_sources=True",
    "--VoilaConfiguration.show_tracebacks=False",
    # A dashboard cell running over three minutes is a bug: fail instead of hanging
    # (the margin, and the wait for output, are for bursts of visitors on a busy server).
    "--VoilaExecutor.timeout=180",
    "--VoilaExecutor.iopub_timeout=60",
    # Shut a kernel down 120 s after its tab was closed (idle and disconnected),
    # checking every 30 s; a connected kernel is never culled, however quiet.
    "--MappingKernelManager.cull_idle_timeout=120",
    "--MappingKernelManager.cull_interval=30",
    "--MappingKernelManager.cull_connected=False",
]

# Limits, enforced by spawners that support them (systemdspawner, dockerspawner...).
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_limit = 1.0

# A server takes a few seconds to start with ipywidgets, pandas and Voilà.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60

# --- a live workshop: the class folder (deploy/README.md, section 4) ----------
# Off until CLASS_DIR is set. Each participant's server is given a folder of its own,
# CLASS_DIR/<user>, that only they and the counsellors can open; a counsellor's server
# is given CLASS_DIR itself and opens the live class view at
# /user/NAME/voila/render/notebooks/workshop/live_class.ipynb.
CLASS_DIR = None  # e.g. "/srv/closer-class", mode 0751, group COUNSELLOR_GROUP
COUNSELLORS = {"counsellor"}
"""Hub user names of the counsellors (members of COUNSELLOR_GROUP)."""
COUNSELLOR_GROUP = "closer-counsellors"
USER_NAME = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")
"""What a Unix user name looks like: anything else gets no class folder."""


def class_folder(spawner) -> str:
    """The class folder a user's server is given (CLOSER_CLASS_DIR)."""
    name = spawner.user.name
    if name in COUNSELLORS:
        return CLASS_DIR
    if not USER_NAME.fullmatch(name):
        raise ValueError(f"no class folder for the user name {name!r}")
    return os.path.join(CLASS_DIR, name)


def make_class_folder(spawner) -> None:
    """Create CLASS_DIR/<user> and its reviews/: the user's, readable by the counsellors."""
    if spawner.user.name in COUNSELLORS:
        return
    import grp
    import pwd

    folder = class_folder(spawner)
    uid = pwd.getpwnam(spawner.user.name).pw_uid
    gid = grp.getgrnam(COUNSELLOR_GROUP).gr_gid
    for path in (folder, os.path.join(folder, "reviews")):
        os.makedirs(path, exist_ok=True)
        os.chown(path, uid, gid)
        os.chmod(path, 0o2770)  # user and counsellors only; new files keep the group


if CLASS_DIR:
    c.Spawner.environment = {"CLOSER_CLASS_DIR": class_folder}
    c.Spawner.pre_spawn_hook = make_class_folder

# --- stopping idle servers ----------------------------------------------------
# Kernel culling (above) frees kernels; the idle culler stops whole servers that
# nobody has used for an hour, so a workshop's servers do not linger for days.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            "--timeout=3600",
            "--cull-every=300",
        ],
    }
]
# The culler may only see activity and stop servers; it cannot delete users.
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

# --- the hub itself -----------------------------------------------------------
# Listen on localhost only and let nginx terminate HTTPS in front (as in
# deploy/nginx/interview-closer.conf, with proxy_pass to port 8000 instead).
c.JupyterHub.bind_url = "http://127.0.0.1:8000"

# Choose an authenticator for your organisation (OAuth, LDAP...). The default,
# PAM, logs people in with accounts on this machine.
# c.JupyterHub.authenticator_class = "oauthenticator.GenericOAuthenticator"
