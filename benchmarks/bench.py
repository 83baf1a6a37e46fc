#!/usr/bin/env python3
"""Performance budgets of the build: `python benchmarks/bench.py [--runs 5] [--quick] [--check]`.

Measures, on the sample data, alternately within one run (so a busy machine slows every figure
alike) and as medians over `--runs` rounds:

1. the import floor — a bare `python -c "import pandas, matplotlib.pyplot, pptx, openpyxl, jinja2"`;
2. a PPTX-only build (`build_report.py --formats pptx --quiet`), and its ratio to the floor;
3. a PPTX+PDF build, a bare `soffice --convert-to pdf` of the same deck (fresh profile), their ratio;
   the same bare conversion with the self-test skipped, as the build's own profile does;
4. the time of each stage (`build(Options(...)).timings`, in a fresh process each round);
5. the peak memory (max RSS) of the PPTX-only build process;
6. growth: PPTX-only builds of synthetic agencies with N = 10, 100, 1000 indicators;
7. batch: 40 synthetic agencies x 12 indicators in one `build --data FOLDER` run, PPTX+PDF.

Builds run "cold" (SAKIP_NO_CACHE=1: every chart drawn, as on new data) and "warm" (chart images
from the build's cache, as on a rebuild), with the build's caches in a private folder.

Prints a table (figure, value, budget, PASS/FAIL) and writes the same to build/bench.json.
`--check` exits 1 when a budget fails. See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from synthetic import make_agencies, make_agency  # noqa: E402

from sakip_report.pdf import fontconfig_env, mark_version_seen  # noqa: E402

PY = sys.executable
SAMPLE = ROOT / "data" / "sample"
FONTS = ROOT / "templates" / "fonts"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() and os.access("/usr/bin/time", os.X_OK) else None
FLOOR_IMPORTS = "import pandas, matplotlib.pyplot, pptx, openpyxl, jinja2"

BUDGET_PPTX_RATIO = 1.5  # PPTX-only build / import floor (issue #13: charts that read, on plain matplotlib)
BUDGET_PDF_RATIO = 1.5  # PPTX+PDF build / bare soffice conversion
BUDGET_RSS_MB = 250.0  # peak RSS of the PPTX-only build, MiB
BUDGET_1000_S = 10.0  # PPTX-only build of 1000 indicators, seconds
BUDGET_BATCH_S = 45.0  # 40 agencies x 12 indicators, PPTX+PDF, on 2 cores (issue #13)

# In-process build in a fresh interpreter: the stage timings as the build itself reports them.
STAGE_SCRIPT = """
import json, sys
from pathlib import Path
from sakip_report.build import Options, build
result = build(Options(data=Path(sys.argv[1]), out=Path(sys.argv[2]), formats=tuple(sys.argv[3].split(","))))
Path(sys.argv[4]).write_text(json.dumps({"timings": result.timings, "slides": result.slides,
                                        "peak_rss_kib": result.peak_rss_kib}))
