"""Another province installs the wheel and builds its own site: nothing of this repository but the package.

The wheel is built from a copy of the repository (so the build leaves nothing in the checkout), installed into
a fresh venv outside it, and the dependencies are made visible by a .pth line pointing at this project's
.venv (nothing is downloaded). A .pth line only adds a folder to sys.path: the .pth files inside it, such as
the editable install of hocvuso, are not run, and the test checks that `hocvuso` comes from the fresh venv.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SITE_URL = "https://tinh-x.example.org/hoc/"
LESSON = "khoa-man-hinh"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_ACTIONS": ""}
TOP_LEVEL_SKIP = {".git", ".venv", "node_modules", "site", "site.partial", "site.old", ".cache", "build", "dist"}
"""What a checkout holds besides its sources (only at the top: hocvuso/site.py is a source)."""
ANYWHERE_SKIP = shutil.ignore_patterns("*.egg-info", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
                                       ".hypothesis")


def _skip(folder: str, names: list[str]) -> set[str]:
    top = TOP_LEVEL_SKIP if Path(folder) == ROOT else set()
    return set(ANYWHERE_SKIP(folder, names)) | (top & set(names))


def run(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=ENV, check=False,
                          timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "hocvuso"
    shutil.copytree(ROOT, source, ignore=_skip)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q", "-w", out, cwd=source)
    (found,) = out.glob("hocvuso-*.whl")
    return found


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv outside the repository with only the wheel installed, and this project's dependencies visible."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    assert not venv.resolve().is_relative_to(ROOT.resolve())
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel,
        cwd=venv.parent)
    fresh_site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                          cwd=venv.parent).stdout.strip())
    (fresh_site / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return venv


def test_the_wheel_holds_the_theme_and_the_starter_and_nothing_of_this_site(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("hocvuso/theme/main.html", "hocvuso/theme/lesson.html", "hocvuso/theme/sw.js",
                   "hocvuso/theme/strings/vi.yml", "hocvuso/theme/strings/en.yml", "hocvuso/theme/print/print.css",
                   "hocvuso/theme/print/learner.html", "hocvuso/theme/print/strings/vi.yml",
                   "hocvuso/theme/assets/hocvuso.css", "hocvuso/schemas/lesson.schema.json",
                   "hocvuso/starter/curriculum/framework.yml", "hocvuso/starter/curriculum/audiences.yml",
                   f"hocvuso/starter/curriculum/lessons/{LESSON}/quiz.en.yml", "hocvuso/starter/docs/index.md",
                   "hocvuso/starter/gitignore", "hocvuso/cli/__init__.py", "hocvuso/__main__.py"):
        assert needed in names, needed
    theme = {n for n in names if n.startswith("hocvuso/theme/")}
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "hocvuso/theme").rglob("*") if p.is_file()}
    assert on_disk <= theme, sorted(on_disk - theme)[:10]
    code = {p.relative_to(ROOT).as_posix() for p in (ROOT / "hocvuso").rglob("*.py")}
    assert code <= set(names), sorted(code - set(names))[:10]
    starter = {p.relative_to(ROOT).as_posix() for p in (ROOT / "hocvuso/starter").rglob("*") if p.is_file()}
    assert starter <= set(names), sorted(starter - set(names))[:10]
    assert not [n for n in names if n.split("/")[0] in ("curriculum", "docs", "tests", "scripts", "overrides")]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]\nhocvuso = hocvuso.cli:main" in text
    assert "hocvuso = hocvuso.mkdocs_plugin:CurriculumPlugin" in text


def test_the_fresh_venv_runs_the_installed_package_not_this_checkout(fresh: Path) -> None:
    where = run(fresh / "bin/python", "-c", "import hocvuso; print(hocvuso.__file__)", cwd=fresh.parent)
    assert Path(where.stdout.strip()).resolve().is_relative_to(fresh.resolve())
    assert "usage: hocvuso" in run(fresh / "bin/hocvuso", "--help", cwd=fresh.parent).stdout


def test_a_new_site_builds_from_the_installed_package_alone(fresh: Path, tmp_path: Path) -> None:
    site = tmp_path / "site-tinh-x"
    run(fresh / "bin/hocvuso", "new-site", site, "--site-url", SITE_URL, cwd=tmp_path)
    checked = run(fresh / "bin/hocvuso", "validate", "--lang", "en", cwd=site)
    assert "OK: 0 errors, 0 warnings" in checked.stdout
    run(fresh / "bin/python", "-m", "mkdocs", "build", "--strict", cwd=site)
    out = site / "site"
    for lang, prefix, title, prompt in (("vi", "", "Khóa màn hình điện thoại", "Mã PIN nào tốt nhất"),
                                        ("en", "en/", "Locking your phone's screen", "Which PIN is best")):
        page = html.unescape((out / prefix / "learn/lessons" / LESSON / "index.html").read_text("utf-8"))
        assert title in page, lang
        assert f'id="q-{LESSON}-good-pin"' in page and prompt in page, lang  # the quiz
        assert (out / prefix / "search/index.html").is_file(), lang  # the search page
        index = "".join(p.read_text("utf-8") for p in (out / prefix / "search").glob("docs*.js"))
        assert title in index, lang  # and its index
        assert (out / prefix / "index.html").is_file(), lang
    run(fresh / "bin/hocvuso", "check-site", out, cwd=site)

    # `mkdocs build` renders the PDF handouts itself, with QR codes leading to site_url.
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    for lang in ("vi", "en"):
        for name in (f"lessons/{LESSON}-learner.pdf", f"lessons/{LESSON}-teacher.pdf",
                     "courses/buoc-dau-class-pack.pdf"):
            assert f"handouts/{lang}/{name}" in pdfs, pdfs
    learner = out / "handouts/vi/lessons" / f"{LESSON}-learner.pdf"
    assert _qr_codes(learner, tmp_path) == [f"{SITE_URL}learn/lessons/{LESSON}/"]


def _qr_codes(pdf: Path, tmp: Path) -> list[str]:
    """The URLs of the QR codes on the first page (rendered by poppler, read by zbar)."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        if os.environ.get("CI"):
            pytest.fail("pdftoppm and zbarimg are missing in CI: scripts/setup.sh installs them")
        pytest.skip("needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): run scripts/setup.sh")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp / "page")], check=True)
    png = next(tmp.glob("page*.png"))
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                          check=False).stdout.split()
