"""The site's own names are not bulletin names, and a failed build never leaves half a site."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.config import load_config
from sitebuild import ROOT, make_project, run_build

from annotate import edition
from annotate.config import load_settings
from annotate.project import Project
from annotate.reader import InputError

MARCH = (ROOT / "docs/bulletins/2026-03.txt").read_bytes()
SMALL = "标题甲\n\n正文一段。\n".encode()


def load_project(project: Path) -> Project:
    """The Simplified edition's project as the hook loads it, from the project's own mkdocs.yml."""
    config = load_config(str(project / "mkdocs.yml"))
    return Project.load(load_settings(config.extra), project, Path(config.docs_dir), edition.SIMPLIFIED)


def test_every_top_level_output_is_reserved(march_site: Path) -> None:
    """Everything a real build writes at an edition's root, other than the bulletins' folders, is a name
    no slug may take: a new output cannot silently collide with a bulletin later."""
    project = load_project(march_site.parent / "project")
    project.build("site")
    reserved = project.reserved_names()
    slugs = {b.slug for b in project.site.bulletins}
    for root in (march_site, march_site / "zh-Hant"):
        outputs = [p.name for p in root.iterdir() if p.name not in slugs]
        assert outputs and all(name.lower() in reserved for name in outputs), (
            root, [name for name in outputs if name.lower() not in reserved])


@pytest.mark.parametrize(
    "name",
    ["pagefind.txt", "downloads.txt", "glossary.html.txt", "glossary.txt", "sitemap.xml.txt",
     "sitemap.xml.gz.txt", "404.html.txt", "404.txt", "search.txt", "assets.txt", "index.html.txt",
     "index.txt", "zh-Hant.txt", "zh-hant.txt", "Pagefind.txt"],
)
def test_a_bulletin_named_like_a_site_output_is_refused(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path, {"2026-04.txt": SMALL, name: SMALL})
    with pytest.raises(InputError) as info:
        load_project(project).build("site")
    message = str(info.value)
    assert message.startswith(f"{project / 'docs/bulletins' / name}: "), message
    assert Path(name).stem.lower() in message and "slug" in message and "\n" not in message


def test_names_near_the_site_outputs_are_allowed(tmp_path: Path) -> None:
    """Only the site's own names are refused: not the stems of docs/ data files, not longer names."""
    names = ["conversion.txt", "glossary-2026.txt", "searching.txt", "index-2.txt", "zh-hant-2026.txt"]
    project = make_project(tmp_path, dict.fromkeys(names, SMALL))
    site = load_project(project).build("site")
    assert sorted(b.slug for b in site.bulletins) == sorted(Path(name).stem for name in names)


def test_a_sidecar_slug_like_a_site_output_names_the_sidecar_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"2026-04.txt": SMALL})
    (project / "docs/bulletins/2026-04.yml").write_text("title: 特刊\nslug: pagefind\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_project(project).build("site")
    assert str(info.value).startswith(f"{project / 'docs/bulletins/2026-04.yml'}:2: "), str(info.value)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# A hook added to the test project that fails late in the build, after MkDocs has written pages.
FAILING_HOOK = textwrap.dedent('''
    import logging
    import os

    MODE = os.environ.get("ANNOTATE_TEST_FAIL", "")


    def on_page_markdown(markdown, page, config, files):
        if MODE == "traditional" and config.theme["language"] == "zh-Hant" and page.file.src_uri == "glossary.md":
            raise RuntimeError("injected failure while the Traditional edition is written")
        return markdown


    def on_post_build(config):
        if config.theme["language"] != "zh-Hans":  # the nested Traditional build
            return
        if MODE == "warning":
            logging.getLogger("mkdocs.plugins.failing").warning("injected warning: strict mode aborts")
        if MODE == "interrupt":
            raise KeyboardInterrupt
''')


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once into its default ``site/`` (no ``-d``), with a hidden file and a stale page
    in ``site/`` beforehand, and the failing hook installed (inactive without its variable)."""
    project = make_project(tmp_path_factory.mktemp("safety"), {"2026-03.txt": MARCH})
    (project / "hooks/failing_hook.py").write_text(FAILING_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - hooks/annotate_hook.py\n",
                                   "  - hooks/annotate_hook.py\n  - hooks/failing_hook.py\n"), encoding="utf-8")
    site = project / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / "stale.html").write_text("left from an older build", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_a_successful_build_replaces_the_site_like_mkdocs(built_project: Path) -> None:
    """Stale pages go, hidden entries stay (as with MkDocs' own clean), no staging folder is left."""
    site = built_project / "site"
    assert (site / "2026-03/01.html").exists() and (site / "zh-Hant/2026-03/01.html").exists()
    assert (site / "downloads/annotate-offline.zip").exists()
    assert not (site / "stale.html").exists()
    assert (site / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert sorted(p.name for p in built_project.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.parametrize(
    ("bulletins", "sidecar", "fragment"),
    [
        ({"pagefind.txt": SMALL}, None, "docs/bulletins/pagefind.txt: "),
        ({"downloads.txt": SMALL}, None, "docs/bulletins/downloads.txt: "),
        ({"glossary.html.txt": SMALL}, None, "docs/bulletins/glossary.html.txt: "),
        ({"sitemap.xml.txt": SMALL}, None, "docs/bulletins/sitemap.xml.txt: "),
        ({"2026-04.txt": SMALL}, "date: 2026-13-45\n", "docs/bulletins/2026-04.yml:1: "),
        ({"2026-04.txt": SMALL}, "title: 特刊\ndate: 下个月\n", "docs/bulletins/2026-04.yml:2: "),
        ({"2026-04.txt": SMALL}, "slug: search\n", "docs/bulletins/2026-04.yml:1: "),
    ],
    ids=["pagefind", "downloads", "glossary-html", "sitemap-xml", "impossible-date", "not-a-date", "sidecar-slug"],
)
def test_a_bad_bulletin_leaves_the_site_byte_identical(built_project: Path, bulletins: dict[str, bytes],
                                                       sidecar: str | None, fragment: str) -> None:
    site = built_project / "site"
    before = snapshot(site)
    folder = built_project / "docs/bulletins"
    added = []
    for name, data in bulletins.items():
        (folder / name).write_bytes(data)
        added.append(folder / name)
        if sidecar is not None:
            (folder / name).with_suffix(".yml").write_text(sidecar, encoding="utf-8")
            added.append((folder / name).with_suffix(".yml"))
    try:
        result = run_build(built_project)
    finally:
        for path in added:
            path.unlink()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and fragment in errors[0], result.stderr
    assert snapshot(site) == before
    assert [p.name for p in built_project.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize("mode", ["traditional", "warning", "interrupt"])
def test_a_late_failure_leaves_the_site_byte_identical(built_project: Path, mode: str) -> None:
    """Failures after MkDocs has written pages: an exception in the nested Traditional build, a warning in
    strict mode (MkDocs aborts after the last event), Ctrl-C."""
    site = built_project / "site"
    before = snapshot(site)
    result = run_build(built_project, extra_env={"ANNOTATE_TEST_FAIL": mode})
    assert result.returncode != 0, result.stderr
    assert mode != "traditional" or "zh-Hant" in result.stderr  # the Simplified pages were written
    assert snapshot(site) == before
    assert [p.name for p in built_project.iterdir() if p.name.startswith(".site")] == []
