"""MkDocs glue: wires MkDocs events to the annotate core in ``src/annotate``. No logic lives here.

The core does all the work in ``on_config`` — before MkDocs cleans ``site/`` — so a bad bulletin stops
the build with one message and leaves the previous site untouched.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from annotate.reader import InputError
from annotate.settings import Settings
from annotate.site import SiteContent, build_site

_site: SiteContent | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    try:
        settings = Settings.from_mapping(config.extra.get("annotate"), Path(config.config_file_path).name)
        _site = build_site(Path(config.docs_dir), settings, site_name=config.site_name)
    except InputError as err:
        raise PluginError(str(err)) from None
    config.nav = _site.nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    for src_uri, markdown in _site.pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files
