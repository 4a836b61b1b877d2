"""deploy/nginx.conf on loopback: Debian's nginx in front of StepWise's replicas, for the tests and
`make bench`.

The configuration is the repository's own, rendered: only the lines marked ``# rendered`` change
(the listening address, the replicas' ports, the pid and log files and nginx's temporary folders
go to a scratch folder, so nginx runs without root and touches nothing of the machine's own).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.client import ROOT, free_port

CONF = ROOT / "deploy" / "nginx.conf"
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/bin/nginx")


def nginx_binary() -> str:
    """Debian's nginx (``make nginx`` installs it); an error, never a skip, when it is missing."""
    found = shutil.which("nginx") or next((p for p in NGINX_PATHS if Path(p).exists()), None)
    if found is None:
        raise RuntimeError("nginx not found: install Debian's nginx (make nginx, or apt-get install -y nginx).")
    return found


def render(listen: int, replicas: list[int], prefix: Path) -> str:
    """deploy/nginx.conf with loopback ports and every file it writes inside ``prefix``."""
    out: list[str] = []
    servers_done = False
    for line in CONF.read_text().splitlines():
        if "# rendered" not in line:
            out.append(line)
            if line.strip() == "http {":
                out += [f"    {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")]
            continue
        indent = line[: len(line) - len(line.lstrip())]
        word = line.split()[0]
        if word == "worker_processes":
            out.append(f"{indent}worker_processes 1;")
        elif word == "pid":
            out.append(f"{indent}pid {prefix / 'nginx.pid'};")
        elif word == "error_log":
            level = line.split(";")[0].split()[-1]
            out.append(f"{indent}error_log {prefix / 'error.log'} {level};")
        elif word == "access_log":
            fmt = line.split(";")[0].split()[-1]
            out.append(f"{indent}access_log {prefix / 'access.log'} {fmt};")
        elif word == "include":
            if Path(line.split()[1].rstrip(";")).exists():
                out.append(line)
        elif word == "server":
            if not servers_done:  # the compose file's replicas, replaced by ours
                params = re.sub(r"^\s*server\s+\S+\s*", "", line.split(";")[0])
                out += [f"{indent}server 127.0.0.1:{port} {params};" for port in replicas]
                servers_done = True
        elif word == "listen":
            out.append(f"{indent}listen 127.0.0.1:{listen};")
        else:
            raise ValueError(f"deploy/nginx.conf: no rule to render {line.strip()!r}")
    return "\n".join(out) + "\n"


@dataclass
class Balancer:
    proc: subprocess.Popen
    port: int
    prefix: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "error.log"

    def logs(self) -> str:
        return "".join(p.read_text() for p in (self.access_log, self.error_log) if p.exists())

    def stop(self) -> None:
        self.proc.terminate()  # nginx's fast shutdown; its workers follow the master
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.prefix, ignore_errors=True)


def start_balancer(replicas: list[int], port: int | None = None) -> Balancer:
    """nginx in the foreground with deploy/nginx.conf, on a free loopback port (or ``port``: a
    restart on the same one), in front of ``replicas`` (ports of running servers); returns once
    /_stcore/health answers through it."""
    binary = nginx_binary()
    prefix = Path(tempfile.mkdtemp(prefix="stepwise-nginx-"))
    prefix.chmod(0o755)  # nginx's workers (nobody, when started as root) write its temporary files here
    port = port or free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(render(port, replicas, prefix))
    cmd = [binary, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"), "-g", "daemon off;"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=(prefix / "stderr.log").open("w"))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return Balancer(proc, port, prefix)
        except OSError:
            time.sleep(0.1)
    proc.kill()
    problem = (prefix / "stderr.log").read_text() + (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
    raise RuntimeError(f"nginx did not start in front of {replicas}: {problem.strip()[-500:]}")
