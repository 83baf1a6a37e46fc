"""The designer's guide of the README, recipe by recipe: each change is made to a copy of the
templates (or slides) only, and the deck is built from it. No recipe touches Python."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from deck_text import keyed_rows, shape_texts
from sakip_report import paths
from sakip_report.build import Options, build
from sakip_report.init import init_workbooks
from sakip_report.layoutcheck import check_pdf, deck_words

HAS_SOFFICE = shutil.which("soffice") is not None


def _copy(tmp_path: Path, name: str) -> Path:
    """A copy of the project's templates/ or slides/ to change."""
    dest = tmp_path / name
    shutil.copytree(getattr(paths, name.upper()), dest)
    return dest


def _edit_theme(master: Path, edit) -> None:
    """Change the theme of a master .pptx (its ppt/theme/themeN.xml) as PowerPoint's Design tab does."""
    edited = master.with_suffix(".tmp")
    with zipfile.ZipFile(master) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if re.fullmatch(r"ppt/theme/theme\d+\.xml", item.filename):
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    edited.replace(master)


def _build(tmp_path: Path, formats=("pptx",), **kw) -> tuple[Path, Path | None]:
    out = tmp_path / "out"
    build(Options(out=out, formats=formats, preview=False, **kw))
    return next(out.glob("*.pptx")), next(out.glob("*.pdf"), None)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_recipe_theme_font(tmp_path):
    """Design → Variants → Fonts: DejaVu Sans for headings and body. The deck builds with --strict,
    its text is measured in that font (nothing out of place, no word broken) and set in it in the PDF."""
    templates = _copy(tmp_path, "templates")
    _edit_theme(templates / "master.pptx",
                lambda xml: re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', r'\1DejaVu Sans"', xml))
    pptx, pdf = _build(tmp_path, ("pptx", "pdf"), templates=templates, strict=True)
    with pdfplumber.open(pdf) as doc:
        used = {c["fontname"].split("+")[-1] for page in doc.pages for c in page.chars}
    assert used and all(name.startswith("DejaVuSans") for name in used), used
    deck = Presentation(str(pptx))
    words = deck_words(t for slide in deck.slides for t in shape_texts(slide.shapes))
    assert check_pdf(pdf, expected_pages=len(deck.slides), min_pt=10, words=words) == []


def test_recipe_theme_colours(tmp_path):
    """Design → Variants → Colors: a new accent 1 recolours every table header and pohon level that uses it."""
    templates = _copy(tmp_path, "templates")
    _edit_theme(templates / "master.pptx",
                lambda xml: re.sub(r'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', r"\g<1>7A1F5C", xml))
    pptx, _ = _build(tmp_path, templates=templates)
    with zipfile.ZipFile(pptx) as z:
        theme = next(z.read(n).decode() for n in z.namelist() if re.fullmatch(r"ppt/theme/theme\d+\.xml", n))
        slides = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert re.search(r'<a:accent1>\s*<a:srgbClr val="7A1F5C"', theme)
    assert '<a:schemeClr val="accent1"/>' in slides  # shapes name the slot, so they take the new colour


def test_recipe_table_column(tmp_path):
    """slides/12_capaian_iku.toml: a KETERANGAN column (Tercapai / Belum tercapai) at the end."""
    slides = _copy(tmp_path, "slides")
    path = slides / "12_capaian_iku.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "]\n", '  { id = "keterangan", judul = ["KETERANGAN", "^", "^"], lebar = 1.2 },\n]\n'), encoding="utf-8")
    pptx, _ = _build(tmp_path, slides=slides)
    rows = [row for _, row in keyed_rows(pptx, "slides/12_capaian_iku.toml")]
    assert rows and {row["keterangan"] for row in rows if row["nama"]} <= {"Tercapai", "Belum tercapai"}
    assert any(row["keterangan"] == "Tercapai" for row in rows)


