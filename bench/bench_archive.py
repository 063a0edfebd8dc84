"""Scale benchmark: full annotate builds of synthetic 1-, 10- and 100-bulletin archives.

Prints tables; not a test. Usage::

    .venv/bin/python bench/bench_archive.py [--sizes 1,10,100] [--repeat 2] [--no-serve] [--keep DIR]

Per archive size: wall time of ``mkdocs build`` (both editions, annotations, zip), the stage times the
hook writes to ``.cache/annotate/build-stats.json``, peak RSS of the build process, output size, Material's
search index per edition (raw and gzip: what its search downloads before the first result; the offline
copy still uses it), the Pagefind bundle per edition and what a reader actually downloads online before
the first result of a query (``search_probe.py``, in Chromium), zip size and the size of one article page
(it must not grow with the archive). The same article pages are built with a
plain Material configuration (no hook, one edition) for the ratio. Then ``mkdocs serve`` is started and
one paragraph of the March bulletin is edited: the time until the served page shows the edit, and the
cache counters of that rebuild. The first build of each new project is reported apart (cold caches);
the other figures are medians of ``--repeat`` warm runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import search_probe  # noqa: E402
from sitebuild import make_project  # noqa: E402
from synth_archive import archive  # noqa: E402

from annotate.model import BlockKind  # noqa: E402
from annotate.settings import Settings  # noqa: E402
from annotate.site import load_bulletins  # noqa: E402

MARCH = "2026-03"
EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}

# Same theme features that shape the page as the real site (pruned navigation, .html URLs), no hook.
PLAIN_CONFIG = """site_name: plain
site_url: https://example.org/
use_directory_urls: false
theme:
  name: material
  language: zh
  font: false
  features:
    - navigation.prune
plugins:
  - search:
      lang: zh
"""

# Runs one command as its child and prints the child's wall time and peak RSS: a fresh process per
# build, because RUSAGE_CHILDREN reports the largest child a process ever waited for.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_kb": peak, "rc": done.returncode, "err": done.stderr[-3000:]}))
"""


@dataclass
class Run:
    wall: float
    rss_mb: float
    stats: dict[str, object] = field(default_factory=dict)


def measured(args: list[str], cwd: Path) -> Run:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=cwd, env=ENV, capture_output=True,
                         text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"build failed in {cwd}:\n{result['err']}")
    return Run(result["wall"], result["rss_kb"] / 1024)


def annotate_build(project: Path) -> Run:
    run = measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], project)
    run.stats = json.loads((project / ".cache/annotate/build-stats.json").read_text(encoding="utf-8"))
    return run


def plain_project(tmp: Path, docs_dir: Path) -> Path:
    """One Markdown file per article (title + body text), what a site without annotate would publish."""
    project = tmp / "plain"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# plain\n", encoding="utf-8")
    for bulletin in load_bulletins(docs_dir, Settings()):
        folder = docs / bulletin.slug
        folder.mkdir()
        for article in bulletin.articles:
            body = "\n\n".join(b.text for b in article.blocks if b.kind is not BlockKind.SOURCE)
            (folder / f"{article.slug}.md").write_text(f"# {article.title}\n\n{body}\n", encoding="utf-8")
    return project


def plain_build(project: Path) -> Run:
    return measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], project)


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def output_sizes(site: Path) -> dict[str, float]:
    """Bytes a reader or the server sees; the zip is counted apart from the pages."""
    sizes: dict[str, float] = {"output": tree_bytes(site)}
    for key, prefix in EDITIONS.items():
        # The whole index of the articles (annotate.search_data): what the offline copy's search loads (and
        # online search with the material engine) before the first result.
        index = site / prefix / "search/search_index.js"
        data = index.read_bytes().removeprefix(b"var __index = ") if index.exists() else b""
        sizes[f"index {key}"] = len(data)
        sizes[f"index gz {key}"] = len(gzip.compress(data, 6))
        pagefind = site / prefix / "pagefind"
        sizes[f"pagefind {key}"] = tree_bytes(pagefind) if pagefind.exists() else 0
        page = site / prefix / MARCH / "01.html"
        sizes[f"page {key}"] = page.stat().st_size if page.exists() else 0
    zip_path = site / "downloads/annotate-offline.zip"
    sizes["zip"] = zip_path.stat().st_size if zip_path.exists() else 0
    return sizes


# --- mkdocs serve --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(predicate: object, timeout: float, step: float = 0.05) -> float | None:
    """Seconds until ``predicate()`` is true, or None after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():  # type: ignore[operator]
            return time.perf_counter() - start
        time.sleep(step)
    return None


def paragraph_line(path: Path) -> int:
    """0-based line of the first one-line paragraph of the March bulletin's first article."""
    bulletin = next(b for b in load_bulletins(path.parent.parent, Settings()) if b.slug == MARCH)
    block = next(b for b in bulletin.articles[0].blocks if b.kind is BlockKind.PARAGRAPH and len(b.lines) == 1)
    return block.line - 1


