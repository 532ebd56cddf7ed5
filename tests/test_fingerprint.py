"""Content versions of a built site: ?v=<hash> on asset URLs, and the build id in the service worker."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hocvuso.fingerprint import Versions, build_id, content_hash, fingerprint_site, version_urls, write_build_id
from tests.conftest import FIXTURE
from tests.sitebuild import mkdocs_build


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for rel, data in {"assets/a.css": b"a{}", "assets/a.js": b"1", "assets/stylesheets/main.57a0d79d.min.css": b"m",
                      "learn/x/p.svg": b"<svg/>", "learn/x/index.html": b"", "sw.js": b'var CACHE = "hv-build-dev";',
                      "index.html": b""}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_asset_urls_get_the_hash_of_their_file(site: Path) -> None:
    css, js, svg = content_hash(b"a{}"), content_hash(b"1"), content_hash(b"<svg/>")
    page = site / "learn/x/index.html"
    text = ('<link rel="stylesheet" href="../../assets/a.css"><link rel="alternate" href="../../assets/a.css">'
            '<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">'
            '<script src="../../assets/a.js?v=old" defer></script><img alt="" src="p.svg#frag" width="1">'
            '<a href="p.svg">p</a><img src="https://x.vn/p.svg"><img src="missing.svg"><script>1</script>'
            '<script src="../../assets/a.js?lang=vi"></script>'
            '<button data-hv-offline="./ ../x/ p.svg ../../index.html">')
    out = version_urls(text, page, Versions(site))
    assert out == (f'<link rel="stylesheet" href="../../assets/a.css?v={css}">'
                   '<link rel="alternate" href="../../assets/a.css">'
                   '<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">'
                   f'<script src="../../assets/a.js?v={js}" defer></script><img alt="" src="p.svg?v={svg}#frag" '
                   'width="1"><a href="p.svg">p</a><img src="https://x.vn/p.svg"><img src="missing.svg">'
                   '<script>1</script><script src="../../assets/a.js?lang=vi"></script>'
                   f'<button data-hv-offline="./ ../x/ p.svg?v={svg} ../../index.html">')
    assert version_urls(out, page, Versions(site)) == out


def test_absolute_urls_resolve_under_a_sub_path(site: Path) -> None:
    text = '<link rel="icon" href="/project/assets/a.css"><script src="/assets/a.js"></script>'
    out = version_urls(text, site / "404.html", Versions(site))
    assert out == (f'<link rel="icon" href="/project/assets/a.css?v={content_hash(b"a{}")}">'
                   f'<script src="/assets/a.js?v={content_hash(b"1")}"></script>')


def test_build_id_follows_content_only(site: Path) -> None:
    first = build_id(site)
    assert write_build_id(site, first)
    assert f'"hv-build-{first}"' in (site / "sw.js").read_text("utf-8")
    assert build_id(site) == first  # the cache name written into sw.js is not part of it
    (site / "offline").mkdir()
    (site / "offline/hocvuso.zip").write_bytes(b"zip")
    assert build_id(site) == first
    (site / "learn/x/p.svg").write_bytes(b"<svg></svg>")
    assert build_id(site) != first


def test_a_service_worker_without_a_cache_name_is_an_error(site: Path) -> None:
    (site / "sw.js").write_text('var CACHE = "hv-pages-v1";', "utf-8")
    with pytest.raises(ValueError, match="hv-build-"):
        write_build_id(site, "abc")
    (site / "sw.js").unlink()
    assert not write_build_id(site, "abc")


@pytest.mark.slow
def test_built_site_versions_every_asset_and_names_the_cache(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    assert mkdocs_build(project, "--strict").returncode == 0
    site = project / "site"
    worker = (site / "sw.js").read_text("utf-8")
    assert f'"hv-build-{build_id(site)}"' in worker
    lesson = (site / "learn/lessons/hello-phone/index.html").read_text("utf-8")
    svg = content_hash((site / "learn/lessons/hello-phone/phone.svg").read_bytes())
    assert f'src="phone.svg?v={svg}"' in lesson
    for name in ("hocvuso.js", "stylesheets/site.min.css"):  # the purged sheets too, loaded as one file
        assert f"assets/{name}?v={content_hash((site / 'assets' / name).read_bytes())}" in lesson
    search = (site / "search/index.html").read_text("utf-8")  # search loads its script on its own page
    assert f"assets/hvsearch.js?v={content_hash((site / 'assets' / 'hvsearch.js').read_bytes())}" in search
    course = (site / "en/learn/courses/basics/index.html").read_text("utf-8")
    assert re.search(rf'data-hv-offline="[^"]*/phone\.svg\?v={svg}[ "]', course)
    assert fingerprint_site(site) == build_id(site)  # a second run changes nothing
    assert (site / "sw.js").read_text("utf-8") == worker
