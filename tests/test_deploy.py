"""deploy/: the balancer's configuration and the compose file agree with each other and keep the link out of logs.

The balancer itself runs in tests/browser/test_nothing_lost.py (Debian's nginx, real replicas, Chromium).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from bench.balancer import CONF, nginx_binary, render

ROOT = Path(__file__).resolve().parent.parent
NGINX = CONF.read_text()
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


def test_nginx_logs_nothing_from_the_link():
    # The query string holds a student's scores and dates: no log line may carry it.
    formats = re.findall(r"log_format\s+\w+\s+((?:'[^']*'\s*)+);", NGINX)
    assert formats, "no log_format"
    for fmt in formats:
        for variable in ("$request ", '$request"', "$request_uri", "$args", "$query_string", "$http_referer", "$is_args"):
            assert variable not in fmt, variable
    assert re.search(r"^\s*access_log\s+\S+\s+stepwise;", NGINX, re.M), "the access log uses the format without the query"
    assert re.search(r"^\s*error_log\s+\S+\s+crit;", NGINX, re.M), "nginx's error messages quote the request line"


def test_the_balancer_forwards_websockets_with_long_timeouts_and_fails_over():
    stream = NGINX[NGINX.index("location /_stcore/stream") :]
    stream = stream[: stream.index("}")]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream and "proxy_set_header Connection $connection_upgrade;" in stream
    assert "proxy_read_timeout 1h;" in stream and "proxy_next_upstream error timeout;" in stream
    assert re.search(r"server stepwise:8501 max_fails=1 fail_timeout=\d+s;", NGINX)
    assert "hash $stepwise_route consistent;" in NGINX


def test_compose_runs_the_apps_image_behind_the_balancer_with_one_cookie_secret():
    services = COMPOSE["services"]
    app, balancer = services["stepwise"], services["balancer"]
    assert app["build"]["dockerfile"] == "Dockerfile" and app["deploy"]["replicas"] >= 2
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in app["environment"]
    assert "${STREAMLIT_SERVER_COOKIE_SECRET:?" in app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]  # no secret, no start
    assert "ports" not in app  # only the balancer is reached
    assert balancer["ports"] == ["8080:8080"] and re.search(r"^\s*listen 8080;", NGINX, re.M)
    dockerfile = (ROOT / balancer["build"]["dockerfile"]).read_text()
    assert "apt-get install" in dockerfile and "nginx" in dockerfile
    assert "COPY deploy/nginx.conf /etc/nginx/nginx.conf" in dockerfile


def test_the_rendered_configuration_is_valid_nginx(tmp_path):
    # The tests and benchmarks run deploy/nginx.conf rendered onto loopback ports; nginx itself checks it.
    conf = render(18080, [18501, 18502], tmp_path)
    assert "listen 127.0.0.1:18080;" in conf
    assert "server 127.0.0.1:18501 max_fails=1 fail_timeout=10s;" in conf and "server 127.0.0.1:18502" in conf
    assert "stepwise:8501" not in conf and "/run/" not in conf and "/dev/stdout" not in conf
    path = tmp_path / "nginx.conf"
    path.write_text(conf)
    check = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert check.returncode == 0, check.stderr
