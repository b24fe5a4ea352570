"""The GitHub workflows (structure, pins, permissions, caches, job summary), Dependabot, the
pre-commit hook, and the commands CONTRIBUTING.md names."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from eventsite import changes, cli, escaping, github, scaffold
from eventsite.loader import parse_site, read_site
from eventsite.problems import Problem

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
EXAMPLE = ROOT / "data" / "events.example.yaml"
SHELL_SEPARATORS = {"&&", "||", ";", "|"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands() -> Iterator[tuple[str, str]]:
    """(where, shell text) for every command the workflows and the pre-commit hook run."""
    for path in (PULL_REQUEST, DEPLOY):
        for step in steps(load(path)):
            if "run" in step:
                yield path.name, step["run"]
    for repo in load(PRE_COMMIT)["repos"]:
        for hook in repo["hooks"]:
            yield PRE_COMMIT.name, hook["entry"]


def make_targets_called(text: str) -> list[str]:
    return [target for match in re.finditer(r"(?<![\w./-])make((?:[ \t]+[A-Za-z][\w.-]*)+)", text)
            for target in match.group(1).split()]


def eventsite_calls(text: str) -> list[list[str]]:
    """The arguments of every `python -m eventsite ...` in a shell text."""
    calls = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        for index in range(len(words) - 2):
            if words[index].endswith("python") and words[index + 1:index + 3] == ["-m", "eventsite"]:
                rest = words[index + 3:]
                end = next((at for at, word in enumerate(rest) if word in SHELL_SEPARATORS), len(rest))
                calls.append(rest[:end])
    return calls


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set()
    for match in re.finditer(r"^([A-Za-z][\w.-]*(?:[ \t]+[A-Za-z][\w.-]*)*)[ \t]*:(?!=)", text, re.MULTILINE):
        targets.update(match.group(1).split())
    return targets


def cli_subcommands(capsys: pytest.CaptureFixture[str]) -> set[str]:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    usage = capsys.readouterr().out
    choices = re.search(r"\{([\w,-]+)\}", usage)
    assert choices, usage
    return set(choices.group(1).split(","))


def test_the_workflows_and_the_pre_commit_config_are_valid_yaml() -> None:
    for path in (PULL_REQUEST, DEPLOY, PRE_COMMIT):
        assert load(path), path.name
    for path in (PULL_REQUEST, DEPLOY):
        workflow = load(path)
        assert workflow["name"] and workflow["jobs"], path.name
        for job in workflow["jobs"].values():
            assert job["runs-on"] == "ubuntu-latest"
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), step


def test_every_make_target_they_run_is_in_the_makefile() -> None:
    targets = makefile_targets()
    assert {"site", "serve", "test", "validate", "translations", "schema"} <= targets
    called = [(where, target) for where, text in commands() for target in make_targets_called(text)]
    assert {target for _where, target in called} >= {"validate", "site", "test"}
    assert [(where, target) for where, target in called if target not in targets] == []


def test_every_eventsite_command_they_run_is_accepted_by_the_cli(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    subcommands = cli_subcommands(capsys)
    assert {"validate", "translations", "schema", "changes", "new-event"} <= subcommands
    seen: list[argparse.Namespace] = []
    for name in [name for name in dir(cli) if name.startswith("run_")]:
        monkeypatch.setattr(cli, name, lambda args: seen.append(args) or 0)
    calls = [(where, call) for where, text in commands() for call in eventsite_calls(text)]
    assert {call[0] for _where, call in calls} == {"validate", "changes"}
    for where, call in calls:
        assert call[0] in subcommands, (where, call)
        assert cli.main(call) == 0, (where, call)  # argparse exits with 2 on an unknown option
        assert seen[-1].command == call[0]


def test_the_pull_request_workflow_checks_reports_builds_tests_and_keeps_a_preview_on_debian() -> None:
    workflow = load(PULL_REQUEST)
    assert "pull_request" in triggers(workflow)
    all_steps = steps(workflow)
    checkout = next(step for step in all_steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    # Debian 12 with Python 3.11, as root, like the project's own CI (chromium comes from apt),
    # pinned by digest: a tag is moved by every rebuild of the image.
    image, _, digest = workflow["jobs"]["check"]["container"].partition("@")
    assert image == "python:3.11-bookworm" and re.fullmatch(r"sha256:[0-9a-f]{64}", digest)
    runs = [step.get("run", "") for step in all_steps]
    order = [next(index for index, run in enumerate(runs) if marker in run)
             for marker in ("eventsite validate", "eventsite changes", "make site", "make test")]
    assert order == sorted(order)
    report = next(step for step in all_steps if "eventsite changes" in step.get("run", ""))
    assert report["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert eventsite_calls(report["run"]) == [["changes", "--github", "--summary", "$GITHUB_STEP_SUMMARY",
                                               "--max-annotations", "10", "--base", "origin/$BASE_REF",
                                               "data/events.yaml"]]
    upload = next(step for step in all_steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert all_steps.index(upload) > order[-1]


def test_the_deploy_workflow_builds_with_the_pages_address_and_the_current_time() -> None:
    workflow = load(DEPLOY)
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert len(on["schedule"][0]["cron"].split()) == 5
    assert "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    pages = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/configure-pages@"))
    site = next(step for step in build["steps"] if step.get("run") == "make deploy-site")
    assert build["steps"].index(pages) < build["steps"].index(site)
    assert site["env"] == {"SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"}
    environments = [workflow.get("env", {}), build.get("env", {}), deploy.get("env", {})]
    environments += [step.get("env", {}) for step in build["steps"] + deploy["steps"]]
    assert not any("SOURCE_DATE_EPOCH" in env for env in environments)
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w.-]+)@(?P<ref>\S+)(?P<comment>.*)$", re.MULTILINE)


def test_every_action_is_an_official_one_pinned_to_a_full_commit_sha_with_its_version() -> None:
    found = []
    for path in (PULL_REQUEST, DEPLOY):
        text = path.read_text(encoding="utf-8")
        uses = list(USES.finditer(text))
        assert len(uses) == sum("uses" in step for step in steps(load(path))), path.name
        for match in uses:
            assert match["action"].startswith("actions/"), match.group()
            assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), match.group()
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", match["comment"]), match.group()
            found.append((match["action"], match["ref"], match["comment"]))
    assert len(found) >= 8
    # The same action at the same version has the same SHA everywhere.
    versions: dict[tuple[str, str], set[str]] = {}
    for action, ref, comment in found:
        versions.setdefault((action, comment), set()).add(ref)
    assert all(len(refs) == 1 for refs in versions.values()), versions


DEPENDABOT = ROOT / ".github" / "dependabot.yml"
ALL_UPDATE_TYPES = {f"version-update:semver-{kind}" for kind in ("major", "minor", "patch")}


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_dependabot_and_the_workflows_are_valid_for_github_by_their_schemas(tmp_path: Path) -> None:
    # SchemaStore's dependabot-2.0.json and github-workflow.json, vendored in check-jsonschema.
    result = check_jsonschema("vendor.dependabot", DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-workflows", PULL_REQUEST, DEPLOY)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "dependabot.yml"  # the check can fail: a cooldown of 0 days is refused
    broken.write_text(DEPENDABOT.read_text(encoding="utf-8").replace("default-days: 7", "default-days: 0", 1),
                      encoding="utf-8")
    assert check_jsonschema("vendor.dependabot", broken).returncode == 1


def test_dependabot_keeps_actions_pip_pre_commit_and_npm_current_in_one_pull_request_each() -> None:
    config = load(DEPENDABOT)
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "pre-commit", "npm"}
    for name, update in updates.items():
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly", name
        assert update["cooldown"]["default-days"] >= 7, name  # a new release waits a week (version updates)
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]], name  # one pull request
    ignored = {rule["dependency-name"]: rule for rule in updates["pip"].get("ignore", [])}
    assert ignored["mkdocs"]["versions"] == [">=2"]  # MkDocs 2 breaks Material
    npm_ignored = {rule["dependency-name"]: rule["versions"] for rule in updates["npm"].get("ignore", [])}
    assert npm_ignored == {"lighthouse": [">=13"], "yaml-language-server": [">=2"]}  # both need Node 22


def test_dependabot_never_proposes_a_pin_it_could_not_move_everywhere() -> None:
    # The hook is local: Dependabot leaves its additional_dependencies alone, so a pip version
    # update of a package pinned there too would fail the equality test below. Those are
    # bumped by hand (security updates still come, and that test says what to change).
    rules = {rule["dependency-name"]: rule for update in load(DEPENDABOT)["updates"]
             if update["package-ecosystem"] == "pip" for rule in update.get("ignore", [])}
    required = requirement_pins(ROOT / "requirements.txt") | requirement_pins(ROOT / "requirements-dev.txt")
    in_hook = {dependency.split("==")[0].lower() for dependency in pre_commit_hook()["additional_dependencies"]}
    copied = in_hook & set(required)
    assert copied == {"pyyaml", "babel"}
    for name in copied:
        assert set(rules[name]["update-types"]) == ALL_UPDATE_TYPES, name
        assert "versions" not in rules[name], name  # by kind of update (version updates), never by version


def test_the_deploy_workflow_has_least_privilege_permissions_that_work_on_private_repositories() -> None:
    workflow = load(DEPLOY)
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # configure-pages needs pages: read
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert load(PULL_REQUEST)["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in load(PULL_REQUEST)["jobs"].values())


def test_the_deploy_workflow_documents_the_60_day_suspension_of_scheduled_runs() -> None:
    text = DEPLOY.read_text(encoding="utf-8")
    assert "60 days" in text and "gh workflow enable deploy.yml" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "60 days" in readme and "gh workflow enable deploy.yml" in readme
    script = (ROOT / "overrides" / "assets" / "eventsite.js").read_text(encoding="utf-8")
    assert "upcoming" in script and "past" in script  # the pages relabel themselves meanwhile


def test_the_pull_request_workflow_caches_pip_and_the_node_tools() -> None:
    all_steps = steps(load(PULL_REQUEST))
    caches = {step["with"]["path"]: step for step in all_steps if step.get("uses", "").startswith("actions/cache@")}
    assert set(caches) == {"~/.cache/pip", "node_modules"}
    pip_key = caches["~/.cache/pip"]["with"]["key"]
    assert "hashFiles('requirements.txt', 'requirements-dev.txt', 'pyproject.toml')" in pip_key
    assert "package-lock.json" in caches["node_modules"]["with"]["key"]
    # A restored node_modules counts as installed, so `make test` does not run npm ci again.
    touch = next(step for step in all_steps if step.get("run") == "touch node_modules/.installed")
    assert touch["if"] == f"steps.{caches['node_modules']['id']}.outputs.cache-hit == 'true'"
    setup = next(step for step in all_steps if step.get("run") == "make .venv/.installed")
    assert all_steps.index(caches["~/.cache/pip"]) < all_steps.index(setup)
    assert all_steps.index(touch) < all_steps.index(next(s for s in all_steps if s.get("run") == "make test"))
    python = next(step for step in steps(load(DEPLOY)) if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    assert set(python["with"]["cache-dependency-path"].split()) == {"requirements.txt", "requirements-dev.txt",
                                                                    "pyproject.toml"}


def test_the_pull_request_workflow_writes_both_reports_to_the_job_summary() -> None:
    all_steps = steps(load(PULL_REQUEST))
    validate = next(step for step in all_steps if "eventsite validate" in step.get("run", ""))
    report = next(step for step in all_steps if "eventsite changes" in step.get("run", ""))
    for step in (validate, report):
        [call] = eventsite_calls(step["run"])
        assert call[call.index("--summary") + 1] == "$GITHUB_STEP_SUMMARY"
        assert call[call.index("--max-annotations") + 1] == "10"
        assert "--github" in call
    assert report["if"] == "${{ !cancelled() }}"  # the change report even when the data has errors


def requirement_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("#")[0].strip().split("==")
            pins[name.lower()] = version
    return pins


def pre_commit_hook() -> dict[str, Any]:
    [repo] = load(PRE_COMMIT)["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    return hook


def test_the_pre_commit_hook_installs_what_it_needs_itself_and_checks_both_data_files() -> None:
    hook = pre_commit_hook()
    assert hook["language"] == "python"  # pre-commit builds its own virtualenv: no project .venv on PATH
    assert hook["entry"] == "python -m eventsite validate"
    assert hook["pass_filenames"] is True
    pins = dict(dependency.split("==") for dependency in hook["additional_dependencies"])
    assert all(version for version in pins.values())
    required = requirement_pins(ROOT / "requirements.txt")
    assert {"pyyaml", "babel"} <= set(pins)
    for name in sorted(set(pins) & set(required)):
        assert pins[name] == required[name], (
            f"requirements.txt pins {name}=={required[name]} but the pre-commit hook pins {name}=={pins[name]}: "
            f"Dependabot does not update a local hook's additional_dependencies, so set the hook's line in "
            f".pre-commit-config.yaml to {name}=={required[name]} in the same pull request")
    files = re.compile(hook["files"])
    assert files.search("data/events.yaml") and files.search("data/events.example.yaml")
    assert not files.search("docs/en/index.md") and not files.search("eventsite/locales/site.yaml")
    assert not files.search("data/events.schema.json") and not files.search("data/translations.lock.yaml")


def test_the_hook_manifest_offers_the_same_check_to_other_repositories() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = pre_commit_hook()
    assert hook["id"] == local["id"] and hook["files"] == local["files"]
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    script, *arguments = hook["entry"].split()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"][script] == "eventsite.cli:main"
    assert arguments == ["validate"]


def test_pre_commit_itself_accepts_the_config_and_the_manifest() -> None:
    for command, path in (("validate-config", PRE_COMMIT), ("validate-manifest", ROOT / ".pre-commit-hooks.yaml")):
        result = subprocess.run([sys.executable, "-m", "pre_commit", command, str(path)], capture_output=True,
                                text=True, cwd=ROOT)
        assert result.returncode == 0, result.stdout + result.stderr


# Runs the hook's entry with only the hook's packages importable (what pre-commit installs).
ONLY_HOOK_PACKAGES = """
import importlib.abc, runpy, sys, sysconfig
allowed = set(sys.argv[1].split(","))
site = sysconfig.get_paths()["purelib"]
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        for finder in sys.meta_path[1:]:
            spec = getattr(finder, "find_spec", lambda *a: None)(name, path, target)
            if spec is not None:
                break
        else:
            return None
        where = spec.origin or ""
        if where.startswith(site) and top not in allowed:
            raise ModuleNotFoundError(f"{name} is not among the hook's additional_dependencies")
        return None
