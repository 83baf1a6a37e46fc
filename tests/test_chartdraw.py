"""The chart stage: cached images, the chart worker process, and what happens when it fails."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from sakip_report import chartdraw, paths
from sakip_report.build import Stopwatch
from sakip_report.compose import compose
from sakip_report.compute import compute, load_rules, period_of
from sakip_report.content import Slide
from sakip_report.normalise import read_data
from sakip_report.theme import read_theme


posix_only = pytest.mark.skipif(os.name != "posix", reason="the chart worker runs on POSIX only")


@pytest.fixture(scope="module")
def chart_slides():
    data = read_data(paths.DATA)
    results = compute(data, load_rules(paths.TEMPLATES / paths.RULES), period_of(data, None))
    slides = compose(data, results, paths.SLIDES, paths.TEMPLATES / paths.TEXT)
    palette = read_theme(paths.TEMPLATES / paths.MASTER).colors
    return slides, palette


@pytest.fixture
def no_cache(monkeypatch):
    monkeypatch.setenv("SAKIP_NO_CACHE", "1")


def _all_charts(slides, palette, chart_dir, worker=None):
    """The chart stage over a finished list of slides, as the build runs it; (slides, Charts)."""
    charts = chartdraw.Charts(palette, chart_dir, worker)
    out = [charts.add(f"{i:02d}", s) for i, s in enumerate(slides, 1)]
    charts.finish()
    return out, charts


def _images(slides) -> dict[str, bytes]:
    return {Path(s.image).name: Path(s.image).read_bytes() for s in slides if s.kind == "gambar"}


@posix_only
def test_worker_draws_the_same_bytes_as_this_process(chart_slides, tmp_path, no_cache):
    slides, palette = chart_slides
    here, pending = _all_charts(slides, palette, tmp_path / "here")
    assert pending.done and not pending.warnings and pending.worker is None
    worker = chartdraw.Worker()
    there, pending = _all_charts(slides, palette, tmp_path / "there", worker)
    assert not pending.done, "the worker's charts are waited for only when the pictures go in"
    pending.wait()
    assert not pending.warnings
    assert worker.maxrss_kib > 10_000, "the worker reports its peak memory"
    expected, got = _images(here), _images(there)
    assert len(expected) == sum(s.kind == "gambar" for s in slides) >= 4
    assert got == expected


class _DyingWorker(chartdraw.Worker):
    command = (sys.executable, "-c", "import sys; sys.stderr.write('tidak ada memori\\n'); sys.exit(3)")


@posix_only
@pytest.mark.parametrize("dead_before_the_first_job", [True, False])
def test_a_worker_that_dies_is_replaced_by_drawing_here(chart_slides, tmp_path, no_cache, dead_before_the_first_job):
    slides, palette = chart_slides
    worker = _DyingWorker()
    if dead_before_the_first_job:
        worker.proc.wait()  # the job cannot even be handed over (broken pipe)
    out, pending = _all_charts(slides, palette, tmp_path, worker)
    pending.wait()
    assert len(pending.warnings) == 1
    assert "tidak ada memori" in pending.warnings[0] and "proses utama" in pending.warnings[0]
    assert all(Path(s.image).stat().st_size > 1000 for s in out if s.kind == "gambar")


def test_two_charts_given_the_same_name_get_two_files(chart_slides, tmp_path, no_cache):
    slides, palette = chart_slides
    first, second = [s for s in slides if s.kind == "gambar"][:2]
    charts = chartdraw.Charts(palette, tmp_path)
    a, b = charts.add("grafik-1", first), charts.add("grafik-1", second)
    charts.finish()
    assert a.image != b.image
    assert Path(a.image).read_bytes() != Path(b.image).read_bytes()


@posix_only
def test_a_worker_killed_before_it_answers_still_counts_its_memory():
    worker = chartdraw.Worker()
    time.sleep(0.5)  # importing matplotlib (how far it got does not matter)
    worker.close()
    assert worker.maxrss_kib > 1000


@posix_only
def test_a_stray_module_in_the_working_folder_is_not_imported_by_the_worker(chart_slides, tmp_path, no_cache,
                                                                           monkeypatch):
    (tmp_path / "matplotlib.py").write_text("raise ImportError('bukan matplotlib')\n")
    monkeypatch.chdir(tmp_path)
    slides, palette = chart_slides
    _, charts = _all_charts(slides, palette, tmp_path / "out", chartdraw.Worker())
    charts.wait()
    assert not charts.warnings


@posix_only
def test_an_error_in_the_worker_is_raised_here_with_its_real_exception(tmp_path, no_cache):
    from sakip_report.charts import Box, Picture

    bad = Slide("gambar", "x", extra={"chart": Picture((1.0, 1.0), 72, (Box(0, 0, 1, 1, "no-such-slot"),))})
    worker = chartdraw.Worker()
    charts = chartdraw.Charts({"lt1": "#FFFFFF"}, tmp_path, worker)
    charts.add("bad", bad)
    charts.finish()
    with pytest.raises(KeyError, match="no-such-slot"):
        charts.wait()


@posix_only
def test_charts_go_to_the_worker_one_by_one_as_their_slides_come(chart_slides, tmp_path, no_cache):
    slides, palette = chart_slides
    worker = chartdraw.Worker()
    charts = chartdraw.Charts(palette, tmp_path, worker)
    shown = charts.add("first", next(s for s in slides if s.kind == "gambar"))
    deadline = time.monotonic() + 60
    while not Path(shown.image).exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # drawn before the deck's other slides are even composed
    assert Path(shown.image).stat().st_size > 1000
    charts.finish()
    charts.wait()
    assert not charts.warnings


@posix_only
def test_every_chart_cached_means_the_worker_is_stopped_at_once(chart_slides, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("SAKIP_NO_CACHE", raising=False)
    slides, palette = chart_slides
    _all_charts(slides, palette, tmp_path / "first")  # fills the cache
    worker = chartdraw.Worker()
    out, pending = _all_charts(slides, palette, tmp_path / "second", worker)
    assert pending.done and pending.worker is None
    assert worker.proc.returncode == -9  # killed, not left importing matplotlib
    assert _images(out) == _images(_all_charts(slides, palette, tmp_path / "third")[0])


@posix_only
def test_close_kills_a_worker_that_is_still_starting():
    worker = chartdraw.Worker()
    worker.close()
    assert worker.proc.returncode == -9


@posix_only
@pytest.mark.parametrize("value, wanted", [("0", False), ("no", False), ("1", True)])
def test_the_worker_can_be_switched_off(monkeypatch, value, wanted):
    monkeypatch.setenv(chartdraw.WORKER_ENV, value)
    monkeypatch.setattr(chartdraw.os, "sched_getaffinity", lambda _pid: {0, 1})
    assert chartdraw.worker_wanted() is wanted


def test_windows_means_no_worker(monkeypatch):
    monkeypatch.delenv(chartdraw.WORKER_ENV, raising=False)
    monkeypatch.setattr(chartdraw.os, "name", "nt")
    assert chartdraw.worker_wanted() is False


def test_one_core_means_no_worker(monkeypatch):
    monkeypatch.delenv(chartdraw.WORKER_ENV, raising=False)
    monkeypatch.setattr(chartdraw.os, "sched_getaffinity", lambda _pid: {0})
    assert chartdraw.worker_wanted() is False


def test_nested_stages_count_only_for_themselves(monkeypatch):
    from sakip_report import build

    now = [0.0]
    monkeypatch.setattr(build.time, "perf_counter", lambda: now[0])
    timings: dict[str, float] = {}
    clock = Stopwatch(timings)
    with clock.stage("render"):
        now[0] += 0.05
        with clock.stage("charts-wait"):
            now[0] += 0.1
    assert timings["charts-wait"] == pytest.approx(0.1)
    assert timings["render"] == pytest.approx(0.05), "the wait inside the render is not counted twice"


@posix_only
def test_the_worker_draws_the_planned_picture_without_importing_pandas(chart_slides, tmp_path):
    import os
    import pickle
    import subprocess

    slides, palette = chart_slides
    chart = next(s for s in slides if s.kind == "gambar")
    job = (chart.extra["chart"], str(tmp_path / "c.png"), palette)
    src = str(Path(chartdraw.__file__).resolve().parents[1])
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "sakip_report.chartdraw"],
                          input=pickle.dumps(job) + pickle.dumps(None), capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": src})
    answer = pickle.loads(done.stdout)
    assert answer["errors"] == [None]
    assert (tmp_path / "c.png").stat().st_size > 1000
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines() if "|" in line]
    assert "matplotlib" in imported
    assert not [m for m in imported if m.split(".")[0] == "pandas"]


@posix_only
def test_the_command_line_starts_the_worker_before_it_imports_pandas(tmp_path):
    """matplotlib's import in the worker overlaps pandas' in the build only if the worker starts first."""
    import os
    import subprocess

    code = """
