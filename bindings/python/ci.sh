#!/usr/bin/env bash
# The Python package's CI step (called by .ci/run after `cargo test`, which builds the CLI the
# tests compare against): a Java runtime for Spark, a virtualenv with the pinned requirements,
# the extension built by maturin, then pytest (exit 5, "no tests", fails like any error).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
venv="${SPINSCAN_PY_VENV:-${TMPDIR:-/tmp}/spinscan-py-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# shellcheck disable=SC1091
. "$venv/bin/activate"
pip install -q -r requirements-test.txt
# The dev profile (the dictionary's build script is optimized in every profile) and the root
# build's target directory, whose compiled dependencies it reuses: CI time, not speed, matters here.
CARGO_TARGET_DIR="$(cd ../.. && pwd)/target" maturin develop -q
pytest -q tests