def serve_edits(project: Path, edits: int) -> list[dict[str, object]]:
    """Start ``mkdocs serve``, append a sentence to one paragraph ``edits`` times, time each rebuild."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (project / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )
    results: list[dict[str, object]] = []
    try:
        if wait_for(lambda: fetch(base + f"{MARCH}/01.html") is not None, 600, 0.5) is None:
            raise RuntimeError(f"mkdocs serve did not start; see {project / 'serve.log'}")
        time.sleep(1.0)  # let the file watcher settle after the first build
        path = project / "docs/bulletins" / f"{MARCH}.txt"
        line = paragraph_line(path)
        stats_path = project / ".cache/annotate/build-stats.json"
        for n in range(edits):
            marker = f"BENCHEDIT{n}X"
            lines = path.read_text(encoding="utf-8").split("\n")
            lines[line] = lines[line].rstrip() + f"基准测试追加的句子{marker}。"
            before = stats_path.stat().st_mtime_ns
            path.write_text("\n".join(lines), encoding="utf-8")
            saved = time.perf_counter()
            row: dict[str, object] = {}
            for key, prefix in EDITIONS.items():  # each edition timed from the save
                url = base + prefix + f"{MARCH}/01.html"
                shown = wait_for(lambda url=url, marker=marker: marker in (fetch(url) or ""), 120)
                row[key] = None if shown is None else time.perf_counter() - saved
            wait_for(lambda before=before: stats_path.stat().st_mtime_ns != before, 60)
            stats = json.loads(stats_path.read_text(encoding="utf-8"))
            row["counters"] = stats.get("counters", {})
            row["total_seconds"] = stats.get("total_seconds")
            results.append(row)
            time.sleep(1.0)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return results


# --- report --------------------------------------------------------------------------------------------


def serve_report(tmp_root: Path, size: int, args: argparse.Namespace, sources: list[Path]) -> None:
    tmp = tmp_root / f"serve-{size}"
    shutil.rmtree(tmp, ignore_errors=True)
    results = serve_edits(make_project(tmp, archive(sources, size, args.seed, args.mutation)), args.edits)
    print(f"\nmkdocs serve, {size} bulletin(s): {len(results)} edits of one paragraph of {MARCH}.txt article 01")
    for key in EDITIONS:
        times = [float(r[key]) for r in results if r[key] is not None]  # type: ignore[arg-type]
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"  {key} page shows the edit after: median {median(times):.2f}s ({shown}) (target <= 3 s)")
    for i, r in enumerate(results):
        print(f"  edit {i + 1}: rebuild (hook clock) {r['total_seconds']}s, counters {r['counters']}")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def stage_table(sizes: list[int], runs: dict[int, list[Run]]) -> None:
    names: list[str] = []
    for size in sizes:
        for run in runs[size]:
            for name in run.stats.get("stages", {}):  # type: ignore[union-attr]
                if name not in names:
                    names.append(name)
    print(f"\n{'stage (median s)':<26}" + "".join(f"{f'{s} bull.':>12}" for s in sizes))
    for name in names:
        cells = [median([float(r.stats["stages"].get(name, 0.0)) for r in runs[s]]) for s in sizes]  # type: ignore[union-attr]
        print(f"{name:<26}" + "".join(f"{c:>12.2f}" for c in cells))
    totals = [median([float(r.stats.get("total_seconds", 0.0)) for r in runs[s]]) for s in sizes]  # type: ignore[arg-type]
    print(f"{'total (hook clock)':<26}" + "".join(f"{c:>12.2f}" for c in totals))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--mutation", type=float, default=0.04, help="share of Han characters replaced")
    parser.add_argument("--edits", type=int, default=3, help="mkdocs serve edits of the March bulletin")
    parser.add_argument("--serve-sizes", default="1,10", help="archives to run the mkdocs serve test on")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-plain", action="store_true")
    parser.add_argument("--no-probe", action="store_true", help="skip the search download probe (Chromium)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp dir)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    sources = sorted((ROOT / "docs/bulletins").glob("*.txt"))

    tmp_root = args.keep or Path(tempfile.mkdtemp(prefix="bench-archive-"))
    ours: dict[int, list[Run]] = {}
    cold: dict[int, Run] = {}
    plain: dict[int, list[Run]] = {}
    sizes_out: dict[int, dict[str, float]] = {}
    probes: dict[int, list[dict[str, float]]] = {}
    try:
        for size in sizes:
            tmp = tmp_root / f"archive-{size}"
            shutil.rmtree(tmp, ignore_errors=True)
            project = make_project(tmp, archive(sources, size, args.seed, args.mutation))
            text_mb = tree_bytes(project / "docs/bulletins") / 1e6
            print(f"[{size} bulletins, {text_mb:.1f} MB text] ", end="", flush=True)
            ours[size], plain[size] = [], []
            plain_dir = None if args.no_plain else plain_project(tmp, project / "docs")
            # The first build of a new project also writes the Traditional jieba dictionary and jieba's
            # model caches (what CI pays without a cached .cache/): reported apart, not in the medians.
            cold[size] = annotate_build(project)
            print(f"annotate cold {cold[size].wall:.1f}s ", end="", flush=True)
            for _ in range(args.repeat):
                ours[size].append(annotate_build(project))
                print(f"annotate {ours[size][-1].wall:.1f}s ", end="", flush=True)
                if plain_dir is not None:
                    plain[size].append(plain_build(plain_dir))
                    print(f"plain {plain[size][-1].wall:.1f}s ", end="", flush=True)
            print()
            sizes_out[size] = output_sizes(project / "site")
            if plain_dir is not None:
                sizes_out[size]["plain output"] = tree_bytes(plain_dir / "site")
                sizes_out[size]["plain page"] = (plain_dir / "site" / MARCH / "01.html").stat().st_size
            sizes_out[size]["pages"] = sum(ours[size][-1].stats.get("pages", {}).values())  # type: ignore[union-attr]
            if not args.no_probe and search_probe.CHROMIUM.exists():
                probes[size] = search_probe.probe(project / "site", search_probe.QUERIES[:2])
            shutil.rmtree(project / "site")
            if plain_dir is not None:
                shutil.rmtree(plain_dir / "site")

        print(f"\n{f'size (median of {args.repeat})':<26}" + "".join(f"{f'{s} bull.':>12}" for s in sizes))

        def row(label: str, values: list[float], fmt: str = "{:>12.2f}") -> None:
            print(f"{label:<26}" + "".join(fmt.format(v) for v in values))

        row("pages (both editions)", [sizes_out[s]["pages"] for s in sizes], "{:>12.0f}")
        row("annotate cold build s", [cold[s].wall for s in sizes])
        row("annotate wall s", [median([r.wall for r in ours[s]]) for s in sizes])
        if not args.no_plain:
            row("plain Material wall s", [median([r.wall for r in plain[s]]) for s in sizes])
            row("ratio annotate/plain", [median([r.wall for r in ours[s]]) / median([r.wall for r in plain[s]])
                                         for s in sizes])
        row("annotate peak RSS MB", [median([r.rss_mb for r in ours[s]]) for s in sizes], "{:>12.0f}")
        if not args.no_plain:
            row("plain peak RSS MB", [median([r.rss_mb for r in plain[s]]) for s in sizes], "{:>12.0f}")
        row("output MB (site/)", [sizes_out[s]["output"] / 1e6 for s in sizes])
        if not args.no_plain:
            row("plain output MB", [sizes_out[s]["plain output"] / 1e6 for s in sizes])
        row("offline zip MB", [sizes_out[s]["zip"] / 1e6 for s in sizes])
        for key in EDITIONS:
            row(f"whole index {key} MB", [sizes_out[s][f"index {key}"] / 1e6 for s in sizes])
            row(f"  gzip {key} MB", [sizes_out[s][f"index gz {key}"] / 1e6 for s in sizes])
            row(f"Pagefind bundle {key} MB", [sizes_out[s][f"pagefind {key}"] / 1e6 for s in sizes])
        if probes:
            print("first search result, online (Chromium, empty cache): bytes downloaded for the search")
            for i, query in enumerate(search_probe.QUERIES[:2]):
                row(f"  {query} KB gzip", [probes[s][i]["gzip_bytes"] / 1e3 if s in probes else 0 for s in sizes],
                    "{:>12.1f}")
                row(f"  {query} requests", [probes[s][i]["requests"] if s in probes else 0 for s in sizes],
                    "{:>12.0f}")
                row(f"  {query} seconds", [probes[s][i]["seconds"] if s in probes else 0 for s in sizes])
        for key in EDITIONS:
            row(f"{MARCH}/01.html {key} KB", [sizes_out[s][f"page {key}"] / 1e3 for s in sizes], "{:>12.1f}")
        if not args.no_plain:
            row(f"plain {MARCH}/01.html KB", [sizes_out[s]["plain page"] / 1e3 for s in sizes], "{:>12.1f}")
        stage_table(sizes, ours)
        if 10 in sizes and 100 in sizes:
            t10, t100 = median([r.wall for r in ours[10]]), median([r.wall for r in ours[100]])
            print(f"\nscaling 100/10 bulletins: {t100 / t10:.2f}x (target <= 12x)")

        if not args.no_serve:
            for size in (int(s) for s in args.serve_sizes.split(",")):
                serve_report(tmp_root, size, args, sources)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp_root, ignore_errors=True)


if __name__ == "__main__":
    main()
