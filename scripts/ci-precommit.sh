#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with real pre-commit and git, in a throwaway
# repository: a commit changing a Deployment whose NetworkPolicy and quota sit in an unchanged
# file passes the `parapet` hook; a commit adding an image with `:latest` fails with PIN504 on
# the right line. Needs pre-commit on PATH and the release binary in .build/release.
# Usage: scripts/ci-precommit.sh (from anywhere); the hook manifest is taken from HEAD.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
work=$(mktemp -d "${TMPDIR:-/tmp}/parapet-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PATH="$repo/.build/release:$PATH" PRE_COMMIT_HOME="$work/cache"
command -v parapet >/dev/null || { echo "pre-commit e2e: no parapet in $repo/.build/release" >&2; exit 1; }

mkdir "$work/project" && cd "$work/project"
git init -q
git config user.email ci@example.invalid
git config user.name "Parapet CI"
git config commit.gpgsign false

cat > policy.yaml <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: quota
  namespace: shop
spec:
  hard: {requests.cpu: "4", limits.memory: 16Gi}
YAML
cat > web.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      containers:
        - name: web
          image: registry.example.com/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          readinessProbe: {httpGet: {path: /healthz, port: 8080}}
          livenessProbe: {httpGet: {path: /healthz, port: 8080}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
YAML
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: parapet
YAML
git add -A
git commit -q -m "Initial manifests"
pre-commit install >/dev/null

# 1. Only web.yaml changes; its NetworkPolicy and ResourceQuota are in the unchanged policy.yaml.
sed -i 's/replicas: 1/replicas: 3/' web.yaml
git add web.yaml
if ! output=$(git commit -m "Scale web" 2>&1); then
  echo "$output"
  echo "pre-commit e2e: FAILED: a change to web.yaml was rejected although its policy is in policy.yaml" >&2
  exit 1
fi
echo "pre-commit e2e: a changed Deployment with its NetworkPolicy in an unchanged file passes"

# 2. A sidecar with a floating tag: the hook must fail with PIN504 on line 24, column 18.
cat >> web.yaml <<'YAML'
        - name: proxy
          image: envoyproxy/envoy:latest
          readinessProbe: {httpGet: {path: /ready, port: 9901}}
          livenessProbe: {httpGet: {path: /ready, port: 9901}}
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
YAML
git add web.yaml
if output=$(git commit -m "Add proxy" 2>&1); then
  echo "$output"
  echo "pre-commit e2e: FAILED: an image with :latest was committed" >&2
  exit 1
fi
if ! grep -q 'web.yaml:24:18: warning PIN504' <<<"$output"; then
  echo "$output"
  echo "pre-commit e2e: FAILED: the hook failed, but not with PIN504 at web.yaml:24:18" >&2
  exit 1
fi
grep -c ': warning ' <<<"$output" | grep -qx 1 || { echo "$output"; echo "pre-commit e2e: FAILED: expected exactly one finding" >&2; exit 1; }
echo "pre-commit e2e: an image with :latest is rejected with PIN504 at web.yaml:24:18"
