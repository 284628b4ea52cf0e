"""Deployment files: compose, Kubernetes manifests, Prometheus config and alert rules (promtool)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from .conftest import ROOT

DEPLOY = ROOT / "deploy"


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI (.ci/run installs Debian's prometheus package)")
        pytest.skip(f"{tool} not installed")
    return path


def test_compose_names_the_services_and_ports_of_the_readme():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"gateway", "redis", "prometheus", "grafana"}
    ports = {name: [p.split(":")[0] for p in svc.get("ports", [])] for name, svc in services.items()}
    assert ports == {"gateway": ["8080"], "redis": ["6379"], "prometheus": ["9090"], "grafana": ["3000"]}
    readme = (ROOT / "README.md").read_text()
    assert "gateway :8080, redis :6379, prometheus :9090, grafana :3000" in readme
    env = services["gateway"]["environment"]
    assert env["REDIS_URL"].startswith("redis://redis:") and "UPSTREAM_URL" in env
    for vol in services["gateway"]["volumes"] + services["prometheus"]["volumes"] + services["grafana"]["volumes"]:
        assert (ROOT / vol.split(":")[0]).exists(), vol


def test_dockerfiles_install_the_package_and_serve():
    cpu = (ROOT / "Dockerfile").read_text()
    gpu = (ROOT / "Dockerfile.gpu").read_text()
    for df in (cpu, gpu):
        assert re.search(r"COPY detectors", df) and "prompt-gateway" in df and "EXPOSE 8080" in df
    assert "onnxruntime-gpu" in gpu and "nvidia/cuda" in gpu
    # The fp16 export stage runs `gateway.cli`, which imports the service: it must install the package
    # (and so every runtime dependency), not a hand-kept list of packages that misses some.
    export_stage = gpu.split("FROM ", 2)[1]
    assert "export-gpu" in export_stage and re.search(r"pip install \.(\[[a-z,]+\])?\s", export_stage)


def _docs(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def test_kubernetes_manifests():
    kinds = {}
    for f in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in _docs(f):
            assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"], f
            kinds.setdefault(doc["kind"], []).append(doc)
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap", "ServiceMonitor"} <= set(kinds)
    gpu_seen = False
    for dep in kinds["Deployment"]:
        spec = dep["spec"]
        assert spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items()
        (c,) = spec["template"]["spec"]["containers"]
        assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert c["resources"]["requests"]["cpu"] and c["resources"]["limits"]["memory"]
        gpu_seen |= "nvidia.com/gpu" in c["resources"]["limits"]
    assert gpu_seen
    policy = yaml.safe_load(kinds["ConfigMap"][0]["data"]["policy.yaml"])
    from gateway.policy import Policy

    Policy.model_validate(policy)
    hpa = kinds["HorizontalPodAutoscaler"][0]
    assert hpa["spec"]["scaleTargetRef"]["name"] in {d["metadata"]["name"] for d in kinds["Deployment"]}


def test_example_policy_is_valid():
    from gateway.policy import load_policy

    load_policy(DEPLOY / "policy.yaml")


def test_promtool_checks_config_and_rules():
    promtool = need("promtool")
    prom_dir = DEPLOY / "prometheus"
    for args in (["check", "config", "prometheus.yml"], ["check", "rules", "alerts.yml"],
                 ["test", "rules", "alerts_test.yml"]):
        proc = subprocess.run([promtool, *args], cwd=prom_dir, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dashboard_is_generated_from_its_source():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_dashboard", DEPLOY / "grafana" / "build_dashboard.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    committed = json.loads((DEPLOY / "grafana" / "dashboards" / "prompt-gateway.json").read_text())
    assert committed == mod.build()
    prov = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text())
    assert prov["datasources"][0]["uid"] == "prometheus"
