"""The GitHub workflows, the pre-commit hook and CONTRIBUTING.md run commands that exist."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from eventsite import changes, cli, scaffold
from eventsite.loader import parse_site, read_site

ROOT = Path(__file__).resolve().parent.parent
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
    # Debian 12 with Python 3.11, as root, like the project's own CI (chromium comes from apt).
    assert workflow["jobs"]["check"]["container"] == "python:3.11-bookworm"
    runs = [step.get("run", "") for step in all_steps]
    order = [next(index for index, run in enumerate(runs) if marker in run)
             for marker in ("make validate", "eventsite changes", "make site", "make test")]
    assert order == sorted(order)
    report = next(step for step in all_steps if "eventsite changes" in step.get("run", ""))
    assert report["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert eventsite_calls(report["run"]) == [["changes", "--base", "origin/$BASE_REF", "data/events.yaml"]]
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
    site = next(step for step in build["steps"] if step.get("run") == "make site")
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


def test_every_action_is_an_official_one_pinned_by_major_version() -> None:
    for path in (PULL_REQUEST, DEPLOY):
        for step in steps(load(path)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), (path.name, step["uses"])


def test_the_pre_commit_hook_validates_the_data_when_a_data_file_changes() -> None:
    config = load(PRE_COMMIT)
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook["language"] == "system"
    assert hook["entry"] == "python -m eventsite validate data/events.yaml"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("data/events.yaml") and files.search("data/events.example.yaml")
    assert not files.search("docs/en/index.md") and not files.search("eventsite/locales/site.yaml")


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
