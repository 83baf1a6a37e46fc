"""Stage 5 — compose: slide definitions (slides/*.toml) + computed results → finished slide content.

Every figure is formatted here, through the one formatting module; titles and texts are jinja2
templates rendered in a sandbox with StrictUndefined, so a typo in a template is an error naming
the file, never an empty text. Which slides, in which order, with which titles: `slides/`.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import formatting as fmt
from .compute import Results
from .content import LEFT, MERGE_LEFT, MERGE_UP, UP, Cell, Group, Slide, Table, TextBlock
from .load import norm
from .paths import LAYOUT, TEMPLATES
from .normalise import S1, S2, TAHUNAN, SourceData
from .pohon import TreeNode
from .problems import TemplateProblem

SEMESTER_NAMES = {S1: "Semester I", S2: "Semester II"}


@dataclass(frozen=True)
class Context:
    """What a slide builder may use."""

    data: SourceData
    results: Results
    templates: "Templates"
    layout: dict  # templates/layout.toml


# --- templates ----------------------------------------------------------------------------
class Templates:
    """Jinja2 in a sandbox (templates may come from a pull request), StrictUndefined."""

    def __init__(self, text_dir: Path, variables: dict):
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        self.env = ImmutableSandboxedEnvironment(loader=FileSystemLoader(str(text_dir)), undefined=StrictUndefined,
                                        autoescape=False, keep_trailing_newline=False)
        self.env.filters.update(persen=fmt.format_percent, angka=fmt.format_number,
                                bulat=fmt.format_integer, rupiah=fmt.format_rupiah, nilai=fmt.format_value)
        self.variables = variables

    def string(self, source: str, where: str, **extra) -> str:
        """Render a template string from a slide definition (plain text is returned as it is)."""
        if "{" not in source:  # most header cells: no need to compile a template
            return source.strip()
        return self._render(lambda: self.env.from_string(source), where, extra)

    def file(self, name: str, **extra) -> str:
        """Render a template file from templates/text/."""
        return self._render(lambda: self.env.get_template(name), f"templates/text/{name}", extra)

    def _render(self, get, where: str, extra: dict) -> str:
        from jinja2 import TemplateError

        try:
            return get().render(**self.variables, **extra).strip()
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise TemplateProblem(f"{where}{f', baris {line}' if line else ''}: {exc}") from None


def template_variables(data: SourceData, results: Results) -> dict:
    """The variables every template sees: the agency (pd) and the period."""
    profil = data.profil
    p = results.period
    return {
        "pd": {"nama": profil["nama perangkat daerah"], "singkatan": profil.get("singkatan") or "",
               "pemda": profil["pemerintah daerah"]},
        "periode": {"tahun": p.tahun, "tahun_lalu": p.tahun_lalu, "semester": SEMESTER_NAMES[p.semester],
                    "kode": p.semester},
    }


def read_layout(templates_dir: Path) -> dict:
    """templates/layout.toml: positions, sizes and colour slots of everything on a slide."""
    path = Path(templates_dir) / LAYOUT
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateProblem(f"{path.name}: {exc}") from None


# --- slide definitions --------------------------------------------------------------------
def read_definitions(slides_dir: Path) -> list[tuple[Path, dict]]:
    """The slide definition files in order of their names."""
    out = []
    for path in sorted(Path(slides_dir).glob("*.toml")):
        try:
            out.append((path, tomllib.loads(path.read_text(encoding="utf-8"))))
        except tomllib.TOMLDecodeError as exc:
            raise TemplateProblem(f"slides/{path.name}: {exc}") from None
    if not out:
        raise TemplateProblem(f"tidak ada definisi slide (*.toml) di {slides_dir}")
    return out


def compose(data: SourceData, results: Results, slides_dir: Path, text_dir: Path,
            on_chart: Callable[[str, Slide], Slide] | None = None, layout: dict | None = None) -> list[Slide]:
    """All logical slides of the deck, in the order of slides/ (`layout`: templates/layout.toml, the default's if None).

    Chart definitions are composed first, and each chart slide is handed at once to
    `on_chart(name, slide)` (`name`: the definition's file stem, numbered when a chart continues
    on several slides), whose return value takes its place: the build starts drawing the charts
    while the other slides are composed.
    """
    templates = Templates(text_dir, template_variables(data, results))
    ctx = Context(data, results, templates, layout if layout is not None else read_layout(TEMPLATES))
    definitions = []
    for path, spec in read_definitions(slides_dir):
        where = f"slides/{path.name}"
        kind = spec.get("kind")
        if kind not in BUILDERS:
            raise TemplateProblem(f"{where}: kind {kind!r} tidak dikenal; pilihan: {', '.join(BUILDERS)}")
        if spec.get("tampil", True):
            definitions.append((path.stem, where, kind, spec))
    built: dict[int, list[Slide]] = {}
    problems: dict[int, TemplateProblem] = {}
    for i in sorted(range(len(definitions)), key=lambda i: definitions[i][2] != "grafik"):  # charts first
        stem, where, kind, spec = definitions[i]
        try:
            made = BUILDERS[kind](spec, ctx, where)
        except TemplateProblem as problem:
            problems[i] = problem
            continue
        made = made if isinstance(made, list) else [made]
        if kind == "grafik" and on_chart is not None and not problems:
            made = [on_chart(f"{stem}-{k}" if len(made) > 1 else stem, slide) for k, slide in enumerate(made, 1)]
        built[i] = made
    if problems:  # the first in the order of slides/, whatever was composed first
        raise problems[min(problems)]
    return [slide for i in range(len(definitions)) for slide in built[i]]


def _titles(spec: dict, ctx: Context, where: str) -> dict:
    """Title, subtitle and caption of a definition, rendered."""
    t = ctx.templates
    return {"title": t.string(spec.get("title", ""), where), "subtitle": t.string(spec.get("subtitle", ""), where),
            "caption": t.string(spec.get("caption", ""), where), "source_file": where}


def build_plain(spec, ctx, where) -> Slide:
    """Title and closing slides."""
    return Slide(spec["kind"], **_titles(spec, ctx, where))


def build_table(spec, ctx, where) -> Slide:
    """A table slide: header from the definition, body from a named table builder."""
    name = spec.get("tabel")
    if name not in TABLES:
        raise TemplateProblem(f"{where}: tabel {name!r} tidak dikenal; pilihan: {', '.join(TABLES)}")
    header = tuple(_header_row(row, ctx, where) for row in spec["header"])
    widths = tuple(float(w) for w in spec["widths"])
    groups = TABLES[name](ctx, spec)
    _check_shape(header, groups, widths, where)
    header, groups = hoist_units(header, groups)
    notes = _notes(spec, ctx)
    table = Table(header, groups, widths, spec.get("font_maks"), spec.get("font_min"), kind=name,
                  split_groups=name in SPLITTABLE, notes=notes[1], marks=_marks(ctx))
    return Slide("tabel", table=table, notes=notes[0], **_titles(spec, ctx, where))


SPLITTABLE = ("capaian",)  # tables whose groups (a sasaran's or program's indicators) may continue on the next slide


def _marks(ctx: Context) -> tuple[tuple[str, str], ...]:
    """(mark, explanation) of each [tanda] mark, for the footnote of a slide that shows it."""
    tanda = ctx.layout["tanda"]
    return tuple((tanda[key], tanda[f"keterangan_{key}"]) for key in (TANPA_TARGET, BELUM_DILAPORKAN, BELUM_JATUH_TEMPO))


def hoist_units(header, groups):
    """A column whose figures all share one unit word shows it once, in its header: "TARGET (orang)".

    The header cell is the lowest one over that column alone; cells keep their figures only.
    """
    body = [row for g in groups for row in g]
    if not header or not body:
        return header, groups
    hoisted = {}
    for c in range(len(body[0])):
        units = {row[c].unit for row in body if not row[c].merged and row[c].role == "body" and not row[c].mark}
        head = _lowest_header(header, c)
        if len(units) == 1 and "" not in units and head is not None:
            hoisted[c] = units.pop()
    if not hoisted:
        return header, groups

    def strip(row):
        return tuple(replace(cell, text=cell.text.removesuffix(f" {cell.unit}"), unit="")
                     if c in hoisted and cell.unit else cell for c, cell in enumerate(row))

    header = [list(row) for row in header]
    for c, unit in hoisted.items():
        r = _lowest_header(header, c)
        header[r][c] = replace(header[r][c], text=f"{header[r][c].text} ({unit})")
    return tuple(tuple(row) for row in header), tuple(tuple(strip(row) for row in g) for g in groups)


def _lowest_header(header, c: int) -> int | None:
    """Row of the lowest header cell that starts at column `c` and covers it alone, if any."""
    for r in range(len(header) - 1, -1, -1):
        cell = header[r][c]
        if cell.merged and cell.text == UP:
            continue
        alone = c + 1 >= len(header[r]) or not (header[r][c + 1].merged and header[r][c + 1].text == LEFT)
        return r if not cell.merged and alone else None
    return None


def _header_row(row: list, ctx: Context, where: str) -> tuple[Cell, ...]:
    """Header cells from the definition, with merge markers kept."""
    marks = {LEFT: MERGE_LEFT, UP: MERGE_UP}
    return tuple(marks.get(text) or Cell(ctx.templates.string(text, where), "center", True, "header") for text in row)


def _check_shape(header, groups, widths, where) -> None:
    """Every row must have as many cells as there are column widths."""
    for row in list(header) + [r for g in groups for r in g]:
        if len(row) != len(widths):
            raise TemplateProblem(f"{where}: {len(widths)} lebar kolom tetapi sebuah baris punya {len(row)} sel")


def build_chart(spec, ctx, where) -> list[Slide]:
    """Chart slides; the chart stage draws each image from `extra['data']`.

    A chart with more categories than `maks_kategori` continues on further slides, as tables do.
    """
    name = spec.get("grafik")
    if name not in CHARTS:
        raise TemplateProblem(f"{where}: grafik {name!r} tidak dikenal; pilihan: {', '.join(CHARTS)}")
    data = CHARTS[name](ctx, spec)
    titles = _titles(spec, ctx, where)
    data, total = _most_telling(data, int(spec.get("maks_total", 40)))
    if total:  # a chart summarises: beyond `maks_total` categories it shows those readers look for
        shown = data["label"].nunique()
        titles["caption"] = ctx.templates.string(spec.get("keterangan_dibatasi", LIMITED_CAPTION), where,
                                                 tampil=shown, total=total)
    chunks = _chunks(data.drop(columns=["_prioritas"]), int(spec.get("maks_kategori", 10)))
    return [Slide("gambar", extra={"chart": name, "data": chunk},
                  **{**titles, "title": titles["title"] + (f" ({i}/{len(chunks)})" if len(chunks) > 1 else "")})
            for i, chunk in enumerate(chunks, 1)]


LIMITED_CAPTION = "{{ tampil }} dari {{ total }}: yang paling perlu perhatian (capaian terendah / anggaran terbesar)"


def _most_telling(data: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """At most `limit` categories, lowest `_prioritas` first kept in their order; (data, total or 0)."""
    first = data.drop_duplicates("label")
    if len(first) <= limit:
        return data, 0
    keep = set(first.sort_values("_prioritas", kind="stable", na_position="last")["label"].head(limit))
    return data[data["label"].isin(keep)].reset_index(drop=True), len(first)


def _chunks(data: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Split chart data into pieces of at most `size` categories (labels), in order."""
    labels = list(dict.fromkeys(data["label"]))
    count = max(1, -(-len(labels) // size))
    size = -(-len(labels) // count) if labels else size  # even pieces: 5 + 4, not 8 + 1
    groups = [labels[i:i + size] for i in range(0, len(labels), size)] or [[]]
    return [data[data["label"].isin(g)].reset_index(drop=True) for g in groups]


def build_perangkat(spec, ctx, where) -> Slide:
    """Perangkat daerah utama as boxes with roles; penunjang and stakeholders as bands."""
    frame = ctx.data.table("perangkat_daerah")
    kelompok = frame["kelompok"].map(norm)
    utama = frame[kelompok == norm(spec["kelompok_utama"])]
    groups = tuple(Group(nama, tuple(rows["peran"].dropna())) for nama, rows in utama.groupby("nama", sort=False))
    bands = tuple(TextBlock(label, tuple(frame.loc[kelompok == norm(label), "nama"]))
                  for label in spec["kelompok_lain"])
    return Slide("perangkat", groups=groups, bands=bands, extra={"utama": spec["kelompok_utama"]},
                 **_titles(spec, ctx, where))


def build_kondisi(spec, ctx, where) -> Slide:
    """Kondisi figures and the list of permasalahan."""
    kondisi = ctx.data.table("kondisi")
    lines = tuple(ctx.templates.file(spec["template_kondisi"], uraian=r.uraian, nilai=fmt.format_value(r.nilai, r.satuan))
                  for r in kondisi.itertuples())
    masalah = tuple(ctx.data.table("permasalahan")["uraian"])
    blocks = (TextBlock(spec["judul_kondisi"], lines, sources=tuple(kondisi["sumber"])),
              TextBlock(spec["judul_permasalahan"], masalah, bullets=True))
    return Slide("kondisi", blocks=blocks, **_titles(spec, ctx, where))


def build_logframe(spec, ctx, where) -> Slide:
    """Outcomes with their innovation programs."""
    frame = ctx.data.table("logframe")
    groups = tuple(Group(outcome, tuple(rows["inovasi"])) for outcome, rows in frame.groupby("outcome", sort=False))
    return Slide("logframe", groups=groups, extra={"label": spec.get("label_inovasi", "INOVASI")},
                 **_titles(spec, ctx, where))


def build_pohon(spec, ctx, where) -> Slide:
    """The performance tree from tujuan down to sub kegiatan."""
    return Slide("pohon", tree=pohon_tree(ctx.data, ctx.results, spec), **_titles(spec, ctx, where))


def _notes(spec, ctx) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """Speaker notes (a first-draft analysis) from the templates a capaian table names.

    (heading, per group the note of each row): each slide of a long table gets the heading and the
    notes of the indicators it shows.
    """
    if not spec.get("catatan") or spec.get("tabel") != "capaian":
        return "", ()
    cap, number, groups = _capaian_lookup(ctx.results), 0, []
    for _, rows in _by_sasaran_or_program(ctx, spec):
        notes = []
        for r in rows.itertuples():
            number += 1
            notes.append(ctx.templates.file(spec["catatan"], indikator=[{**_note_facts(ctx, cap, r), "nomor": number}]))
        groups.append(tuple(notes))
    return ctx.templates.file(spec.get("catatan_judul", "catatan_judul.j2")), tuple(groups)


def _note_facts(ctx: Context, cap: dict, ind) -> dict:
    """What the analysis of one indicator says, as finished strings and flags.

    Comparisons use the figures as the slide shows them (rounded), so the notes never disagree
    with the table by a last digit.
    """
    p = ctx.results.period
    now = cap.get((ind.kode, p.tahun, p.semester))
    before = cap.get((ind.kode, p.tahun_lalu, TAHUNAN)) or cap.get((ind.kode, p.tahun_lalu, S2))
    value, previous = fmt.as_shown(_attr(now, "capaian")), fmt.as_shown(_attr(before, "capaian"))
    change = None if value is None or previous is None else value - previous
    reason = missing_reason(_attr(now, "target"), _attr(now, "realisasi")) if value is None else None
    satuan = ind.satuan
    return {"nama": ind.nama, "target": fmt.format_value(_attr(now, "target"), satuan),
            "realisasi": fmt.format_value(_attr(now, "realisasi"), satuan),
            "capaian": fmt.format_capaian(value), "kategori": _attr(now, "kategori") or "-",
            "ada_capaian": value is not None, "tercapai": value is not None and value >= 100,
            "alasan": reason or "", "capaian_lalu": fmt.format_capaian(previous), "ada_perubahan": change is not None,
            "arah": "tetap" if not change else ("naik" if change > 0 else "turun"),
            "selisih": fmt.format_number(abs(change)) if change is not None else "-",
            "polaritas": ind.polaritas}


BUILDERS = {"judul": build_plain, "penutup": build_plain, "tabel": build_table, "grafik": build_chart,
            "perangkat": build_perangkat, "kondisi": build_kondisi, "logframe": build_logframe,
            "pohon": build_pohon}


# --- table bodies ---------------------------------------------------------------------------
def _c(text, align="left", sources=(), bold=False, role="body", unit="", mark="", origin="") -> Cell:
    return Cell(str(text), align, bold, role, tuple(s for s in sources if isinstance(s, str)), unit, mark,
                origin if isinstance(origin, str) else "")


def _num(value, satuan, sources=(), bare=False) -> Cell:
    """A figure, formatted by its unit (`bare`: without its unit word, which the row names elsewhere)."""
    unit = "" if bare or fmt.is_missing(value) else fmt.unit_word(satuan)
    text = fmt.format_value(value, "" if bare and fmt.unit_word(satuan) else satuan)
    return _c(text, "center", sources, unit=unit)


def _mark(ctx: Context, reason: str) -> Cell:
    """The [tanda] mark of a figure that is absent, for the reason given."""
    return _c(ctx.layout["tanda"][reason], "center", mark=reason)


def _named(ind) -> str:
    """An indicator's name, with its unit word when its figures are shown without it."""
    unit = fmt.unit_word(ind.satuan)
    return f"{ind.nama} ({unit})" if unit else ind.nama


def _jenis(ctx: Context, spec: dict) -> pd.DataFrame:
    """The indicators of the jenis (IKU/IKP) a definition asks for, in display order."""
    ind = ctx.results.indikator
    return ind[ind["jenis"] == spec["jenis"]].sort_values("no", kind="stable")


def _capaian_lookup(results: Results) -> dict:
    """(kode, tahun, periode) → capaian row."""
    return {(r.kode, r.tahun, r.periode): r for r in results.capaian.itertuples()}


def table_definisi(ctx: Context, spec: dict):
    """IKU/IKP definitions: indicator, definition, formula as a fraction, targets."""
    p, cap = ctx.results.period, _capaian_lookup(ctx.results)
    groups = []
    for i, ind in enumerate(_jenis(ctx, spec).itertuples(), 1):
        targets = [_annual(cap, ind.kode, tahun, "target") for tahun in (p.tahun_lalu, p.tahun)]
        first = (_c(f"{i}.", "center"), _c(_named(ind), origin=ind.sumber), _c(_text(ind.definisi), origin=ind.sumber), MERGE_LEFT,
                 *(_num(value, ind.satuan, [source], bare=True) for value, source in targets))
        rows = [first]
        if not (fmt.is_missing(ind.pembilang) or fmt.is_missing(ind.penyebut)):
            pengali = fmt.format_value(100 if fmt.is_missing(ind.pengali) else ind.pengali, "nilai")
            rows.append((MERGE_UP, MERGE_UP, _c(ind.pembilang, "center", role="num", origin=ind.sumber), _c(f"× {pengali}", "center"), MERGE_UP, MERGE_UP))
            rows.append((MERGE_UP, MERGE_UP, _c(ind.penyebut, "center", role="den", origin=ind.sumber), MERGE_UP, MERGE_UP, MERGE_UP))
        groups.append(tuple(rows))
    return tuple(groups)


def _text(value) -> str:
    """A text cell's content; empty for a missing value."""
    return "" if fmt.is_missing(value) else str(value)


def _annual(cap: dict, kode: str, tahun: int, what: str):
    """(value, source) of a year's annual figure, falling back to semester II."""
    row = cap.get((kode, tahun, TAHUNAN))
    if row is None or pd.isna(getattr(row, what)):
        row = cap.get((kode, tahun, S2)) or row
    if row is None:
        return None, None
    return getattr(row, what), getattr(row, f"sumber_{what}", None)


def table_capaian(ctx: Context, spec: dict):
    """Capaian: previous year target/realisasi/capaian; this year per semester."""
    p, cap = ctx.results.period, _capaian_lookup(ctx.results)
    parents = _parent_names(ctx, spec["jenis"])
    groups, number = [], 0
    for induk, rows in _by_sasaran_or_program(ctx, spec):
        number += 1
        group = []
        for k, r in enumerate(rows.itertuples()):
            lead = (_c(f"{number}.", "center"), _c(parents.get(induk, induk))) if k == 0 else (MERGE_UP, MERGE_UP)
            group.append(lead + (_c(_named(r), origin=r.sumber),) + _capaian_cells(ctx, cap, r, p))
        groups.append(tuple(group))
    return tuple(groups)


def _by_sasaran_or_program(ctx: Context, spec: dict):
    """The indicators of a capaian table grouped by their sasaran/program, in sheet order."""
    order = {kode: i for i, kode in enumerate(_parent_names(ctx, spec["jenis"]))}
    ind = _jenis(ctx, spec)
    ind = ind.assign(_urut=ind["induk"].map(order)).sort_values(["_urut", "no"], kind="stable")
    return list(ind.groupby("induk", sort=False))


def _parent_names(ctx: Context, jenis: str) -> dict:
    """kode → name of the sasaran (for IKU) or program (for IKP), in their sheet's order."""
    frame = ctx.data.table("sasaran" if jenis == "IKU" else "program")
    if "no" in frame:
        frame = frame.sort_values("no", kind="stable")
    return dict(zip(frame["kode"], frame["nama"]))


def _capaian_cells(ctx: Context, cap, ind, p) -> tuple[Cell, ...]:
    """The figures of one indicator across the comparison year and this year's semesters.

    An absent figure shows the [tanda] mark of its reason: no target, realisasi not reported yet,
    or a semester after the deck's period.
    """
    lalu = cap.get((ind.kode, p.tahun_lalu, TAHUNAN)) or cap.get((ind.kode, p.tahun_lalu, S2))
    cells = list(_trio(ctx, lalu, ind.satuan))
    tahunan = _annual(cap, ind.kode, p.tahun, "target")
    cells.append(_num(tahunan[0], ind.satuan, [tahunan[1]], bare=True))
    semesters = [cap.get((ind.kode, p.tahun, s)) for s in (S1, S2)]
    due = [s == S1 or p.semester == S2 for s in (S1, S2)]
    trios = [_trio(ctx, r, ind.satuan, d) for r, d in zip(semesters, due)]
    return tuple(cells + [t[0] for t in trios] + [t[1] for t in trios] + [t[2] for t in trios])


TANPA_TARGET, BELUM_DILAPORKAN, BELUM_JATUH_TEMPO = "tanpa_target", "belum_dilaporkan", "belum_jatuh_tempo"


def missing_reason(target, realisasi, due: bool = True) -> str | None:
    """Why a capaian cannot be shown (a key of layout.toml's [tanda]), or None when it can.

    Not due yet (a later semester than the deck's) comes first, then no target, then a target
    whose realisasi has not been reported.
    """
    if not due:
        return BELUM_JATUH_TEMPO
    if fmt.is_missing(target):
        return TANPA_TARGET
    if fmt.is_missing(realisasi):
        return BELUM_DILAPORKAN
    return None


def _attr(row, name):
    """An attribute of an optional capaian row."""
    return None if row is None else getattr(row, name)


def _trio(ctx: Context, row, satuan, due: bool = True) -> tuple[Cell, ...]:
    """Target, realisasi and capaian of one capaian row, each a figure or the mark of its absence."""
    target, realisasi = _attr(row, "target"), _attr(row, "realisasi")
    reason = missing_reason(target, realisasi, due)
    t = _num(target, satuan, [_attr(row, "sumber_target")], bare=True) if not fmt.is_missing(target) else _mark(ctx, TANPA_TARGET)
    if not due:
        r = _mark(ctx, BELUM_JATUH_TEMPO)
    elif fmt.is_missing(realisasi):
        r = _mark(ctx, reason or BELUM_DILAPORKAN)
    else:
        r = _num(realisasi, satuan, [_attr(row, "sumber_realisasi")], bare=True)
    return t, r, (_capaian_cell(row) if reason is None else _mark(ctx, reason))


def _capaian_cell(row) -> Cell:
    """A capaian percentage, traced to the target and realisasi it was computed from."""
    sources = [_attr(row, "sumber_target"), _attr(row, "sumber_realisasi")] if _attr(row, "capaian") is not None else []
    return _c(fmt.format_capaian(_attr(row, "capaian")), "center", sources)


def table_anggaran_program(ctx: Context, spec: dict):
    """Programs with their indicators and budget, and the total."""
    program = ctx.results.program.sort_values("no", kind="stable")
    ikp = ctx.results.indikator[ctx.results.indikator["jenis"] == "IKP"]
    groups = []
    for i, prog in enumerate(program.itertuples(), 1):
        names = list(ikp.loc[ikp["induk"] == prog.kode, "nama"]) or ["-"]
        rows = [(_c(f"{i}.", "center"), _c(prog.nama, origin=prog.sumber), _c(names[0], origin=prog.sumber),
                 _c(fmt.format_integer(prog.anggaran), "right", [prog.sumber_anggaran]))]
        rows += [(MERGE_UP, MERGE_UP, _c(n, origin=prog.sumber), MERGE_UP) for n in names[1:]]
        groups.append(tuple(rows))
    total = ctx.results.total_anggaran
    groups.append(((_c(spec.get("label_total", "TOTAL"), "center", bold=True, role="total"), MERGE_LEFT, MERGE_LEFT,
                    _c(fmt.format_integer(total), "right", tuple(program["sumber_anggaran"]), True, "total")),))
    return tuple(groups)


def table_kemiskinan(ctx: Context, spec: dict):
    """Sub kegiatan that support poverty alleviation, with their budget and the total."""
    sub = ctx.results.sub_kegiatan
    sub = sub[sub["kemiskinan"] == "ya"].sort_values("program_no", kind="stable")
    groups = [((_c(f"{i}.", "center"), _c(r.program_nama, origin=r.sumber), _c(r.nama, origin=r.sumber),
                _c(_text(r.indikator) or "-", origin=r.sumber),
                _c(fmt.format_integer(r.anggaran), "right", [r.sumber_anggaran])),)
              for i, r in enumerate(sub.itertuples(), 1)]
    groups.append(((_c(spec.get("label_total", "TOTAL"), "center", bold=True, role="total"), MERGE_LEFT, MERGE_LEFT,
                    MERGE_LEFT, _c(fmt.format_integer(sub["anggaran"].sum()), "right",
                                   tuple(sub["sumber_anggaran"]), True, "total")),))
    return tuple(groups)


def table_prioritas(ctx: Context, spec: dict):
    """Priority sub kegiatan with their program, kegiatan, indicator, target and budget."""
    sub = ctx.results.sub_kegiatan
    sub = sub[sub["prioritas"] == "ya"].sort_values("program_no", kind="stable")
    return tuple(((_c(r.program_nama, origin=r.sumber), _c(r.kegiatan_nama, origin=r.sumber), _c(r.nama, origin=r.sumber),
                   _c(_text(r.indikator) or "-", origin=r.sumber),
                   _num(r.target, r.satuan, [r.sumber_target]),
                   _c(fmt.format_integer(r.anggaran), "right", [r.sumber_anggaran])),)
                 for r in sub.itertuples())


def table_alokasi(ctx: Context, spec: dict):
    """Budget and its realisation per sasaran, with the IKU of each sasaran."""
    iku = ctx.results.indikator[ctx.results.indikator["jenis"] == "IKU"]
    groups = []
    for s in ctx.results.sasaran.itertuples():
        names = list(iku.loc[iku["induk"] == s.kode, "nama"]) or ["-"]
        figures = (_c(fmt.format_integer(s.anggaran), "right", s.sumber_anggaran),
                   _c(fmt.format_integer(s.realisasi), "right", s.sumber_realisasi),
                   _c(fmt.format_number(s.capaian), "center", s.sumber_anggaran + s.sumber_realisasi))
        rows = [(_c(s.nama, origin=s.sumber), _c(names[0], origin=s.sumber)) + figures]
        rows += [(MERGE_UP, _c(n, origin=s.sumber), MERGE_UP, MERGE_UP, MERGE_UP) for n in names[1:]]
        groups.append(tuple(rows))
    return tuple(groups)


TABLES = {"definisi_indikator": table_definisi, "capaian": table_capaian,
          "anggaran_program": table_anggaran_program, "anggaran_kemiskinan": table_kemiskinan,
          "program_prioritas": table_prioritas, "alokasi_sasaran": table_alokasi}


# --- chart data -------------------------------------------------------------------------------
def chart_capaian(ctx: Context, spec: dict) -> pd.DataFrame:
    """Capaian per indicator for semester I and II of the reporting year."""
    cap, p = _capaian_lookup(ctx.results), ctx.results.period
    ind = _jenis(ctx, spec) if spec.get("jenis") else ctx.results.indikator
    frame = pd.DataFrame({"label": list(_unique_labels(ind).values()),
                          "capaian_s1": [_value(cap, k, p.tahun, S1) for k in ind["kode"]],
                          "capaian_s2": [_value(cap, k, p.tahun, S2) if p.semester == S2 else None for k in ind["kode"]]},
                         ).astype({"capaian_s1": float, "capaian_s2": float})
    return frame.assign(_prioritas=frame[["capaian_s1", "capaian_s2"]].min(axis=1))


def _unique_labels(ind: pd.DataFrame) -> dict[str, str]:
    """kode → chart label; two indicators with one name are told apart by their codes."""
    counts = ind["nama"].value_counts()
    return {r.kode: f"{r.nama} ({r.kode})" if counts[r.nama] > 1 else r.nama for r in ind.itertuples()}


def _value(cap, kode, tahun, periode, what="capaian"):
    row = cap.get((kode, tahun, periode))
    return None if row is None or pd.isna(getattr(row, what)) else getattr(row, what)


def chart_target_realisasi(ctx: Context, spec: dict) -> pd.DataFrame:
    """Target and realisasi of each indicator in the comparison year and this year."""
    cap, p = _capaian_lookup(ctx.results), ctx.results.period
    ind = _jenis(ctx, spec) if spec.get("jenis") else ctx.results.indikator
    labels = _unique_labels(ind)
    rows = []
    for r in ind.itertuples():
        for tahun in (p.tahun_lalu, p.tahun):
            periode = TAHUNAN if tahun == p.tahun_lalu and (r.kode, tahun, TAHUNAN) in cap else p.semester
            row = cap.get((r.kode, tahun, periode))
            rows.append({"label": labels[r.kode], "satuan": r.satuan, "tahun": tahun,
                         "target": _attr(row, "target"), "realisasi": _attr(row, "realisasi"),
                         "_prioritas": _value(cap, r.kode, p.tahun, p.semester)})
    frame = pd.DataFrame(rows).astype({"target": float, "realisasi": float, "_prioritas": float})
    return frame.assign(_prioritas=frame.groupby("label", sort=False)["_prioritas"].transform("min"))


def chart_anggaran_program(ctx: Context, spec: dict) -> pd.DataFrame:
    """Budget per program."""
    program = ctx.results.program.sort_values("no", kind="stable")
    return pd.DataFrame({"label": program["nama"], "anggaran": program["anggaran"].astype(float),
                         "_prioritas": -program["anggaran"].astype(float)})


def chart_anggaran_sasaran(ctx: Context, spec: dict) -> pd.DataFrame:
    """Budget, realisation and capaian per sasaran."""
    s = ctx.results.sasaran
    return pd.DataFrame({"label": s["nama"], "anggaran": s["anggaran"].astype(float),
                         "realisasi": s["realisasi"].astype(float), "capaian": s["capaian"].astype(float),
                         "_prioritas": -s["anggaran"].astype(float)})


CHARTS = {"capaian_semester": chart_capaian, "target_realisasi": chart_target_realisasi,
          "anggaran_program": chart_anggaran_program, "anggaran_sasaran": chart_anggaran_sasaran}


# --- pohon kinerja --------------------------------------------------------------------------
def _by_parent(frame: pd.DataFrame, parent: str) -> dict[str, list]:
    """parent code → its rows (as tuples), in sheet order (programs in their No order)."""
    if "no" in frame:
        frame = frame.sort_values("no", kind="stable")
    out: dict[str, list] = {}
    for row in frame.itertuples():
        out.setdefault(getattr(row, parent), []).append(row)
    return out


def pohon_tree(data: SourceData, results: Results, spec: dict) -> TreeNode:
    """Tujuan → sasaran (IKU) → program (IKP) → kegiatan → sub kegiatan, with indicators."""
    levels = spec["tingkat"]
    indicators = {k: tuple(g["nama"]) for k, g in results.indikator.groupby("induk", sort=False)}
    children = {sheet: _by_parent(data.table(sheet), parent) for sheet, parent in
                (("sasaran", "tujuan"), ("program", "sasaran"), ("kegiatan", "program"), ("sub_kegiatan", "kegiatan"))}

    def node(level, row, kids=(), inds=()):
        return TreeNode(f"{level}:{row.kode}", levels[level], row.nama, tuple(i for i in inds if _text(i)), tuple(kids),
                        row.sumber)

    def sub_nodes(k):
        return [node("sub_kegiatan", r, inds=(r.indikator,)) for r in children["sub_kegiatan"].get(k, ())]

    def keg_nodes(p):
        return [node("kegiatan", r, sub_nodes(r.kode), (r.indikator,)) for r in children["kegiatan"].get(p, ())]

    def prog_nodes(s):
        return [node("program", r, keg_nodes(r.kode), indicators.get(r.kode, ())) for r in children["program"].get(s, ())]

    def sas_nodes(t):
        return [node("sasaran", r, prog_nodes(r.kode), indicators.get(r.kode, ())) for r in children["sasaran"].get(t, ())]

    tujuan = [node("tujuan", r, sas_nodes(r.kode), (r.indikator,)) for r in data.table("tujuan").itertuples()]
    if len(tujuan) == 1:
        return tujuan[0]
    profil = data.profil
    return TreeNode("root", "", f"{profil['nama perangkat daerah']} {profil['pemerintah daerah']}", (), tuple(tujuan))