def test_recipe_category_bands(tmp_path):
    """templates/aturan.toml: another province's bands, >100 Sangat Baik, 75–100 Baik, 55–74 Cukup, <55 Kurang."""
    templates = _copy(tmp_path, "templates")
    rules = templates / "aturan.toml"
    text = rules.read_text(encoding="utf-8")
    bands = ('[[kategori]]\nlabel = "Sangat Baik"\nlebih_dari = 100\n[[kategori]]\nlabel = "Baik"\nmin = 75\nmaks = 100\n'
             '[[kategori]]\nlabel = "Cukup"\nmin = 55\nkurang_dari = 75\n[[kategori]]\nlabel = "Kurang"\nkurang_dari = 55\n')
    rules.write_text(re.sub(r"(\[\[kategori\]\][^\[]*)+", bands + "\n", text, count=1), encoding="utf-8")
    pptx, _ = _build(tmp_path, templates=templates)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(pptx)).slides if s.has_notes_slide)
    assert "— Sangat Baik." in notes or "— Baik." in notes
    assert "Sangat Tinggi" not in notes


def test_recipe_new_slide_of_an_existing_kind(tmp_path):
    """slides/05b_serapan_anggaran.toml: a table of budget absorption per program, from columns on offer."""
    slides = _copy(tmp_path, "slides")
    (slides / "05b_serapan_anggaran.toml").write_text('''kind = "tabel"
tabel = "anggaran_program"
title = "SERAPAN ANGGARAN PER PROGRAM TAHUN {{ periode.tahun }}"
kolom = [
  { id = "no",        judul = ["NO"],                 lebar = 0.5 },
  { id = "program",   judul = ["PROGRAM"],            lebar = 5.0 },
  { id = "anggaran",  judul = ["ANGGARAN"],           lebar = 2.2 },
  { id = "realisasi", judul = ["REALISASI ANGGARAN"], lebar = 2.2 },
  { id = "serapan",   judul = ["SERAPAN"],            lebar = 1.2 },
]
''', encoding="utf-8")
    pptx, _ = _build(tmp_path, slides=slides)
    rows = [row for _, row in keyed_rows(pptx, "slides/05b_serapan_anggaran.toml")]
    assert rows and all(re.fullmatch(r"\d+,\d{2}%", row["serapan"]) for row in rows if row["no"] != "TOTAL")
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(pptx)).slides if s.shapes.title is not None]
    assert titles.index("SERAPAN ANGGARAN PER PROGRAM TAHUN 2024") == titles.index("ANGGARAN PER PROGRAM TAHUN 2024") + 1


def test_recipe_templates_beside_the_data(tmp_path):
    """`sakip-report init DIR --with-templates`: the agency's own templates/ and slides/ beside its data,
    used without any option; here its tables get accent 2 headers."""
    data = tmp_path / "dinas"
    init_workbooks(data, "Dinas Contoh", 2025, with_templates=True)
    for xlsx in paths.DATA.glob("*.xlsx"):  # the sample's figures, the agency's own look
        shutil.copy(xlsx, data / xlsx.name)
    layout = data / "templates" / "layout.toml"
    layout.write_text(layout.read_text(encoding="utf-8").replace('warna_header = "accent1"', 'warna_header = "accent2"'),
                      encoding="utf-8")
    pptx, _ = _build(tmp_path, data=data)
    with zipfile.ZipFile(pptx) as z:
        slide = next(z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("ppt/slides/slide2"))
    assert '<a:solidFill><a:schemeClr val="accent2"/></a:solidFill></a:tcPr>' in slide


def test_recipe_chart_text_size(tmp_path):
    """templates/layout.toml [grafik] font_min = 14: every chart text at 14 pt or more, continuing on
    more slides where 14 pt needs them."""
    from sakip_report.compose import compose, read_layout
    from sakip_report.compute import compute, load_rules
    from sakip_report.normalise import read_data

    templates = _copy(tmp_path, "templates")
    layout = templates / "layout.toml"
    layout.write_text(re.sub(r"(?m)^font_min = 12\.5 ", "font_min = 14 ", layout.read_text(encoding="utf-8"), count=1),
                      encoding="utf-8")
    data = read_data(paths.ROOT / "data" / "contoh-dinkes")
    results = compute(data, load_rules(templates / "aturan.toml"))
    slides = compose(data, results, paths.SLIDES, templates / "text", layout=read_layout(templates))
    pictures = [s.extra["chart"] for s in slides if s.kind == "gambar" and "chart" in s.extra]
    assert pictures and min(t.size for p in pictures for t in p.texts()) >= 14
    default = compose(data, results, paths.SLIDES, paths.TEMPLATES / "text")
    assert len(slides) >= len(default)
