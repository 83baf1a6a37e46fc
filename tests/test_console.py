"""What a person sees: each stage as it ends, files written, every warning together at the end."""
from sakip_report.cli import main


def test_build_prints_stages_files_and_a_warnings_summary(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--formats", "pptx"]) == 0
    out, err = capsys.readouterr()
    for stage in ("load+validate", "compute", "compose", "charts", "render"):
        assert stage in err
    assert "ditulis:" in out and ".pptx" in out
    assert "1 peringatan:" in err and "kinerja.xlsx!IKU!T5" in err
    assert err.index("render") < err.index("1 peringatan:")  # the summary comes last


def test_quiet_prints_only_the_warnings(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--formats", "pptx", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == [
        "peringatan: kinerja.xlsx!IKU!T5: capaian tertulis 100,45% berbeda dengan hasil hitung 100,00% "
        "(rumus R/T); yang dipakai hasil hitung"]