import sys
from sakip_report import chartdraw
seen = []
start = chartdraw.Worker.__init__
def init(self):
    seen.append("pandas" in sys.modules)
    start(self)
chartdraw.Worker.__init__ = init
chartdraw.worker_wanted = lambda: True
from sakip_report import cli
code = cli.main(["build", "--formats", "pptx", "--out", sys.argv[1], "--quiet", "--period", "2024-S2"])
print(code, seen)
"""
    src = str(Path(chartdraw.__file__).resolve().parents[1])
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": src, "SAKIP_NO_CACHE": "1"})
    assert done.stdout.strip() == "0 [False]", done.stderr


def test_a_stage_entered_many_times_is_reported_once_with_its_total():
    told = []
    clock = Stopwatch({}, lambda name, seconds: told.append(name))
    for _ in range(3):
        with clock.stage("charts", report=False):
            pass
    with clock.stage("charts"):
        pass
    assert told == ["charts"]


def test_a_rebuild_leaves_only_its_own_chart_images(tmp_path):
    from sakip_report.build import Options, build

    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "05-anggaran_program.png").write_bytes(b"an older build's name")
    result = build(Options(out=tmp_path, formats=("pptx",), preview=False))
    left = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert left == sorted(p.name for p in result.outputs if p.parent.name == "charts")
    assert left and "05-anggaran_program.png" not in left
