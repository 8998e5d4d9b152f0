"""Validate rendered Kubernetes manifests offline; print one JSON report on stdout.

Built-in kinds: the published Kubernetes OpenAPI schemas (kubernetes-validate, strict: unknown
fields are errors). Prometheus-operator kinds: the models generated from its published CRDs
(cloudcoil-models-prometheus-operator); a field the model does not know is dropped on the round trip,
so "round trip equals input" is the strict check. CloudNativePG kinds: no published schema is
installable from a package registry, so they are reported as ``unchecked`` and the test suite
checks their content instead.

    python validate.py --kubernetes-version 1.35 rendered.yaml …
"""

from __future__ import annotations

import argparse
import json
import sys

import kubernetes_validate
import yaml
from cloudcoil.models.prometheus_operator import v1 as prometheus_v1


def check(doc: dict, version: str) -> tuple[str, str]:
    api, kind = doc.get("apiVersion", ""), doc.get("kind", "")
    if api.startswith("monitoring.coreos.com/"):
        model = getattr(prometheus_v1, kind, None)
        if model is None:
            return "error", f"no model for {api} {kind}"
        try:
            back = model.model_validate(doc).model_dump(mode="json", by_alias=True, exclude_unset=True)
        except Exception as exc:  # pydantic's ValidationError names the field
            return "error", str(exc)
        return ("ok", "") if back == doc else ("error", "fields unknown to the published schema were dropped")
    if api.startswith("postgresql.cnpg.io/"):
        return "unchecked", "CloudNativePG: checked by the test suite"
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as exc:
        return "error", f"{'.'.join(map(str, exc.path))}: {exc.message}"
    except kubernetes_validate.SchemaNotFoundError:
        return "error", f"no schema for {api} {kind}"
    return "ok", ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kubernetes-version", default="1.35")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    report = []
    for name in args.files:
        with open(name, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                if doc:
                    status, detail = check(doc, args.kubernetes_version)
                    report.append({"file": name, "kind": doc["kind"], "name": doc["metadata"]["name"],
                                   "status": status, "detail": detail})
    json.dump(report, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