sys.meta_path.insert(0, Refuse())
sys.argv = ["eventsite", *sys.argv[2:]]
runpy.run_module("eventsite", run_name="__main__")
"""


def run_hook_entry(files: list[Path]) -> subprocess.CompletedProcess[str]:
    hook = pre_commit_hook()
    modules = {"yaml", "babel", "markupsafe", "tzdata", "_yaml"}
    assert {dependency.split("==")[0].lower() for dependency in hook["additional_dependencies"]} == \
        {"pyyaml", "babel", "markupsafe", "tzdata"}
    arguments = shlex.split(hook["entry"])[3:] + [str(path) for path in files]  # after `python -m eventsite`
    return subprocess.run([sys.executable, "-c", ONLY_HOOK_PACKAGES, ",".join(modules), *arguments],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_hook_entry_passes_the_real_files_and_fails_a_broken_example(tmp_path: Path) -> None:
    good = run_hook_entry([ROOT / "data" / "events.yaml", EXAMPLE])
    assert good.returncode == 0, good.stdout + good.stderr
    assert "events.yaml: OK" in good.stderr and "events.example.yaml: OK" in good.stderr
    broken = tmp_path / "data" / "events.example.yaml"
    broken.parent.mkdir()
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("    venue: palexpo\n", "    venue: palexpo-geneva\n",
                                                                  1), encoding="utf-8")
    result = run_hook_entry([ROOT / "data" / "events.yaml", broken])
    assert result.returncode == 1
    assert "events[0].venue: no venue has this id; did you mean 'palexpo'?" in result.stdout
    assert "events.yaml: OK" in result.stderr  # the good file is still checked and reported


def test_the_import_guard_of_the_hook_test_can_fail() -> None:
    result = subprocess.run([sys.executable, "-c", ONLY_HOOK_PACKAGES.replace(
        'runpy.run_module("eventsite", run_name="__main__")', "import icalendar"), "yaml"],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0 and "not among the hook's additional_dependencies" in result.stderr


def test_the_commands_in_contributing_exist(capsys: pytest.CaptureFixture[str]) -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    targets = makefile_targets()
    called = set(make_targets_called(text))
    assert {"validate", "serve", "translations", "site"} <= called
    assert called <= targets
    subcommands = cli_subcommands(capsys)
    used = set(re.findall(r"python -m eventsite ([\w-]+)", text))
    assert {"new-event", "changes"} <= used <= subcommands


@pytest.mark.parametrize(("old", "new"), [
    ('      en: "Deadline for speaking requests"', "      en: Deadline: speaking requests"),
    ('      fr: "Forum du SMSI 2026"\n', ""),
    ("    deadlines:                   # optional\n", "    deadline:                    # optional\n"),
    ("    venue: palexpo\n", "    venue: palexpo-geneva\n"),
])
def test_the_common_errors_in_contributing_are_what_the_validator_prints(tmp_path: Path, old: str,
                                                                         new: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "events.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _site, problems = read_site(path, "data/events.yaml")
    [problem] = problems
    assert problem.text() in CONTRIBUTING.read_text(encoding="utf-8")


def test_the_empty_text_and_guard_messages_in_contributing_are_current() -> None:
    contributing = CONTRIBUTING.read_text(encoding="utf-8")
    text, _line = scaffold.insert_event(EXAMPLE.read_text(encoding="utf-8"), "wsis-forum-2027",
                                        today=dt.date(2026, 4, 2), start="2027-07-05")
    _site, problems = parse_site(text.encode("utf-8"), "data/events.yaml")
    assert problems[0].text() in contributing
    fixtures = ROOT / "tests" / "fixtures" / "changes"
    for case in ("changed-without-revision", "removed"):
        review = changes.review_files((fixtures / f"{case}.before.yaml").read_bytes(),
                                      (fixtures / f"{case}.after.yaml").read_bytes(),
                                      file="data/events.yaml", base="origin/main")
        assert str(review.errors[0]) in contributing


# --- What the CLI prints on GitHub ----------------------------------------------------------

HOSTILE_KEY = "<img src=x onerror=alert(1)> @octocat [link](https://evil.example/) `code` | ::error::"


def fourteen_problems(tmp_path: Path) -> Path:
    """A fresh `new-event` in the example file (its empty texts) plus unknown keys with hostile names."""
    text, _line = scaffold.insert_event(EXAMPLE.read_text(encoding="utf-8"), "wsis-forum-2027",
                                        today=dt.date(2026, 4, 2), start="2027-07-05")
    text = text.replace("\nsite:\n", f'\nsite:\n  "{HOSTILE_KEY}": 1\n  "second\\nline %0A": 2\n', 1)
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_on_github_gives_10_annotations_a_pointer_and_all_14_problems_in_the_summary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = fourteen_problems(tmp_path)
    problems = read_site(path)[1]
    assert len(problems) == 14
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert cli.main(["validate", "--github", "--summary", str(summary), "--max-annotations", "10", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    commands_printed = [line for line in out if line.startswith("::")]
    assert len([line for line in commands_printed if line.startswith("::error ")]) == 10
    assert commands_printed[-1].startswith("::notice title=More problems in the job summary::")
    assert "4 more problems" in commands_printed[-1] and "all 14" in commands_printed[-1]
    assert len(commands_printed) == 11
    assert [line for line in out if not line.startswith("::")] == [escaping.log_line(str(problem))
                                                                   for problem in problems]

    text = summary.read_text(encoding="utf-8")
    assert text.startswith(f"earlier step\n## Data check: {escaping.markdown(str(path))}\n")  # appended
    items = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert len(items) == 14
    assert items == [f"{number}. {escaping.markdown(str(problem))}" for number, problem in enumerate(problems, 1)]
    assert "<img" not in text and "[link](" not in text and " @octocat" not in text and "\n::" not in text
    assert "\\@octocat" in text and "&lt;img" in text and "\\[link\\]" in text
    assert "**14 errors**: fix them and push again." in text


def test_without_github_no_annotation_is_printed_and_a_good_file_gets_an_ok_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "summary.md"
    assert cli.main(["validate", "--summary", str(summary), str(EXAMPLE)]) == 0
    assert "::" not in capsys.readouterr().out
    count = len(read_site(EXAMPLE)[0].events)
    assert summary.read_text(encoding="utf-8").splitlines()[2] == f"OK ({count} event{'s' if count != 1 else ''})."


def test_the_annotation_limit_is_exact_at_the_boundary() -> None:
    problems = read_site(EXAMPLE)[1]
    problem = Problem("data/events.yaml", 1, 1, "site", "x")
    assert github.annotation_lines([problem] * 10) == [problem.github_annotation()] * 10
    eleven = github.annotation_lines([problem] * 11)
    assert len(eleven) == 11 and eleven[-1].startswith("::notice ") and "1 more problem not" in eleven[-1]
    assert github.annotation_lines(problems) == []
