"""Watch mode: a build at start, another after each change, none while nothing changes."""
from pathlib import Path

from sakip_report.build import Options
from sakip_report.cli import main
from sakip_report.watch import snapshot, watch

ROOT = Path(__file__).resolve().parents[1]


def folders(tmp_path):
    data, templates, slides = (tmp_path / n for n in ("data", "templates", "slides"))
    for d in (data, templates, slides):
        d.mkdir()
    (data / "kinerja.xlsx").write_bytes(b"x")
    (slides / "01.toml").write_text("kind = 'judul'\n")
    return Options(data=data, templates=templates, slides=slides, out=tmp_path / "out")


def test_rebuilds_after_a_change_and_not_before(tmp_path):
    opts = folders(tmp_path)
    builds, sleeps = [], []

    def fake_sleep(_):
        sleeps.append(1)
        if len(sleeps) == 3:  # three quiet polls, then a template edit
            (opts.templates / "layout.toml").write_text("[halaman]\n")

    watch(opts, lambda o: builds.append(o) or 0, interval=0, max_builds=2, sleep=fake_sleep)
    assert len(builds) == 2 and len(sleeps) == 3


def test_snapshot_ignores_office_lock_files(tmp_path):
    (tmp_path / "~$kinerja.xlsx").write_bytes(b"lock")
    (tmp_path / ".~lock.kinerja.xlsx#").write_bytes(b"lock")
    (tmp_path / "kinerja.xlsx").write_bytes(b"x")
    assert list(snapshot([tmp_path])) == [str(tmp_path / "kinerja.xlsx")]


def test_watch_command_builds_the_sample_once(tmp_path, monkeypatch):
    import sakip_report.watch as w

    real = w.watch
    monkeypatch.setattr(w, "watch", lambda opts, build_once, **kw: real(opts, build_once, max_builds=1, **kw))
    assert main(["watch", "--out", str(tmp_path), "--formats", "pptx", "--quiet"]) == 0
    assert list(tmp_path.glob("*.pptx"))
