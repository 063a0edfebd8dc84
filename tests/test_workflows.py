"""Validate the GitHub Actions workflows without GitHub.

Reviewers rely on these workflows to see a change's effect safely, so the suite checks them
the way a security reviewer would: two independent tools from PyPI (zizmor's offline audits
and the SchemaStore workflow schema bundled with check-jsonschema), plus plain-Python checks
of the project's own rules that neither tool enforces (pins carry a version comment, Pages
permissions live in one job, CI runs the README's commands).

Each tool is also run once on a deliberately bad workflow, so a tool that silently checks
nothing makes the suite fail instead of passing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
DEPLOY = WORKFLOWS / "deploy.yml"

SHA_RE = re.compile(r"^[0-9a-f]{40}$")
VERSION_RE = re.compile(r"^v\d+(\.\d+)*$")
# A `uses:` line, optionally a list item, with an optional trailing comment.
USES_LINE_RE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?:\s+#\s*(?P<comment>.*))?$")
BLOCKING_SEVERITIES = {"medium", "high"}
DANGEROUS_TRIGGERS = {"pull_request_target", "workflow_run"}
# The only write grants any workflow may hold: Pages publishing, in deploy.yml's deploy job.
ALLOWED_WRITE_GRANTS = {("deploy.yml", "deploy"): {"pages", "id-token"}}

BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


# --------------------------------------------------------------------------- helpers


def workflow_files() -> list[Path]:
    """Every workflow file, so a workflow added later is held to the same rules."""
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a YAML mapping"
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` section as a dict; YAML 1.1 reads the bare key `on` as the boolean True."""
    raw = workflow.get("on", workflow.get(True))
    if isinstance(raw, str):
        return {raw: None}
    if isinstance(raw, list):
        return dict.fromkeys(raw)
    return dict(raw or {})


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow.get("jobs", {}).values() for step in job.get("steps", [])]


