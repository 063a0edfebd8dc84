"""MkDocs glue: wires MkDocs events to the annotate core in ``src/annotate``. No logic lives here.

The core does all the work in ``on_config`` — before MkDocs cleans ``site/`` — so a bad bulletin stops
the build with one message and leaves the previous site untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from annotate.errors import USER_ERRORS
from annotate.search import configure_search
from annotate.settings import Settings
from annotate.site import SiteContent, build_site

_site: SiteContent | None = None


@event_priority(100)  # before the search plugin reads its jieba dictionaries
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    project = Path(config.config_file_path).parent
    try:
        settings = Settings.from_mapping(config.extra.get("annotate"), Path(config.config_file_path).name)
        _site = build_site(Path(config.docs_dir), settings, site_name=config.site_name)
    except USER_ERRORS as err:
        # Name files relative to the project, as editors see them in the repository.
        raise PluginError(str(err).replace(f"{project}{os.sep}", "")) from None
    config.nav = _site.nav
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        configure_search(search.config, _site.jieba_user_dict, project / ".cache" / "annotate")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    for src_uri, markdown in _site.pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files
