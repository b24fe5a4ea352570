"""Packaging: the metadata in pyproject.toml, a warning-free `python -m build`, `--version`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import trove_classifiers
from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_metadata_has_a_readme_and_only_real_classifiers() -> None:
    project = PROJECT["project"]
    assert project["readme"] == "README.md" and (ROOT / "README.md").is_file()
    invalid = [name for name in project["classifiers"]
               if name not in trove_classifiers.classifiers and not name.startswith("Private ::")]
    assert invalid == []
    # Without a chosen licence the package must not reach an index by accident.
    if "license" not in project:
        assert "Private :: Do Not Upload" in project["classifiers"]


def test_version_comes_from_the_package_metadata() -> None:
    result = subprocess.run([sys.executable, "-m", "eventsite", "--version"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout.strip() == f"eventsite {metadata.version('eventsite')}"
    assert metadata.version("eventsite") == PROJECT["project"]["version"]


def test_build_gives_a_wheel_with_the_locales_and_no_warning(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    packages = PROJECT["tool"]["setuptools"]["packages"]
    for package in {name.split(".")[0] for name in packages}:
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    # --no-isolation: build with the pinned setuptools of requirements-dev.txt, without network.
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path / "dist"),
                             str(source)], capture_output=True, text=True, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), [line for line in output.splitlines() if "warn" in line.lower()]
    wheel = next((tmp_path / "dist").glob("eventsite-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    locales = sorted(path.name for path in (ROOT / "eventsite" / "locales").glob("*.yaml"))
    assert sorted(name.rsplit("/", 1)[1] for name in names if name.startswith("eventsite/locales/")
                  and name.endswith(".yaml")) == locales
    assert next((tmp_path / "dist").glob("eventsite-*.tar.gz"))