def using(step_list: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    """The steps that run `action` (an `owner/repo` without the ref)."""
    return [step for step in step_list if step.get("uses", "").partition("@")[0] == action]


def run_scripts(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def uses_refs(workflow: dict[str, Any]) -> set[str]:
    """Actions referenced by steps and reusable workflows referenced by jobs."""
    refs = {step["uses"] for step in steps(workflow) if "uses" in step}
    refs |= {job["uses"] for job in workflow.get("jobs", {}).values() if "uses" in job}
    return refs


def is_local(ref: str) -> bool:
    return ref.startswith("./")


def pin_problems(text: str) -> list[str]:
    """Every `uses:` that is not `owner/repo@<40-hex sha> # vX[.Y.Z]`.

    Works on the raw text because YAML parsing drops the version comment that tells a reader
    (and Dependabot) which release the SHA stands for.
    """
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = USES_LINE_RE.match(line)
        if not match or is_local(match["ref"]):
            continue
        ref, comment = match["ref"].strip("'\""), (match["comment"] or "").strip()
        _, _, version = ref.partition("@")
        if not SHA_RE.match(version):
            problems.append(f"line {number}: {ref} is not pinned to a full commit SHA")
        if not VERSION_RE.match(comment.split()[0] if comment else ""):
            problems.append(f"line {number}: {ref} lacks a '# vX.Y.Z' version comment")
    return problems


def text_uses_refs(text: str) -> set[str]:
    refs = set()
    for line in text.splitlines():
        match = USES_LINE_RE.match(line)
        if match:
            refs.add(match["ref"].strip("'\""))
    return refs


def write_grants(permissions: Any) -> set[str]:
    """Scopes granted `write` by one `permissions:` value (`write-all` counts as everything)."""
    if permissions == "write-all":
        return {"*"}
    if isinstance(permissions, dict):
        return {scope for scope, level in permissions.items() if level == "write"}
    return set()


def grant_problems(name: str, workflow: dict[str, Any]) -> list[str]:
    problems = []
    if write_grants(workflow.get("permissions")):
        problems.append(f"{name}: top-level permissions grant write")
    for job_id, job in workflow.get("jobs", {}).items():
        granted = write_grants(job.get("permissions"))
        allowed = ALLOWED_WRITE_GRANTS.get((name, job_id), set())
        if granted - allowed:
            problems.append(f"{name}: job {job_id} grants write to {sorted(granted - allowed)}")
    return problems


def tool(name: str) -> str:
    """Path of a CLI installed with the test extras; fail (not skip) when it is missing."""
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: it belongs to the test extras (pip install {name})")
    return found


def zizmor_findings(target: Path) -> list[dict[str, Any]]:
    """zizmor's offline audits as JSON; --no-config so no config file can switch audits off."""
    result = subprocess.run(
        [
            tool("zizmor"),
            "--offline",
            "--no-config",
            "--no-progress",
            "--no-exit-codes",
            "--format",
            "json",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"zizmor could not run offline:\n{result.stderr}"
    return json.loads(result.stdout)


def blocking(findings: list[dict[str, Any]]) -> list[str]:
    return [
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']}"
        for f in findings
        if f["determinations"]["severity"].lower() in BLOCKING_SEVERITIES
    ]


def check_schema(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# --------------------------------------------------------------------------- external tools


def test_both_workflows_exist() -> None:
    assert {CI, DEPLOY} <= set(workflow_files())


def test_zizmor_reports_nothing_at_medium_or_above() -> None:
    findings = zizmor_findings(WORKFLOWS)
    assert blocking(findings) == []


def test_zizmor_catches_a_bad_workflow(tmp_path: Path) -> None:
    """Proves zizmor really audits offline here, so the clean result above means something."""
    (tmp_path / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    idents = {f["ident"] for f in zizmor_findings(tmp_path / "bad.yml")}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses"} <= idents


def test_workflows_match_the_github_workflow_schema() -> None:
    result = check_schema(*workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_malformed_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: nope\n", "utf-8")
    result = check_schema(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "steps" in result.stdout


# --------------------------------------------------------------------------- pins


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_sha_with_its_version(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert pin_problems(text) == []
    # The line scan must have seen every reference the YAML contains (no flow-style escape).
    assert text_uses_refs(text) == uses_refs(load(path))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("      - uses: actions/checkout@v4", 2),
        ("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", 1),
        ("      - uses: actions/checkout@main # v4.2.2", 1),
        ("        uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", 0),
        ("      - uses: ./.github/actions/local", 0),
    ],
)
def test_pin_check_tells_pinned_from_unpinned(line: str, expected: int) -> None:
    assert len(pin_problems(line)) == expected


# --------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_default_token_is_read_only(path: Path) -> None:
    assert load(path).get("permissions") == {"contents": "read"}


def test_write_grants_only_for_pages_in_the_deploy_job() -> None:
    problems = [p for path in workflow_files() for p in grant_problems(path.name, load(path))]
    assert problems == []
    deploy_job = load(DEPLOY)["jobs"]["deploy"]
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}


def test_grant_check_flags_pages_write_outside_the_deploy_job() -> None:
    workflow = {
        "permissions": "write-all",
        "jobs": {"build": {"permissions": {"contents": "read", "pages": "write"}}},
    }
    assert len(grant_problems("ci.yml", workflow)) == 2


# --------------------------------------------------------------------------- triggers and safety


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_trigger_runs_untrusted_code_with_privileges(path: Path) -> None:
    assert DANGEROUS_TRIGGERS.isdisjoint(triggers(load(path)))


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_expression_is_spliced_into_a_shell_script(path: Path) -> None:
    """`${{ }}` inside `run:` is template injection; values must reach the shell through env."""
    assert [script for script in run_scripts(load(path)) if "${{" in script] == []


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkout_leaves_no_token_behind(path: Path) -> None:
    checkouts = using(steps(load(path)), "actions/checkout")
    assert checkouts
    assert all(s.get("with", {}).get("persist-credentials") is False for s in checkouts)


def test_ci_uses_no_secrets() -> None:
    assert "secrets." not in CI.read_text(encoding="utf-8")


def test_ci_triggers_and_concurrency() -> None:
    ci = load(CI)
    assert {"pull_request", "push"} <= set(triggers(ci))
    assert ci["concurrency"] == {
        "group": "ci-${{ github.workflow }}-${{ github.ref }}",
        "cancel-in-progress": True,
    }


def test_deploy_triggers_and_concurrency() -> None:
    deploy = load(DEPLOY)
    on = triggers(deploy)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


# --------------------------------------------------------------------------- what the jobs do


def command_positions(scripts: list[str], commands: list[str]) -> list[int]:
    joined = "\n".join(scripts)
    return [joined.find(command) for command in commands]


def test_ci_runs_the_readme_commands_in_order() -> None:
    commands = ["make install", "make lint", "make test", "make build"]
    positions = command_positions(run_scripts(load(CI)), commands)
    assert -1 not in positions, dict(zip(commands, positions, strict=True))
    assert positions == sorted(positions)


def test_ci_provides_chromium_for_the_browser_tests() -> None:
    script = "\n".join(run_scripts(load(CI)))
    assert "/usr/bin/chromium --version" in script
    assert "apt-get install -y chromium" in script


def test_ci_writes_the_report_to_the_job_summary() -> None:
    report_steps = [s for s in steps(load(CI)) if "annotate report" in s.get("run", "")]
    assert len(report_steps) == 2, "one report against the PR base, one for pushes"
    against_base = [s for s in report_steps if "--base" in s["run"]]
    assert len(against_base) == 1
    assert against_base[0]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert "github.event_name == 'pull_request'" in against_base[0]["if"]
    assert all('>> "$GITHUB_STEP_SUMMARY"' in s["run"] for s in report_steps)
    assert all("--format markdown" in s["run"] for s in report_steps)


def test_ci_checks_out_the_history_the_report_compares_with() -> None:
    [checkout] = using(load(CI)["jobs"]["check"]["steps"], "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0


def test_ci_uploads_the_site_and_the_offline_zip() -> None:
    uploads = [step["with"] for step in using(steps(load(CI)), "actions/upload-artifact")]
    paths = {upload["path"] for upload in uploads}
    assert "site/" in paths
    assert any(path.endswith(".zip") for path in paths)
    assert all(upload.get("if-no-files-found") == "error" for upload in uploads)


def test_ci_keeps_the_build_cache_between_runs() -> None:
    """``.cache/annotate/`` is restored before the build and saved after it, under a key made of what decides
    its files; the job summary says how long the build took and whether the cache was warm."""
    check = load(CI)["jobs"]["check"]["steps"]
    [restore] = using(check, "actions/cache/restore")
    [save] = using(check, "actions/cache/save")
    assert restore["with"]["path"] == save["with"]["path"] == ".cache/annotate/"
    key = restore["with"]["key"]
    for decides in ("requirements.lock", "mkdocs.yml", "docs/**/*.yml", "docs/**/*.txt", "src/annotate/"):
        assert decides in key
    prefix = restore["with"]["restore-keys"].strip()
    assert key.startswith(prefix) and "hashFiles" not in prefix  # cache files are content-addressed
    assert save["with"]["key"] == "${{ steps." + restore["id"] + ".outputs.cache-primary-key }}"
    assert "cache-hit != 'true'" in save["if"] and "steps.build.outcome == 'success'" in save["if"]
    names = [s.get("name", "") for s in check]
    first_make = next(i for i, s in enumerate(check) if "make " in s.get("run", ""))
    assert names.index(restore["name"]) < first_make
    [summary] = [s for s in check if "build-stats.json" in s.get("run", "")]
    assert names.index(restore["name"]) < names.index(summary["name"]) < names.index(save["name"])
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"] and "total_seconds" in summary["run"]
    assert set(summary["env"].values()) == {
        "${{ steps.annotate-cache.outputs.cache-hit }}",
        "${{ steps.annotate-cache.outputs.cache-matched-key }}",
    }
    # Deploy keeps no cache: nothing another run wrote may change what gets published.
    assert not [s for s in steps(load(DEPLOY)) if s.get("uses", "").startswith("actions/cache")]


def test_ci_builds_with_properdocs_too() -> None:
    """A job of its own compares the ProperDocs build with the MkDocs build (``make properdocs``)."""
    jobs = load(CI)["jobs"]
    [job] = [job for job in jobs.values() if any("make properdocs" in s.get("run", "") for s in job["steps"])]
    assert job is not jobs["check"]
    [setup] = using(job["steps"], "actions/setup-python")
    assert "requirements-properdocs.lock" in setup["with"]["cache-dependency-path"]


def test_deploy_builds_then_publishes_site() -> None:
    jobs = load(DEPLOY)["jobs"]
    build_steps = jobs["build"]["steps"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert any("make build" in s.get("run", "") for s in build_steps)
    [pages_upload] = using(build_steps, "actions/upload-pages-artifact")
    assert pages_upload["with"]["path"] == "site/"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # The job holding the Pages token runs no project code.
    assert all("run" not in s for s in deploy["steps"])
