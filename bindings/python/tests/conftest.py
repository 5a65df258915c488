"""Shared helpers: where the repository, ../shared and the CLI binary are."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"


def shared(rel: str) -> Path:
    """A file of ../shared (the evaluation material beside the repository). CI and every
    developer have it, so a missing file fails the test that needs it, never a silent skip."""
    path = SHARED / rel
    assert path.exists(), f"{path} is missing: ../shared must sit beside the repository"
    return path


def abc_documents() -> list:
    """The ABC news corpus, one document per non-blank line."""
    lines = shared("data/clean/abc-news-2001.txt").read_text(encoding="utf-8").splitlines()
    docs = [line for line in lines if line.strip()]
    assert len(docs) > 200, len(docs)
    return docs


def cli_binary() -> Path:
    """The spinscan CLI: $SPINSCAN_BIN, else the newer of target/release and target/debug.
    A missing binary fails the test (build it with `cargo build --release`)."""
    if os.environ.get("SPINSCAN_BIN"):
        path = Path(os.environ["SPINSCAN_BIN"])
        assert path.exists(), f"SPINSCAN_BIN={path} does not exist"
        return path
    found = [REPO / "target" / p / "spinscan" for p in ("release", "debug")]
    found = [p for p in found if p.exists()]
    assert found, "no spinscan binary: run `cargo build --release` or set SPINSCAN_BIN"
    return max(found, key=lambda p: p.stat().st_mtime)


def run_cli(args: list, stdin: bytes = b"") -> bytes:
    """Runs the CLI; exit status 0 (nothing spun) or 1 (something spun) is success."""
    proc = subprocess.run(
        [str(cli_binary()), *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr.decode(errors="replace"))
    return proc.stdout


def code_points(text: str):
    """Maps a byte offset of `text` (UTF-8) to its code point offset."""
    encoded = text.encode("utf-8")
    return lambda byte: len(encoded[:byte].decode("utf-8"))


@pytest.fixture(scope="session")
def detector():
    import spinscan

    return spinscan.Detector()
