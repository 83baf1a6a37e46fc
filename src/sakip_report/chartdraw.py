"""Stage 5 — charts: every chart slide's PNG, from the cache, from a second process, or drawn here.

Compose has already planned each chart (`charts.Picture`: its size and every shape, in inches);
this stage only draws them. matplotlib is the costliest library of the build to import and drawing
the costliest stage, while the deck's text slides need neither. So on a machine with two or more
cores the build starts a chart worker (`python -m sakip_report.chartdraw`) before it reads the data:
the worker imports matplotlib on the other core while this process loads, computes and composes,
then draws each chart as soon as its slide is composed, while this process renders the other
slides; the pictures go in last (`Charts.wait`). On one core, in a batch pool (whose processes
already fill the cores), or with `SAKIP_CHART_WORKER=0`, the charts are drawn in this process. A
worker that cannot start or dies is not fatal: whatever it did not draw is drawn here, with a warning.

Either way a chart's image is byte-identical (the same plan, fonts and libraries), and an image
whose plan did not change since an earlier build comes from the content-addressed cache
(`chartcache`) without drawing at all.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from . import chartcache

WORKER_ENV = "SAKIP_CHART_WORKER"  # "0": never start a worker
WORKER_TIMEOUT = 300.0  # seconds: a worker that takes longer is killed and its charts drawn here


def draw_chart(picture, path: Path, palette: dict) -> None:
    """Draw one planned chart with matplotlib (imported only when a chart is really drawn)."""
    from .charts import draw

    draw(picture, path, palette)


# --------------------------------------------------------------------------------------------
# This process's side
# --------------------------------------------------------------------------------------------
def worker_wanted() -> bool:
    """A worker pays off only with a second core to run on (and can be switched off).

    POSIX only: the build waits for its answer with select() on a pipe and ends it with SIGKILL;
    on Windows the charts are drawn in the build itself.
    """
    if os.name != "posix" or os.environ.get(WORKER_ENV, "1").strip() in ("0", "no", "false"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return cores > 1


@dataclass
class Job:
    """One chart to draw: its plan, into which file, in which colours."""

    picture: object  # charts.Picture
    path: Path
    palette: dict
    digest: str = ""  # the cache key ("" when the cache is off)


class Worker:
    """The second process: started early, fed the charts one by one, its answer read once."""

    # -P: the working folder is not searched for modules (a stray matplotlib.py there is not imported)
    command = (sys.executable, "-P", "-m", "sakip_report.chartdraw")

    def __init__(self) -> None:
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(list(self.command), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._stderr, env=env, close_fds=True)
        self.maxrss_kib = 0  # the worker's peak memory, as it reported it

    def submit(self, job: Job) -> None:
        """Hand over one chart; the worker starts drawing it at once."""
        pickle.dump((job.picture, str(job.path), job.palette), self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.flush()

    def end(self) -> None:
        """No more charts: the worker answers once it has drawn those it has."""
        pickle.dump(None, self.proc.stdin)
        self.proc.stdin.close()

    def results(self) -> list[str | None]:
        """Per job None (drawn) or the error; raises WorkerDied when the worker gave no answer."""
        try:
            ready, _, _ = select.select([self.proc.stdout], [], [], WORKER_TIMEOUT)
            if not ready:
                raise TimeoutError(f"tidak selesai dalam {WORKER_TIMEOUT:.0f} detik")
            answer = pickle.load(self.proc.stdout)
            self.proc.wait(timeout=WORKER_TIMEOUT)
        except (EOFError, pickle.UnpicklingError, OSError, subprocess.TimeoutExpired) as exc:
            reason = f"{type(exc).__name__}: {exc}; {self.stderr_tail()}".strip("; ")
            self.close()
            raise WorkerDied(reason) from None
        self.maxrss_kib = answer["maxrss_kib"]
        return answer["errors"]

    def stderr_tail(self, lines: int = 5) -> str:
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        return " | ".join(text[-lines:])

    def failure(self, exc: Exception) -> str:
        """Why the worker stopped taking jobs: the error and the end of what it printed."""
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        return f"{exc}; {self.stderr_tail()}".strip("; ")

    def close(self) -> None:
        """Stop the worker: its answer was read, or it is no longer wanted (all charts cached, build failed).

        A worker killed before it answered is reaped with its resource usage, so its peak memory
        counts too.
        """
        if self.proc.returncode is None:  # not reaped yet (Popen.kill would poll, i.e. reap, first)
            try:
                os.kill(self.proc.pid, signal.SIGKILL)  # an exited worker is a zombie: harmless
            except ProcessLookupError:
                pass
            try:
                _, status, usage = os.wait4(self.proc.pid, 0)
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                self.maxrss_kib = max(self.maxrss_kib, usage.ru_maxrss)
            except ChildProcessError:
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self._stderr):
            try:
                stream.close()
            except OSError:  # a pipe whose reader is gone
                pass


class WorkerDied(Exception):
    """The chart worker ended without answering."""


class Charts:
    """The chart stage for one build: each chart slide's image set as its slide is composed.

    `add` is called for each chart slide as it is composed (charts are composed first): a chart
    whose image is cached is copied at once; any other is handed to the worker at once, so the
    worker draws while the other slides are still being composed. `finish` says there are no more;
    without a worker it draws them here. `wait` returns once every image is on disk: the render
    calls it just before it inserts the pictures.
    """

    def __init__(self, palette: dict, chart_dir: Path, worker: Worker | None = None) -> None:
        self.palette, self.chart_dir, self.worker = palette, chart_dir, worker
        self.jobs: list[Job] = []
        self.warnings: list[str] = []
        self.done = False
        self._names: set[str] = set()

    def add(self, name: str, slide):
        """`slide` with its image (`<chart dir>/<name>.png`) if it is a chart (its size set by compose)."""
        if slide.kind != "gambar" or "chart" not in slide.extra:
            return slide
        unique, k = name, 1
        while unique in self._names:  # two charts never share a file (nor, through it, a cache entry)
            k += 1
            unique = f"{name}~{k}"
        self._names.add(unique)
        job = Job(slide.extra["chart"], self.chart_dir / f"{unique}.png", self.palette)
        if chartcache.enabled():
            job.digest = chartcache.key(job.picture, self.palette)
        if not (job.digest and chartcache.fetch(job.digest, job.path)):
            self.jobs.append(job)
            self._send(job)
        return replace(slide, image=str(job.path))

    def _send(self, job: Job) -> None:
        if self.worker is None:
            return
        try:
            self.worker.submit(job)
        except OSError as exc:  # the worker is gone: everything is drawn here
            reason = self.worker.failure(exc)
            self.warnings.append(f"proses gambar grafik tidak menerima tugas ({reason}); grafik digambar di proses utama")
            self.abort()

    def abort(self) -> None:
        """Stop the worker now: the build failed (before the staging folder it writes into is
        removed), the worker failed, or it is not needed."""
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    def finish(self) -> None:
        """No more charts: the worker may answer once it has drawn them; without a worker, draw them now."""
        if not self.jobs:  # all cached: the worker is not needed
            self.abort()
        if self.worker is not None:
            try:
                self.worker.end()
            except OSError:
                pass  # it died: `wait` finds out and draws the charts here
        else:
            self.wait()

    def wait(self) -> None:
        if self.done:
            return
        self.done = True
        errors: list[str | None] = ["not drawn yet"] * len(self.jobs)
        if self.worker is not None:
            try:
                answered = self.worker.results()
                errors = answered + ["not drawn"] * (len(self.jobs) - len(answered))
            except WorkerDied as exc:
                self.warnings.append(f"proses gambar grafik berhenti ({exc}); grafik digambar ulang di proses utama")
            finally:
                self.worker.close()
        for job, error in zip(self.jobs, errors):
            if error is not None:  # drawing it here raises the real exception, with its traceback
                draw_chart(job.picture, job.path, job.palette)
            if job.digest:
                chartcache.store(job.digest, job.path)


# --------------------------------------------------------------------------------------------
# The worker's side: `python -m sakip_report.chartdraw`
# --------------------------------------------------------------------------------------------
def warm_up() -> None:
    """Import matplotlib, load the deck's fonts and draw a little, so the first chart starts at once."""
    import tempfile

    from . import charts

    text = charts.Text(0.25, 0.25, "0,1%", 12, "dk1", bold=True)
    picture = charts.Picture((0.5, 0.5), 72, (text,), charts._font_files())
    with tempfile.TemporaryDirectory() as folder:
        charts.draw(picture, Path(folder) / "warm.png", {"lt1": "#FFFFFF", "dk1": "#000000"})


def _serve() -> int:
    """Import the drawing libraries, draw each chart as it arrives, answer once after the last."""
    import resource
    import traceback

    answer_to = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the answer may reach the pipe
    warm_up()
    errors = []
    while True:
        try:
            job = pickle.load(sys.stdin.buffer)
        except EOFError:  # the build needs no more (every chart cached) or is gone: no answer
            return 0
        if job is None:
            break
        picture, path, palette = job
        try:
            draw_chart(picture, Path(path), palette)
            errors.append(None)
        except Exception:  # reported; the build draws it again to raise it properly
            errors.append(traceback.format_exc())
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pickle.dump({"errors": errors, "maxrss_kib": maxrss}, answer_to, protocol=pickle.HIGHEST_PROTOCOL)
    answer_to.flush()
    return 0


if __name__ == "__main__":
    sys.stdout.flush()
    os._exit(_serve())
