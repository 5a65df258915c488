#!/bin/bash
# Per-register false flags: every directory built by examples/evaluate/registers/build.py, as --clean-dir.
# Usage: bash examples/evaluate/registers/run.sh [evaluate options...]
set -e
cd "$(dirname "$0")/../../.."
args=()
for d in eval-out/registers/*/; do
  args+=(--clean-dir "$(basename "$d")=$d")
done
exec cargo run --release --example evaluate -- "${args[@]}" "$@"
