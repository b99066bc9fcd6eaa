"""The Kubernetes manifests (deploy/k8s/), offline: built as kustomize builds them (namespace, labels, image), each
validated against the Kubernetes schemas (kubernetes-validate, strict: no unknown field), and the properties the
deployment relies on: probes on the health endpoint under the path prefix, non-root, read-only root filesystem with
an emptyDir where something writes, the cookie secret from a Secret, resources sized from the capacity bench, an
Ingress with ingress-nginx's cookie affinity for long WebSocket sessions, an autoscaler, a disruption budget and a
rolling update that never take every replica, the same security headers as the nginx of deploy/cluster.py."""

from __future__ import annotations

import json
import re

import kubernetes_validate
import pytest
import yaml

from deploy import security
from tests.conftest import ROOT

K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33.0"  # the oldest release still supported upstream when this was written
BASE = "smt"


def _build() -> dict[str, dict]:
    """kind → resource, as ``kubectl apply -k deploy/k8s`` would send them (the transformations this kustomization
    uses: namespace, metadata labels, image)."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    labels = {k: v for entry in kustomization.get("labels", []) for k, v in entry["pairs"].items()}
    images = {i["name"]: f"{i['newName']}:{i['newTag']}" for i in kustomization.get("images", [])}
    out: dict[str, dict] = {}
    for name in kustomization["resources"]:
        for resource in yaml.safe_load_all((K8S / name).read_text()):
            if resource["kind"] != "Namespace":
                resource["metadata"]["namespace"] = kustomization["namespace"]
            resource["metadata"].setdefault("labels", {}).update(labels)
            for container in resource.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
                container["image"] = images.get(container["image"], container["image"])
            assert resource["kind"] not in out
            out[resource["kind"]] = resource
    return out


RESOURCES = _build()


def _capacity() -> dict:
    return json.loads((ROOT / "bench" / "results" / "capacity.json").read_text())


def _mi(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_every_manifest_is_valid_for_kubernetes(kind):
    kubernetes_validate.validate(RESOURCES[kind], KUBERNETES_VERSION, strict=True)


def test_the_kustomization_lists_what_a_deployment_needs():
    assert set(RESOURCES) == {"Namespace", "ConfigMap", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
                              "PodDisruptionBudget"}
    assert "Secret" not in RESOURCES  # secrets are created by hand (README), never committed


def _pod():
    return RESOURCES["Deployment"]["spec"]["template"]


def _container():
    (container,) = _pod()["spec"]["containers"]
    return container


def test_probes_use_the_health_endpoint_under_the_prefix():
    container = _container()
    assert container["command"][-6:] == ["--port", "8501", "--base-path", BASE, "--address", "0.0.0.0"]
    assert [p["containerPort"] for p in container["ports"] if p["name"] == "http"] == [8501]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": f"/{BASE}/_stcore/health", "port": "http"}, probe
    # Liveness is more patient than readiness: a busy replica leaves the rotation before anyone restarts it.
    live, ready = container["livenessProbe"], container["readinessProbe"]
    assert live["periodSeconds"] * live["failureThreshold"] > ready["periodSeconds"] * ready["failureThreshold"]
    # The image's own health check reads the same endpoint.
    assert f"/{BASE}/_stcore/health" in (ROOT / "deploy" / "Dockerfile").read_text()


def test_non_root_read_only_and_writable_only_in_an_empty_dir():
    pod, container = _pod()["spec"], _container()
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    uid = re.search(r"--uid (\d+)", (ROOT / "deploy" / "Dockerfile").read_text()).group(1)
    assert pod["securityContext"]["runAsUser"] == int(uid)  # the image's user
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False
    ctx = container["securityContext"]
    assert ctx["readOnlyRootFilesystem"] is True and ctx["allowPrivilegeEscalation"] is False
    assert ctx["capabilities"]["drop"] == ["ALL"] and not ctx.get("privileged")
    volumes = {v["name"]: v for v in pod["volumes"]}
    writable = [m for m in container["volumeMounts"] if not m.get("readOnly")]
    assert writable and all("emptyDir" in volumes[m["name"]] for m in writable)
    assert {m["mountPath"] for m in writable} == {"/tmp"}
    env = {e["name"]: e for e in container["env"]}
    assert env["HOME"]["value"].startswith("/tmp")


def test_secrets_come_from_secrets():
    env = {e["name"]: e for e in _container()["env"]}
    ref = env["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"]["secretKeyRef"]
    assert ref == {"name": "smt-dashboard", "key": "cookie-secret"}
    # Sign-in's [auth] section: an optional secret mounted as a folder (absent: the folder is empty, the app open).
    volumes = {v["name"]: v for v in _pod()["spec"]["volumes"]}
    mount = next(m for m in _container()["volumeMounts"] if m["name"] == "auth")
    assert volumes["auth"]["secret"] == {"secretName": "smt-dashboard-auth", "optional": True, "defaultMode": 0o440}
    assert mount["readOnly"] is True and "subPath" not in mount
    assert env["STREAMLIT_SECRETS_FILES"]["value"] == mount["mountPath"] + "/secrets.toml"
    config = RESOURCES["ConfigMap"]["data"]
    assert config["SMT_ALLOWED_EMAILS"] == ""  # a list without the secret would close the app (see access.py)
    assert config["SMT_PUBLIC_URL"].endswith("/" + BASE)
    assert _container()["envFrom"] == [{"configMapRef": {"name": RESOURCES["ConfigMap"]["metadata"]["name"]}}]


def test_resources_are_sized_from_the_capacity_bench():
    resources = _container()["resources"]
    # A replica is one Python process: about one core at most (the GIL); request and limit one core.
    assert resources["requests"]["cpu"] == resources["limits"]["cpu"] == "1"
    capacity = _capacity()
    shipped = next(r for r in capacity["runs"] if r["name"].startswith("one replica (production"))
    at_capacity = max((lv for lv in shipped["levels"] if lv["sessions"] <= max(capacity["sessions_per_replica"], 1)),
                      key=lambda lv: lv["sessions"])
    peak_rss = max(lv["rss_mb"] for lv in shipped["levels"])
    assert _mi(resources["requests"]["memory"]) >= 1.5 * at_capacity["rss_mb"]
    assert _mi(resources["limits"]["memory"]) >= 2 * peak_rss
    assert _mi(resources["limits"]["memory"]) >= _mi(resources["requests"]["memory"])


def test_service_and_ingress_reach_the_pods_with_cookie_affinity():
    pod_labels = _pod()["metadata"]["labels"]
    service = RESOURCES["Service"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert RESOURCES["Deployment"]["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    (port,) = service["spec"]["ports"]
    assert port["targetPort"] == "http"
    ingress = RESOURCES["Ingress"]
    assert ingress["spec"]["ingressClassName"] == "nginx"
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert path["path"] == f"/{BASE}" and path["pathType"] == "Prefix"
    assert path["backend"]["service"] == {"name": service["metadata"]["name"], "port": {"name": port["name"]}}
    notes = {k.removeprefix("nginx.ingress.kubernetes.io/"): v for k, v in ingress["metadata"]["annotations"].items()}
    assert notes["affinity"] == "cookie" and notes["affinity-mode"] == "persistent"
    assert notes["session-cookie-name"] and notes["session-cookie-path"] == f"/{BASE}"
    assert notes["session-cookie-change-on-failure"] == "true"
    assert int(notes["proxy-read-timeout"]) >= 3600 and int(notes["proxy-send-timeout"]) >= 3600  # meeting-long
    assert notes["proxy-body-size"] == "1m"  # request size limit, as deploy/nginx.conf.template
    assert "configuration-snippet" not in notes  # snippets are off by default in ingress-nginx
    assert ingress["spec"]["tls"][0]["hosts"] == [rule["host"]]


def test_no_update_or_disruption_takes_every_replica():
    deployment, hpa, pdb = RESOURCES["Deployment"], RESOURCES["HorizontalPodAutoscaler"], RESOURCES[
        "PodDisruptionBudget"]
    rolling = deployment["spec"]["strategy"]["rollingUpdate"]
    assert deployment["spec"]["strategy"]["type"] == "RollingUpdate"
    assert rolling["maxUnavailable"] == 0 and rolling["maxSurge"] >= 1
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": deployment["metadata"]["name"]}
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu" and 0 < metric["resource"]["target"]["averageUtilization"] <= 80
    assert hpa["spec"]["behavior"]["scaleDown"]["policies"] == [{"type": "Pods", "value": 1, "periodSeconds": 300}]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= _pod()["metadata"]["labels"].items()
    # With at least two replicas, at most one may be taken at a time: never all of them.
    assert pdb["spec"].get("maxUnavailable") == 1 or pdb["spec"].get("minAvailable", 0) >= 1
    assert deployment["spec"]["replicas"] >= 2


def test_the_ingress_controller_sends_the_proxys_security_headers():
    (headers,) = yaml.safe_load_all((K8S / "controller" / "security-headers.yaml").read_text())
    kubernetes_validate.validate(headers, KUBERNETES_VERSION, strict=True)
    assert headers["data"] == security.security_headers()
    assert "X-Replica" not in headers["data"]
