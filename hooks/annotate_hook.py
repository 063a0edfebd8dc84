"""MkDocs glue: wires MkDocs events to the annotate core in ``src/annotate``. No logic lives here.

The core does all the work in ``on_config`` — before MkDocs cleans ``site/`` — so a bad bulletin stops
the build with one message and leaves the previous site untouched. After the Simplified site is written,
``on_post_build`` builds the Traditional edition from the same configuration into its own prefix.
``mkdocs build`` writes into a staging folder beside ``site/`` that replaces it only at the end of a
successful build (:mod:`annotate.sitedir`): an error at any later point leaves the previous site too.
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from click import ClickException
from jinja2 import Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from annotate import edition, forked, htmltext, offline, render
from annotate.config import DEPRECATED_KEY, load_settings, settings_key
from annotate.edition import Edition
from annotate.errors import USER_ERRORS
from annotate.pipeline import Pipeline
from annotate.project import Project
from annotate.sitedir import StagedSite

log = get_plugin_logger("annotate")


@dataclass(slots=True)
class Run:
    """All the hook remembers, in one place.

    MkDocs loads this module once per process, and the Traditional edition is built by a nested MkDocs
    build started from ``on_post_build``, which calls these same handlers. So each edition's project is
    kept under its own key, and ``building`` says which edition the handlers are serving now: the nested
    build can never overwrite the outer build's project. The pipeline (caches, timings) is shared by both
    editions and by every rebuild of ``mkdocs serve``.

    ``mkdocs build`` (not ``serve``) starts that nested build in ``on_files`` instead, in a forked child
    (:mod:`annotate.forked`) that inherits a copy of this object and of the pipeline, so the editions are
    written on two cores; ``on_post_build`` waits for it and merges its timings.
    """

    pipeline: Pipeline = field(default_factory=Pipeline)
    command: str = "build"
    building: Edition = edition.SIMPLIFIED
    projects: dict[str, Project] = field(default_factory=dict)
    started: float = 0.0
    staged: StagedSite | None = None
    # The other editions' build, forked beside this one (see annotate.forked); None when built in turn.
    others_building: forked.ForkedCall | None = None

    @property
    def project(self) -> Project:
        return self.projects[self.building.key]

    @property
    def outer(self) -> bool:
        """The Simplified build, which starts the others, stages the site and writes the zip."""
        return self.building == edition.SIMPLIFIED


RUN = Run()


def on_startup(command: str, dirty: bool) -> None:
    RUN.command = command


def _fail(err: Exception, root: Path) -> PluginError:
    """One line naming the file relative to the project, as editors see it in the repository."""
    return PluginError(str(err).replace(f"{root}{os.sep}", ""))


@event_priority(100)  # before the search plugin reads its jieba dictionaries
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    if RUN.outer:
        RUN.started = time.perf_counter()
        RUN.pipeline.timings.reset()
    try:
        settings = load_settings(config.extra, "mkdocs.yml", warn=log.info if RUN.outer else None)
        project = Project.load(settings, root, Path(config.docs_dir), RUN.building, RUN.pipeline)
        RUN.projects[RUN.building.key] = project
        site = project.build(config.site_name)
        config.extra["annotate_search"] = project.start_online_search(serving=RUN.command == "serve")
    except USER_ERRORS as err:
        raise _fail(err, root) from None
    if settings_key(config.extra) == DEPRECATED_KEY:
        # Settings still in their old place: Material reads extra.annotate as its code-annotation selectors
        # and copies it into every page's configuration script, so it gets nothing.
        config.extra[DEPRECATED_KEY] = None
    config.site_name = site.site_name
    config.nav = site.nav
    config.theme["language"] = project.edition.key
    config.extra["alternate"] = project.alternates()
    config.extra["annotate_download"] = project.download_link()
    project.convert_markdown_settings(config.mdx_configs)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        project.configure_search(search.config)
    _stage(config)
    return config


def _stage(config: MkDocsConfig) -> None:
    """The outer (Simplified) build writes a staging folder; ``serve`` has its own temporary folder."""
    if RUN.outer and RUN.command != "serve":
        RUN.staged = StagedSite.begin(config.site_dir, strict=bool(config.strict))
        config.site_dir = str(RUN.staged.staging)


def on_build_error(error: Exception) -> None:
    """Remove the staging folder (the outer build's event: the error reaches it from the nested one)."""
    if RUN.others_building is not None and RUN.outer:
        RUN.others_building.stop()
        RUN.others_building = None
    if RUN.staged is not None and RUN.outer:
        RUN.staged.discard()
        RUN.staged = None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Templates write a ``title=`` that Material shows as a tooltip with ``|annotate_tooltip``."""
    env.filters["annotate_tooltip"] = htmltext.tooltip_html
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = RUN.project
    assert project.site is not None
    RUN.pipeline.timings.start("mkdocs pages " + project.edition.key)
    for src_uri, markdown in project.site.pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    files.append(File.generated(config, "assets/javascripts/annotate-query-table.js",
                                content=project.query_table_script()))
    files.append(File.generated(config, "assets/javascripts/iframe-worker/shim.js", content=project.shim))
    if RUN.outer and RUN.command != "serve" and project.other_editions() and forked.allowed():
        # The site folder is clean now: the other editions are built beside this one, on another core.
        RUN.others_building = forked.ForkedCall.start(
            lambda: _build_other_editions(config, project), RUN.pipeline.timings,
            expected=(ClickException, KeyboardInterrupt))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The print pages stay in the navigation (under their bulletin) but out of the reading sequence:
    “下一页” after a bulletin's last article goes to the next bulletin, not to a page repeating it."""
    reading = [page for page in nav.pages if not render.is_print_page(page.file.src_uri)]
    for page in nav.pages:
        page.previous_page = page.next_page = None
    for before, after in itertools.pairwise(reading):
        before.next_page, after.previous_page = after, before
    return nav


@event_priority(-200)  # last: after every plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    project = RUN.project
    timings = RUN.pipeline.timings
    timings.stop("mkdocs pages " + project.edition.key)
    site_dir = Path(config.site_dir)
    with timings.stage("search index"):
        project.write_search_index(site_dir)
    try:
        project.finish_online_search(site_dir)
    except USER_ERRORS as err:
        raise _fail(err, Path(config.config_file_path).resolve().parent) from None
    others = project.other_editions()
    if RUN.others_building is not None:
        _wait_for_other_editions()
    else:
        _build_other_editions(config, project)
    if RUN.outer and RUN.command != "serve":  # serve: keep rebuilds fast
        with timings.stage("offline zip"):
            offline.package(site_dir, [site_dir, *(site_dir / e.prefix for e in others)], project.offline_exclusions())
    if RUN.outer:
        project.prune_cache()
        project.write_build_stats(site_dir, RUN.started)
    _unstage(config)


def _build_other_editions(config: MkDocsConfig, project: Project) -> None:
    """The Traditional edition: a nested MkDocs build of the same configuration into its own prefix."""
    site_dir = Path(config.site_dir)
    for other in project.other_editions():
        RUN.building = other
        try:
            other_config = load_config(
                config.config_file_path,
                site_dir=str(site_dir / other.prefix),
                site_url=(config.site_url or "") + other.prefix if config.site_url else None,
            )
            build(other_config)
        finally:
            RUN.building = project.edition


def _wait_for_other_editions() -> None:
    """Join the child building the other editions; its failure is this build's failure, in one line."""
    others, RUN.others_building = RUN.others_building, None
    assert others is not None
    try:
        others.wait()
    except forked.ChildFailed as failed:
        if failed.error_type == "KeyboardInterrupt":
            raise KeyboardInterrupt from None
        known = failed.error_type in {"PluginError", "Abort", "BuildError", "ConfigurationError"}
        raise PluginError(str(failed) if known else f"{failed.error_type}: {failed}") from None


def _unstage(config: MkDocsConfig) -> None:
    """The outer build, last: swap the staged site in (the nested build runs this hook module too)."""
    if not RUN.outer:
        return
    staged, RUN.staged = RUN.staged, None
    if staged is not None and staged.commit():
        config.site_dir = staged.requested
        log.info(f"Site moved into place: {staged.requested}")