"""


# --- running one measured process --------------------------------------------------------------
@dataclass
class Sample:
    """One measured process: wall seconds, exit code, peak RSS (KiB) and its last stderr line."""

    seconds: float
    rc: int
    rss_kb: int | None = None
    error: str = ""
    timed_out: bool = False
    cpu_s: float | None = None  # user + system time of the process and every child it waited for

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out


def run(cmd: list[str], *, timeout: float | None = None, env: dict | None = None) -> Sample:
    """Run `cmd` from the project root; wall time with perf_counter around the whole process.

    Peak memory from `/usr/bin/time -v` when present, else from wait4()'s rusage of the child.
    The process gets its own session so a timeout kills it and everything it started.
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        rss_file, err_file = Path(tmp) / "time.txt", Path(tmp) / "stderr.txt"
        prefix = [GNU_TIME, "-v", "-o", str(rss_file)] if GNU_TIME else []
        killed = threading.Event()

        def kill(pid: int) -> None:
            killed.set()
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        with open(err_file, "wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(prefix + cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err, env=env, start_new_session=True)
            timer = threading.Timer(timeout, kill, (proc.pid,)) if timeout else None
            if timer:
                timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            if timer:
                timer.cancel()
        proc.returncode = rc = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        rss = _gnu_time_rss(rss_file) if GNU_TIME else None
        if rss is None:  # ru_maxrss: KiB on Linux, bytes on macOS
            rss = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
        lines = [ln for ln in err_file.read_text(errors="replace").splitlines()
                 if ln.strip() and not ln.startswith(("\tCommand", "Command exited"))]
        error = "" if rc == 0 else (lines[-1].strip() if lines else f"exit {rc}")
        return Sample(seconds, rc, rss, error, killed.is_set(), usage.ru_utime + usage.ru_stime)


def _gnu_time_rss(path: Path) -> int | None:
    """`Maximum resident set size (kbytes): N` from GNU time's report."""
    try:
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", path.read_text())
    except OSError:
        return None
    return int(match.group(1)) if match else None


def find_soffice() -> str | None:
    """soffice as the build finds it (on PATH or in the usual install folders)."""
    try:
        from sakip_report.pdf import find_soffice as found
        return found()
    except Exception:  # noqa: BLE001 — the build's module moved or broke: fall back to PATH
        return shutil.which("soffice") or shutil.which("libreoffice")


# --- the measured commands -------------------------------------------------------------------------
def cache_env(cache: Path, *, charts: bool = True) -> dict:
    """The build's environment: its caches (chart images, LibreOffice profile) in a private folder.

    `charts=False` sets SAKIP_NO_CACHE=1: every chart is drawn, as on the first build of new data.
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("SAKIP_NO_CACHE", None)
    if not charts:
        env["SAKIP_NO_CACHE"] = "1"
    return env


def floor() -> Sample:
    return run([PY, "-c", FLOOR_IMPORTS])


def cli_build(data: Path, out: Path, formats: str, env: dict, timeout: float | None = None) -> Sample:
    return run([PY, "build_report.py", "--data", str(data), "--out", str(out), "--formats", formats, "--quiet"],
               env=env, timeout=timeout)


def stage_build(data: Path, out: Path, formats: str, env: dict) -> tuple[Sample, dict]:
    """The build run in-process (in a fresh interpreter); its own stage timings."""
    out.mkdir(parents=True, exist_ok=True)
    report = out / "timings.json"
    sample = run([PY, "-c", STAGE_SCRIPT, str(data), str(out / "deck"), formats, str(report)], env=env)
    return sample, (json.loads(report.read_text()) if sample.ok and report.is_file() else {})


def bare_command(soffice: str, profile: Path, out: Path, decks: list[Path]) -> list[str]:
    """A plain `soffice --convert-to pdf` of `decks` into `out`, with the private profile `profile`."""
    return [soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "pdf", "--outdir", str(out), *map(str, decks)]


def bare_soffice(soffice: str, pptx: Path, work: Path, *, seen: bool = False) -> Sample:
    """`soffice --convert-to pdf` of the deck with a fresh private profile and the deck's fonts.

    `seen`: the profile records the version as started, so LibreOffice skips its start-up
    self-test, as the build's own profile does — LibreOffice's least cost for this deck.
    """
    work.mkdir(parents=True, exist_ok=True)
    if seen:
        mark_version_seen(work / "profile", soffice)
    env = fontconfig_env(FONTS, work)  # the fonts.conf the build hands LibreOffice
    return run(bare_command(soffice, work / "profile", work / "pdf", [pptx]), env=env, timeout=600)


def bare_soffice_lanes(soffice: str, decks: list[Path], work: Path) -> Sample:
    """One bare `soffice --convert-to pdf` per core, each converting its share of `decks`, in parallel."""
    lanes = max(1, os.cpu_count() or 1)
    script = ("import subprocess, sys\n"
              "procs = [subprocess.Popen(a.split('\\x1f')) for a in sys.argv[1:]]\n"
              "sys.exit(max(p.wait() for p in procs))\n")
    work.mkdir(parents=True, exist_ok=True)
    commands = ["\x1f".join(bare_command(soffice, work / f"profile-{k}", work / "pdf", decks[k::lanes]))
                for k in range(lanes) if decks[k::lanes]]
    return run([PY, "-c", script, *commands], env=fontconfig_env(FONTS, work), timeout=900)


def slide_count(folder: Path) -> int | None:
    """Slides of the deck written into `folder` (counted in the PPTX's zip)."""
    decks = sorted(folder.glob("*.pptx"))
    if not decks:
        return None
    with zipfile.ZipFile(decks[0]) as zf:
        return sum(1 for n in zf.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))


# --- statistics ----------------------------------------------------------------------------------
def median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares seconds per indicator through (N, seconds)."""
    if len(points) < 2:
        return None
    mx = sum(n for n, _ in points) / len(points)
    my = sum(s for _, s in points) / len(points)
    den = sum((n - mx) ** 2 for n, _ in points)
    return sum((n - mx) * (s - my) for n, s in points) / den if den else None


@dataclass
class Figure:
    """One line of the table."""

    name: str
    value: float | None
    unit: str
    budget: str = ""
    passed: bool | None = None  # None: no budget
    note: str = ""

    def row(self) -> tuple[str, str, str, str]:
        value = "n/a" if self.value is None else f"{self.value:.3f}" if abs(self.value) < 0.01 else f"{self.value:.2f}"
        shown = value if self.value is None else f"{value} {self.unit}".strip()
        result = "" if self.passed is None else "PASS" if self.passed else "FAIL"
        return self.name, shown, self.budget, (result + (f"  {self.note}" if self.note else "")).strip()


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    samples: dict = field(default_factory=dict)
    stages: dict = field(default_factory=dict)
    growth: list = field(default_factory=list)
    batch: dict = field(default_factory=dict)
    machine: dict = field(default_factory=dict)

    def add(self, *args, **kwargs) -> Figure:
        self.figures.append(Figure(*args, **kwargs))
        return self.figures[-1]


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:.0%}"


# --- the benchmark ---------------------------------------------------------------------------
# (task, what it runs): cold = every chart drawn (SAKIP_NO_CACHE=1), warm = chart images from the cache
SAMPLE_TASKS = ("floor", "pptx_cold", "pptx_warm", "stages_cold", "stages_warm")
PDF_TASKS = ("pdf_cold", "pdf_warm", "soffice", "soffice_seen", "stages_pdf_cold")


def measure_sample(runs: int, soffice: str | None, work: Path, report: Report, log) -> None:
    """Floor, PPTX builds, PPTX+PDF builds, bare soffice, stages: alternately, `runs` rounds.

    The build's caches live in a private folder that the warm-up fills (LibreOffice profile and
    chart images); cold builds ignore the chart cache, warm ones use it.
    """
    tasks = SAMPLE_TASKS + (PDF_TASKS if soffice else ())
    raw: dict[str, list[Sample]] = {t: [] for t in tasks}
    stage_runs: dict[str, list[dict]] = {}
    memory: dict[str, list[dict]] = {}  # per stage task: the build's own peaks (build process, chart worker)
    cache = work / "cache"
    cold, warm = cache_env(cache, charts=False), cache_env(cache)
    log("warm-up (not counted) ...")
    first = cli_build(SAMPLE, work / "deck", "pptx", warm)
    if not first.ok:
        raise SystemExit(f"the sample build fails: {first.error}")
    deck = sorted((work / "deck").glob("*.pptx"))[0]
    floor()
    if soffice:
        cli_build(SAMPLE, work / "warm-pdf", "pptx,pdf", warm)  # fills the LibreOffice profile cache
    for r in range(runs):
        order = tasks[r % len(tasks):] + tasks[:r % len(tasks)]  # rotate: no task always runs first
        for task in order:
            out = work / f"r{r}-{task}"
            env = cold if task.endswith("_cold") else warm
            if task == "floor":
                s = floor()
            elif task.startswith("soffice"):
                s = bare_soffice(soffice, deck, out, seen=task == "soffice_seen")
            elif task.startswith("stages"):
                formats = "pptx,pdf" if "pdf" in task else "pptx"
                s, info = stage_build(SAMPLE, out, formats, env)
                if info:
                    stage_runs.setdefault(task, []).append(info["timings"])
                    memory.setdefault(task, []).append(info.get("peak_rss_kib", {}))
            else:
                s = cli_build(SAMPLE, out, "pptx,pdf" if task.startswith("pdf") else "pptx", env)
            raw[task].append(s)
            shutil.rmtree(out, ignore_errors=True)
            if not s.ok:
                log(f"  {task}: FAILED ({s.error})")
        log(f"  round {r + 1}/{runs}: " + ", ".join(f"{t} {raw[t][-1].seconds:.2f}s" for t in tasks))

    def secs(task):
        return median([s.seconds for s in raw.get(task, []) if s.ok])

    report.samples = {t: [asdict(s) for s in v] for t, v in raw.items()}
    f = secs("floor")
    report.add("1. import floor: python -c 'import pandas, matplotlib.pyplot, pptx, openpyxl, jinja2'", f, "s",
               note=_spread(raw["floor"]))
    for kind, label in (("cold", "every chart drawn"), ("warm", "charts from the cache")):
        p = secs(f"pptx_{kind}")
        report.add(f"2. PPTX-only build, whole process ({kind}: {label})", p, "s", note=_spread(raw[f"pptx_{kind}"]))
        ratio = p / f if p and f else None
        report.add(f"2. PPTX-only build ({kind}) / import floor", ratio, "x", f"<= {BUDGET_PPTX_RATIO}",
                   None if ratio is None else ratio <= BUDGET_PPTX_RATIO)
    if soffice:
        b = secs("soffice")
        report.add("3. bare soffice --convert-to pdf (fresh profile)", b, "s", note=_spread(raw["soffice"]))
        for kind in ("cold", "warm"):
            d = secs(f"pdf_{kind}")
            report.add(f"3. PPTX+PDF build, whole process ({kind})", d, "s", note=_spread(raw[f"pdf_{kind}"]))
            ratio = d / b if d and b else None
            report.add(f"3. PPTX+PDF build ({kind}) / bare soffice", ratio, "x", f"<= {BUDGET_PDF_RATIO}",
                       None if ratio is None else ratio <= BUDGET_PDF_RATIO)
        seen = secs("soffice_seen")
        report.add("3. bare soffice, its start-up self-test skipped as in the build (LibreOffice's least cost)",
                   seen, "s", note=_spread(raw["soffice_seen"]))
        cold = secs("pdf_cold")
        report.add("3. PPTX+PDF build (cold) / that", cold / seen if cold and seen else None, "x")
    else:
        report.add("3. PPTX+PDF build / bare soffice", None, "", f"<= {BUDGET_PDF_RATIO}", None,
                   "skipped: LibreOffice (soffice) not found")
    walls = {"stages_cold": secs("pptx_cold"), "stages_warm": secs("pptx_warm"), "stages_pdf_cold": secs("pdf_cold")}
    for task, runs_ in stage_runs.items():
        label = {"stages_cold": "PPTX, cold", "stages_warm": "PPTX, warm", "stages_pdf_cold": "PPTX+PDF, cold"}[task]
        names = list(dict.fromkeys(k for t in runs_ for k in t))
        stages = {k: median([t.get(k) for t in runs_]) for k in names}
        report.stages[task] = {"median": stages, "runs": runs_}
        total = sum(stages.values())
        for k, v in stages.items():
            report.add(f"4. stage {k} ({label}; build() in-process)", v, "s", note=_pct(v / total if total else None))
        wall = walls.get(task)
        if wall:
            report.add(f"4. outside stages ({label}): interpreter, imports before build(), exit", wall - total, "s",
                       note=f"{_pct((wall - total) / wall)} of the whole-process time")
    floor_mb = median([s.rss_kb for s in raw["floor"]]) / 1024
    for kind in ("cold", "warm"):
        # the build's own peaks; the chart worker is a second process, so the two are added up
        # (an upper bound: their peaks need not coincide)
        peaks = memory.get(f"stages_{kind}", [])
        build_mb = median([m.get("build") for m in peaks])
        worker_mb = median([m.get("chart worker") for m in peaks])
        total = build_mb + worker_mb if build_mb is not None and worker_mb is not None else None
        total_mb = total / 1024 if total else None
        tree = median([s.rss_kb for s in raw[f"pptx_{kind}"] if s.ok])
        report.add(f"5. peak memory, PPTX-only build ({kind}): build process + chart worker", total_mb, "MiB",
                   f"<= {BUDGET_RSS_MB:.0f} MiB", None if total_mb is None else total_mb <= BUDGET_RSS_MB,
                   (f"build {build_mb / 1024:.0f} + worker {worker_mb / 1024:.0f} MiB; " if total else "")
                   + f"largest single process {tree / 1024 if tree else 0:.0f} MiB"
                   + ("" if GNU_TIME else " (wait4 rusage)")
                   + (f"; import floor alone {floor_mb:.0f} MiB" if kind == "cold" else ""))


def _spread(samples: list[Sample]) -> str:
    values = [s.seconds for s in samples if s.ok]
    return f"range {min(values):.2f}-{max(values):.2f} s, n={len(values)}" if values else "no successful run"


def measure_growth(sizes: tuple[int, ...], runs: int, timeout: float, work: Path, report: Report, log) -> None:
    """PPTX-only builds of synthetic agencies, alternating over N, each with an empty cache (cold);
    then one rebuild per N reusing the last cache (warm). Failures and timeouts are not repeated."""
    agencies = {}
    for n in sizes:
        start = time.perf_counter()
        agencies[n] = make_agency(work / f"agency-{n}", n, seed=0)
        log(f"  synthetic agency N={n} written in {time.perf_counter() - start:.2f}s")
    results: dict[int, list[Sample]] = {n: [] for n in sizes}
    rebuilt: dict[int, Sample] = {}
    slides: dict[int, int | None] = {}
    caches: dict[int, Path] = {}
    for r in range(runs + 1):
        for n in sizes:
            if results[n] and not results[n][-1].ok:
                continue  # a failing or timed-out size is measured once
            out = work / f"g{n}-r{r}"
            if r < runs:
                caches[n] = work / f"cache-{n}-{r}"  # empty: every chart drawn and stored
            s = cli_build(agencies[n], out, "pptx", cache_env(caches[n]), timeout=timeout)
            if r < runs:
                results[n].append(s)
            else:
                rebuilt[n] = s
            if slides.get(n) is None:
                slides[n] = slide_count(out)
            shutil.rmtree(out, ignore_errors=True)
            state = "ok" if s.ok else ("TIMEOUT" if s.timed_out else f"FAILED: {s.error}")
            log(f"  N={n} {'cold round ' + str(r + 1) if r < runs else 'warm rebuild'}: {s.seconds:.2f}s {state}")
    points, bounds = [], []  # bounds: failed builds at their time to failure (a lower bound)
    for n in sizes:
        ok = [s.seconds for s in results[n] if s.ok]
        med = median(ok)
        failed = next((s for s in results[n] if not s.ok), None)
        rss = median([s.rss_kb for s in results[n] if s.ok])
        note = (f"{slides.get(n)} slides, peak RSS {rss / 1024:.0f} MiB, {_spread(results[n])}" if med is not None else
                f"{'timed out' if failed.timed_out else 'build FAILED'} after {failed.seconds:.1f}s: {failed.error}")
        report.add(f"6. PPTX-only build, synthetic N={n} (cold)", med, "s", note=note)
        warm = rebuilt.get(n)
        if warm is not None:
            report.add(f"6. PPTX-only rebuild, synthetic N={n} (warm: charts from the cache)",
                       warm.seconds if warm.ok else None, "s", note="" if warm.ok else f"FAILED: {warm.error}")
        report.growth.append({"n": n, "median_s": med, "slides": slides.get(n), "peak_rss_mib": rss / 1024 if rss else None,
                              "runs": [asdict(s) for s in results[n]],
                              "warm_rebuild": asdict(warm) if warm is not None else None})
        if med is not None:
            points.append((n, med))
        bounds.append((n, med if med is not None else failed.seconds))
    k = slope(points)
    report.add("6. growth slope, cold (least squares over N)", k * 1000 if k is not None else None,
               "s per 1000 indicators",
               note=f"on N = {', '.join(str(n) for n, _ in points)}" if len(points) > 1 else "fewer than 2 successful sizes")
    if len(points) < len(bounds) and slope(bounds) is not None:
        report.add("6. growth slope, lower bound (failed builds at their time to failure)", slope(bounds) * 1000,
                   "s per 1000 indicators")
    if 1000 in sizes:
        t1000 = next(g["median_s"] for g in report.growth if g["n"] == 1000)
        lower = dict(bounds)[1000]
        report.add("6. N=1000 builds in <= 10 s (cold)", t1000, "s", f"<= {BUDGET_1000_S:.0f} s",
                   t1000 is not None and t1000 <= BUDGET_1000_S,
                   "" if t1000 is not None else f"no deck; failed after {lower:.0f} s")


def measure_batch(count: int, n_indicators: int, soffice: str | None, timeout: float, work: Path, report: Report,
                  log) -> None:
    """`build --data FOLDER-OF-AGENCIES`: `count` synthetic agencies, every chart drawn (an empty cache).

    Once PPTX-only and once PPTX+PDF (the budget); each against the floor measured just before it.
    """
    start = time.perf_counter()
    make_agencies(work / "agencies", count, n_indicators)
    log(f"  {count} synthetic agencies x {n_indicators} indicators written in {time.perf_counter() - start:.1f}s")
    for formats in ("pptx", "pptx,pdf") if soffice else ("pptx",):
        f = floor()
        s = cli_build(work / "agencies", work / f"out-{formats}", formats, cache_env(work / f"cache-{formats}",
                      charts=False), timeout=timeout)
        decks = len(list((work / f"out-{formats}").glob("*/*.pptx" if formats == "pptx" else "*/*.pdf")))
        log(f"  batch {formats}: {s.seconds:.1f}s, {decks} decks" + ("" if s.ok else f" FAILED: {s.error}"))
        label = "PPTX+PDF" if "pdf" in formats else "PPTX only"
        cores = os.cpu_count() or 1
        note = (f"{decks} decks, {s.seconds / max(decks, 1):.2f} s a deck; {s.cpu_s:.0f} CPU-s in all processes "
                f"= at least {s.cpu_s / cores:.0f} s on {cores} cores" if s.ok else f"FAILED: {s.error}")
        if "pdf" in formats:
            report.add(f"7. batch of {count} agencies x {n_indicators} indicators, {label}", s.seconds if s.ok else None,
                       "s", f"<= {BUDGET_BATCH_S:.0f} s", s.ok and decks == count and s.seconds <= BUDGET_BATCH_S, note)
            bare = report.batch.get("bare_soffice", {})
            if s.ok and bare.get("ok"):
                report.add("7. batch PPTX+PDF / bare soffice of the same decks (LibreOffice's own share)",
                           s.seconds / bare["seconds"], "x")
        else:
            report.add(f"7. batch of {count} agencies x {n_indicators} indicators, {label}", s.seconds if s.ok else None,
                       "s", note=note)
        report.batch[formats] = {"seconds": s.seconds, "cpu_s": s.cpu_s, "ok": s.ok, "decks": decks,
                                 "floor_s": f.seconds}
        if formats == "pptx" and soffice and s.ok:  # the least LibreOffice alone needs for these decks
            bare = bare_soffice_lanes(soffice, sorted((work / "out-pptx").glob("*/*.pptx")), work / "bare")
            log(f"  bare soffice, {cores} parallel runs over the {decks} decks: {bare.seconds:.1f}s")
            report.add(f"7. bare soffice --convert-to pdf of those {decks} decks, {cores} runs in parallel",
                       bare.seconds if bare.ok else None, "s",
                       note=f"{bare.cpu_s:.0f} CPU-s" if bare.ok else f"FAILED: {bare.error}")
            report.batch["bare_soffice"] = {"seconds": bare.seconds, "cpu_s": bare.cpu_s, "ok": bare.ok}
        shutil.rmtree(work / f"out-{formats}", ignore_errors=True)
    if not soffice:
        report.add("7. batch PPTX+PDF", None, "", f"<= {BUDGET_BATCH_S:.0f} s", None, "skipped: soffice not found")


def machine_info(soffice: str | None) -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "loadavg_start": os.getloadavg(), "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "soffice": soffice, "rss_source": "/usr/bin/time -v" if GNU_TIME else "wait4 rusage"}
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                        text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout.strip()
        info["src_modified"] = bool(dirty)
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def print_table(report: Report, out=sys.stdout) -> None:
    rows = [("figure", "value", "budget", "result")] + [f.row() for f in report.figures]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for i, r in enumerate(rows):
        print(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}", file=out)
        if i == 0:
            print("-" * (sum(widths) + 16), file=out)
    failed = [f.name for f in report.figures if f.passed is False]
    print(f"\nbudgets: {sum(f.passed is True for f in report.figures)} PASS, {len(failed)} FAIL"
          + (": " + "; ".join(failed) if failed else ""), file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure build time, memory and growth against the budgets.")
    ap.add_argument("--runs", type=int, help="rounds on the sample data (default 5, --quick 3)")
    ap.add_argument("--quick", action="store_true", help="3 rounds, growth up to N=100 (a smoke test)")
    ap.add_argument("--sizes", help="growth sizes, comma-separated (default 10,100,1000; --quick 10,100)")
    ap.add_argument("--growth-runs", type=int, default=3, help="builds per growth size (median; default 3)")
    ap.add_argument("--growth-timeout", type=float, default=300.0,
                    help="seconds before a growth build is killed (default 300)")
    ap.add_argument("--no-growth", action="store_true", help="only the sample-data figures")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    ap.add_argument("--batch", type=int, help="agencies in the batch figure (default 40, --quick 6; 0: none)")
    ap.add_argument("--batch-indicators", type=int, default=12, help="indicators per batch agency (default 12)")
    ap.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json", help="default build/bench.json")
    ap.add_argument("--check", action="store_true", help="exit 1 when a budget fails")
    args = ap.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else ((10, 100) if args.quick else (10, 100, 1000))
    soffice = None if args.no_pdf else find_soffice()

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    report = Report(machine=machine_info(soffice))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sakip-bench-") as tmp:
        work = Path(tmp)
        # The builds get private XDG_CACHE_HOMEs; matplotlib would follow them and rebuild its font
        # list in every empty one. One private, persistent matplotlib folder for every process instead.
        os.environ["MPLCONFIGDIR"] = str(work / "mplconfig")
        log(f"sample data: {runs} alternating rounds" + ("" if soffice else " (no soffice: PDF figures skipped)"))
        measure_sample(runs, soffice, work, report, log)
        if not args.no_growth:
            log(f"growth: N = {', '.join(map(str, sizes))}, {args.growth_runs} builds each")
            measure_growth(sizes, args.growth_runs, args.growth_timeout, work / "growth", report, log)
        batch = args.batch if args.batch is not None else (6 if args.quick else 40)
        if batch:
            log(f"batch: {batch} agencies, one run PPTX-only and one PPTX+PDF")
            measure_batch(batch, args.batch_indicators, soffice, 900.0, work / "batch", report, log)
    report.machine["loadavg_end"] = os.getloadavg()
    report.machine["bench_seconds"] = round(time.perf_counter() - started, 1)
    report.machine["runs"], report.machine["sizes"] = runs, list(sizes)
    print()
    print_table(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"machine": report.machine, "figures": [asdict(f) for f in report.figures],
               "stages": report.stages, "growth": report.growth, "batch": report.batch, "samples": report.samples}
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 1 if args.check and any(f.passed is False for f in report.figures) else 0


if __name__ == "__main__":
    sys.exit(main())
