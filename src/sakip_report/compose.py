"""Stage 5 — compose: slide definitions (slides/*.toml) + computed results → finished slide content.

Every figure is formatted here, through the one formatting module; titles and texts are jinja2
templates rendered in a sandbox with StrictUndefined, so a typo in a template is an error naming
the file, never an empty text. Which slides, in which order, with which titles: `slides/`.
"""
from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import charts
from . import analisis
from . import measure
from . import formatting as fmt
from . import tables
from .compute import Results
from .content import LEFT, MERGE_LEFT, MERGE_UP, UP, Cell, Group, Slide, Table, TextBlock
from .layout import caption_frame, content_frame
from .load import norm
from .paths import LAYOUT, TEMPLATES
from .normalise import S1, S2, SourceData
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
    """templates/layout.toml: positions, sizes and colour slots of everything on a slide.

    A templates folder of its own (a kabupaten's) may leave settings out, or predate them: those
    come from the project's layout.toml.
    """
    own = _toml(Path(templates_dir) / LAYOUT)
    if Path(templates_dir).resolve() == TEMPLATES.resolve():
        return own
    return _merged(_toml(TEMPLATES / LAYOUT), own)


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateProblem(f"{path.name}: {exc}") from None


def _merged(base: dict, over: dict) -> dict:
    """`over` on top of `base`, table by table."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


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
        if spec.get("tampil", True) and _wanted(spec, ctx, where):
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


# What a definition's `bila` may ask of the data: the slide is made only when the agency's data
# holds it. The analyses of the performance report (LKjIP) need data the reference deck never had.
CONDITIONS = {
    "renstra": ("target_akhir",),
    "standar": ("standar",),
    "analisis": ("pendorong", "penghambat", "solusi"),
    "lkjip": ("target_akhir", "standar", "pendorong", "penghambat", "solusi"),
}


def _wanted(spec: dict, ctx: Context, where: str) -> bool:
    """Whether a definition's condition (`bila`) holds: some IKU has a value in one of its columns."""
    condition = spec.get("bila")
    if condition is None:
        return True
    if condition not in CONDITIONS:
        raise TemplateProblem(f"{where}: bila {condition!r} tidak dikenal; pilihan: {', '.join(CONDITIONS)}")
    iku = ctx.data.table("iku")
    return any(column in iku and iku[column].map(lambda v: not fmt.is_missing(v) and str(v).strip() != "").any()
               for column in CONDITIONS[condition])


def _titles(spec: dict, ctx: Context, where: str) -> dict:
    """Title, subtitle and caption of a definition, rendered."""
    t = ctx.templates
    return {"title": t.string(spec.get("title", ""), where), "subtitle": t.string(spec.get("subtitle", ""), where),
            "caption": t.string(spec.get("caption", ""), where), "source_file": where}


def build_plain(spec, ctx, where) -> Slide:
    """Title and closing slides."""
    return Slide(spec["kind"], **_titles(spec, ctx, where))


def build_table(spec, ctx, where) -> Slide:
    """A table slide: its columns from the definition, its body from the kind of table it names."""
    name = spec.get("tabel")
    if name not in tables.KINDS:
        raise TemplateProblem(f"{where}: tabel {name!r} tidak dikenal; pilihan: {', '.join(tables.KINDS)}")
    kind = tables.KINDS[name]
    columns = _columns(spec, kind, where)
    header = _header(columns, ctx, where)
    ids = tuple(c["id"] for c in columns)
    body = kind.build(ctx, spec)
    if not body and spec.get("bila"):  # an analysis without data for it: no slide
        return []
    if not body:  # a sheet without rows: the header over one row that says so
        body = [[{ids[0]: tables.cell(ctx.layout["kotak"]["tidak_ada_data"], "center"),
                  **{c: tables.Join(ids[k - 1]) for k, c in enumerate(ids) if k}}]]
    groups = tables.assemble(body, ids, {c["id"]: c["format"] for c in columns if "format" in c})
    header, groups = tables.hoist_units(header, groups)
    heading, notes = _notes(spec, ctx)
    explained = _explained(groups)
    if spec.get("catatan") and spec.get("tabel") != "capaian":  # a first-draft paragraph of the analysis
        rules = ctx.results.rules.analisis if ctx.results.rules else None
        heading = ctx.templates.file(spec["catatan"], baris=_note_rows(groups, ids), tanda=ctx.layout["tanda"],
                                     keterangan=[{"tanda": m, "isi": e} for m, e in explained],
                                     aturan={k: getattr(rules, k, "") for k in ("tercapai", "sesuai_jalur", "perlu_percepatan")})
    table = Table(header, groups, tuple(float(c["lebar"]) for c in columns), spec.get("font_maks"), spec.get("font_min"),
                  kind=name, split_groups=kind.split_groups, notes=notes, marks=_marks(ctx) + explained, columns=ids)
    return Slide("tabel", table=table, notes=heading, **_titles(spec, ctx, where))


def _note_rows(groups, ids) -> list[dict]:
    """The table's body rows as {column id: text} for a notes template (merged cells repeat the text above)."""
    rows, above = [], {}
    for group in groups:
        for row in group:
            texts = {c: (above.get(c, "") if cell.text == UP else "") if cell.merged else cell.text
                     for c, cell in zip(ids, row)}
            above = texts
            rows.append(texts)
    return rows


def _columns(spec: dict, kind, where: str) -> list[dict]:
    """The definition's `kolom` list, checked: known ids, each once, a width and a known format."""
    columns = spec.get("kolom")
    if not columns:
        raise TemplateProblem(f"{where}: tabel tanpa daftar kolom; tulis kolom = [{{ id = ..., judul = ..., lebar = ... }}, ...]"
                              f" dengan id dari: {', '.join(kind.columns)}")
    seen = set()
    for c in columns:
        if c.get("id") not in kind.columns:
            raise TemplateProblem(f"{where}: kolom {c.get('id')!r} tidak dikenal untuk tabel ini; pilihan: "
                                  f"{', '.join(kind.columns)}")
        if c["id"] in seen:
            raise TemplateProblem(f"{where}: kolom {c['id']!r} disebut dua kali")
        seen.add(c["id"])
        if not isinstance(c.get("lebar"), (int, float)) or c["lebar"] <= 0:
            raise TemplateProblem(f"{where}: kolom {c['id']!r} perlu lebar berupa angka > 0")
        if c.get("format", "angka") not in tables.FORMATS:
            raise TemplateProblem(f"{where}: format {c['format']!r} kolom {c['id']!r} tidak dikenal; pilihan: "
                                  f"{', '.join(tables.FORMATS)}")
    return columns


def _header(columns: list[dict], ctx: Context, where: str) -> tuple[tuple[Cell, ...], ...]:
    """The header rows from each column's `judul` (top to bottom; a shorter one continues down)."""
    stacks = [[c["judul"]] if isinstance(c["judul"], str) else list(c["judul"]) for c in columns]
    depth = max(len(stack) for stack in stacks)
    marks = {LEFT: MERGE_LEFT, UP: MERGE_UP}
    rows = []
    for r in range(depth):
        texts = [stack[r] if r < len(stack) else UP for stack in stacks]
        if texts[0] == LEFT:
            raise TemplateProblem(f"{where}: judul kolom pertama tidak bisa '<' (bergabung ke kiri)")
        rows.append(tuple(marks.get(t) or Cell(ctx.templates.string(t, where), "center", True, "header") for t in texts))
    return tuple(rows)


def _explained(groups) -> tuple[tuple[str, str], ...]:
    """(mark, explanation) of each mark a cell explains itself (an analysis's "n.a.", "4¹"), once each."""
    found = {c.text: c.note for g in groups for row in g for c in row if c.mark and c.note}
    return tuple(found.items())


def _marks(ctx: Context) -> tuple[tuple[str, str], ...]:
    """(mark, explanation) of each [tanda] mark, for the footnote of a slide that shows it."""
    tanda = ctx.layout["tanda"]
    return tuple((tanda[key], tanda[f"keterangan_{key}"]) for key in tables.MARKS)


def build_chart(spec, ctx, where) -> list[Slide]:
    """Chart slides, each with its picture planned (`extra['chart']`, drawn by the chart stage) and its size.

    The picture fills the content area below the title, at most `[grafik] lebar_maks` wide; a chart
    whose text would need less than the floors of `[grafik]` continues on further slides, titled as a
    table's continuation. A chart without data gives one slide that says so, as an empty sheet's slides do.
    """
    name = spec.get("grafik")
    if name not in CHARTS:
        raise TemplateProblem(f"{where}: grafik {name!r} tidak dikenal; pilihan: {', '.join(CHARTS)}")
    chart, attention, criterion = CHARTS[name](ctx, spec)
    titles = _titles(spec, ctx, where)
    notes = ""
    shown, left_out = _most_telling(attention, int(spec.get("maks_total", 40)))
    if left_out:  # a chart summarises: beyond `maks_total` categories it shows those readers look for
        titles["caption"] = _limited_caption(spec, ctx, where, chart, (shown, left_out), criterion)
        notes = _left_out_notes(chart, attention, left_out)
        chart = replace(chart, categories=tuple(chart.categories[i] for i in shown))
    if not chart.categories:  # an analysis without data has no slide; any other chart says there is none
        return [] if spec.get("bila") else [Slide("gambar", **titles)]
    cfg, frame = ctx.layout.get("grafik", {}), content_frame(ctx.layout, caption=bool(titles["caption"]))
    try:
        pictures = chart.plan((min(frame.width, cfg["lebar_maks"]), frame.height), cfg)
    except KeyError as exc:  # a layout.toml from before [grafik], or one with a setting deleted
        raise TemplateProblem(f"templates/layout.toml: [grafik] tidak punya {exc}; lihat README, bagian Charts") from None
    more = ctx.layout["judul"]["lanjutan"]
    return [Slide("gambar", **{**titles, "title": titles["title"] + (more if k else "")}, image_size=picture.size,
                  notes=notes, extra={"chart": picture}) for k, picture in enumerate(pictures)]


# A limited chart's caption (a definition's `keterangan_dibatasi` may replace it): how many it shows,
# in which order, which it chose, and where the others are named.
LIMITED_CAPTION = "{{ tampil }} dari {{ total }}, urut seperti tabel: {{ kriteria }}; {{ sisanya }}"
LEFT_OUT_NAMED = "tidak tampil: {names}"
LEFT_OUT_ELSEWHERE = "{n} lainnya di catatan pembicara"
LEFT_OUT_NOTES = "Tidak tampil pada grafik ini ({n} dari {total}, urut seperti tabel):"


@dataclass(frozen=True)
class Attention:
    """How much a chart's category needs a reader's attention, for a definition's `maks_total`: those
    `kept` always show, then the lowest `rank` (None: nothing to rank by, shown last); `figures` is
    what the speaker notes say of it when it is left out ("capaian 2024 98,68%, 2025 101,20%")."""

    rank: float | None = None
    kept: bool = False
    figures: str = ""


def _most_telling(attention: list[Attention], limit: int) -> tuple[list[int], list[int]]:
    """(shown, left out): the indices of the categories a chart shows, at most `limit` but every one
    `kept`, and of those it leaves out, each in the categories' own order (the tables')."""
    if len(attention) <= limit:
        return list(range(len(attention))), []
    order = sorted(range(len(attention)), key=lambda i: (not attention[i].kept, attention[i].rank is None,
                                                         attention[i].rank or 0.0))
    shown = set(order[:max(limit, sum(a.kept for a in attention))])
    return sorted(shown), [i for i in range(len(attention)) if i not in shown]


def _left_out_notes(chart, attention: list[Attention], left_out: list[int]) -> str:
    """The speaker notes of a limited chart: each category left out, with its figures."""
    lines = [f"- {chart.categories[i].name}: {attention[i].figures}" for i in left_out]
    return "\n".join([LEFT_OUT_NOTES.format(n=len(left_out), total=len(chart.categories)), *lines])


def _limited_caption(spec, ctx, where, chart, split, criterion: str) -> str:
    """The caption of a chart limited by `maks_total`: the names left out in it when the line holds
    them, else where they are named (the speaker notes)."""
    shown, left_out = split
    sub, width = ctx.layout["subjudul"], caption_frame(ctx.layout).width

    def caption(rest: str) -> str:
        return ctx.templates.string(spec.get("keterangan_dibatasi", LIMITED_CAPTION), where, tampil=len(shown),
                                    total=len(chart.categories), kriteria=criterion, sisanya=rest)

    named = caption(LEFT_OUT_NAMED.format(names="; ".join(chart.categories[i].name for i in left_out)))
    if measure.text_width(named, sub["font"], True) <= width:
        return named
    return caption(LEFT_OUT_ELSEWHERE.format(n=len(left_out)))


def build_perangkat(spec, ctx, where) -> Slide:
    """Perangkat daerah utama as boxes with roles; penunjang and stakeholders as bands."""
    frame = ctx.data.table("perangkat_daerah")
    kelompok = frame["kelompok"].map(norm)
    utama = frame[kelompok == norm(spec["kelompok_utama"])]
    groups = tuple(Group(nama, tuple(rows["peran"].dropna())) for nama, rows in utama.groupby("nama", sort=False))
    bands = tuple(TextBlock(label, names) for label in spec["kelompok_lain"]
                  if (names := tuple(frame.loc[kelompok == norm(label), "nama"])))  # an empty group: no band
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
    cap, number, groups = analisis.capaian_lookup(ctx.results), 0, []
    for _, rows in tables.by_parent(ctx, spec["jenis"]):
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
    now = analisis.period_row(cap, ind.kode, p)
    before = analisis.year_row(cap, ind.kode, p.tahun_lalu)
    value, previous = fmt.as_shown(analisis.attr(now, "capaian")), fmt.as_shown(analisis.attr(before, "capaian"))
    change = None if value is None or previous is None else value - previous
    reason = tables.capaian_reason(now) if value is None else None
    satuan = ind.satuan
    return {"nama": ind.nama, "target": fmt.format_value(analisis.attr(now, "target"), satuan),
            "realisasi": fmt.format_value(analisis.attr(now, "realisasi"), satuan),
            "capaian": fmt.format_capaian(value), "kategori": analisis.attr(now, "kategori") or "-",
            "ada_capaian": value is not None, "tercapai": value is not None and value >= 100,
            "alasan": reason or "", "capaian_lalu": fmt.format_capaian(previous), "ada_perubahan": change is not None,
            "arah": "tetap" if not change else ("naik" if change > 0 else "turun"),
            "selisih": fmt.format_number(abs(change)) if change is not None else "-",
            "polaritas": ind.polaritas}


def build_analisis(spec, ctx, where) -> list[Slide]:
    """Per sasaran: its IKU's capaian (a table of the `kolom` the definition lists, from the capaian
    table's columns) over what drove, what held back, and what will be done (Faktor Pendorong,
    Penghambat, Solusi), one line per IKU that has them; long texts continue on further slides."""
    iku = ctx.data.table("iku")
    parents = tables.parent_names(ctx, "IKU")
    slides = []
    for kode, name in parents.items():
        mine = iku[iku["induk"] == kode].sort_values("no", kind="stable") if "induk" in iku else iku.iloc[0:0]
        blocks = tuple(TextBlock(ctx.templates.string(spec["judul_" + key], where), _analysis_lines(mine, key), bullets=True)
                       for key in ANALYSIS_COLUMNS)
        if not any(b.lines for b in blocks):
            continue
        table = build_table({**spec, "tabel": "capaian", "jenis": "IKU", "induk": kode, "catatan": None, "title": "",
                             "caption": ""}, ctx, where).table
        titles = _titles({**spec, "caption": ""}, ctx, where)
        slides.append(Slide("analisis", table=table, blocks=blocks,
                            **{**titles, "caption": ctx.templates.string(spec.get("caption", "{{ sasaran }}"), where,
                                                                         sasaran=name)},
                            notes=ctx.templates.file(spec["catatan"], sasaran=name, blok=[
                                {"judul": b.heading, "isi": list(b.lines)} for b in blocks]) if spec.get("catatan") else ""))
    return slides


ANALYSIS_COLUMNS = ("pendorong", "penghambat", "solusi")


def _analysis_lines(iku, key: str) -> tuple[str, ...]:
    """One line per IKU with a text in column `key`; named by its IKU where the sasaran has several."""
    if key not in iku:
        return ()
    rows = [(r.nama, str(getattr(r, key)).strip()) for r in iku.itertuples() if tables.text(getattr(r, key)).strip()]
    several = len(iku) > 1
    return tuple(f"{nama}: {isi}" if several else isi for nama, isi in rows)


BUILDERS = {"judul": build_plain, "penutup": build_plain, "tabel": build_table, "grafik": build_chart,
            "perangkat": build_perangkat, "kondisi": build_kondisi, "logframe": build_logframe,
            "pohon": build_pohon, "analisis": build_analisis}


# --- table bodies ---------------------------------------------------------------------------
def _jenis(ctx: Context, spec: dict) -> pd.DataFrame:
    """The indicators of the jenis (IKU/IKP) a definition asks for, in display order."""
    return tables.jenis(ctx.results, spec["jenis"])


# --- chart data: categories with finished texts, how much each needs attention (for `maks_total`),
# and what the caption of a limited chart says it chose ------------------------------------------------
def _indicator_attention(periods: list[tuple[str, object]], marks: dict) -> Attention:
    """An indicator by the capaian of the periods a chart shows ((name, capaian row)): kept when a
    realisasi is not reported, else ranked by its lowest capaian (one that cannot be computed lowest
    of all); left out, the notes give each period's capaian or why there is none."""
    values, figures, kept = [], [], False
    for label, row in periods:
        reason = tables.capaian_reason(row)
        if reason is None:
            values.append(float(analisis.attr(row, "capaian")))
            figures.append(f"{label} {fmt.format_capaian(values[-1])}")
            continue
        kept |= reason == tables.BELUM_DILAPORKAN
        values += [-math.inf] if reason == tables.TIDAK_TERHITUNG else []
        figures.append(f"{label} {marks[f'keterangan_{reason}']}")
    return Attention(min(values, default=None), kept, "capaian " + ", ".join(figures))


def _lowest_capaian(labels: list[str]) -> str:
    """What an indicator chart limited by `maks_total` shows, in the caption's words."""
    either = f"{', '.join(labels[:-1])} atau {labels[-1]}" if len(labels) > 1 else labels[0]
    return f"semua yang realisasinya belum dilaporkan, lalu capaian terendah ({either})"


def chart_capaian(ctx: Context, spec: dict):
    """Capaian per indicator in semester I and II of the reporting year (II only once it is over)."""
    cap, p, marks = analisis.capaian_lookup(ctx.results), ctx.results.period, ctx.layout["tanda"]
    ind = _jenis(ctx, spec) if spec.get("jenis") else ctx.results.indikator
    labels = _unique_labels(ind)
    semesters = (S1, S2) if p.semester == S2 else (S1,)
    categories, attention = [], []
    for r in ind.itertuples():
        rows = [cap.get((r.kode, p.tahun, s)) for s in semesters]
        categories.append(charts.Category(labels[r.kode], tuple(_capaian_bar(row, marks) for row in rows)))
        attention.append(_indicator_attention([(SEMESTER_NAMES[s], row) for s, row in zip(semesters, rows)], marks))
    notes = () if p.semester == S2 else (f"{SEMESTER_NAMES[S2]}: {marks['keterangan_belum_jatuh_tempo']}",)
    return (charts.Bars(tuple(categories), tuple(SEMESTER_NAMES[s] for s in semesters), (100.0, "Target 100%"),
                        notes), attention, _lowest_capaian([SEMESTER_NAMES[s] for s in semesters]))


def _capaian_bar(row, marks: dict) -> charts.Bar:
    """A capaian bar, or in its place why there is none, in the words of layout.toml's [tanda]."""
    value = analisis.attr(row, "capaian")
    if not fmt.is_missing(value):
        sources = _cells(analisis.attr(row, "sumber_target"), analisis.attr(row, "sumber_realisasi"))
        return charts.Bar(float(value), fmt.format_capaian(value), sources=sources)
    reason = tables.capaian_reason(row)
    return charts.Bar(None, marks[f"keterangan_{reason}"])


def _cells(*sources) -> tuple[str, ...]:
    """The source cells of a chart's figure, lists flattened and absent ones left out, as a table cell's."""
    flat = [c for s in sources for c in (s if isinstance(s, (list, tuple)) else [s])]
    return tuple(dict.fromkeys(c for c in flat if isinstance(c, str)))


def _unique_labels(ind: pd.DataFrame) -> dict[str, str]:
    """kode → chart label; two indicators with one name are told apart by their codes."""
    counts = ind["nama"].value_counts()
    return {r.kode: f"{r.nama} ({r.kode})" if counts[r.nama] > 1 else r.nama for r in ind.itertuples()}


def chart_target_realisasi(ctx: Context, spec: dict):
    """Target and realisasi of each indicator in the comparison year and this year, a panel each."""
    cap, p, marks = analisis.capaian_lookup(ctx.results), ctx.results.period, ctx.layout["tanda"]
    ind = _jenis(ctx, spec) if spec.get("jenis") else ctx.results.indikator
    labels = _unique_labels(ind)
    years = (str(p.tahun_lalu), str(p.tahun))
    categories, attention = [], []
    for r in ind.itertuples():
        bars, bare = [], _unit_in_title(r.satuan)
        rows = (analisis.year_row(cap, r.kode, p.tahun_lalu), analisis.period_row(cap, r.kode, p))
        for row in rows:
            bars += _target_realisasi_bars(row, r.satuan, bare, marks)
        categories.append(charts.Category(labels[r.kode], tuple(bars), _panel_unit(r, bare)))
        attention.append(_indicator_attention(list(zip(years, rows)), marks))
    return charts.Panels(tuple(categories), ("Target", "Realisasi"), years), attention, _lowest_capaian(list(years))


def _panel_unit(ind, bare: bool) -> str:
    """The unit a panel's title names after the indicator: none when its figures carry it, or when
    the name already ends with it."""
    return ind.satuan if bare and not fmt.names_unit(ind.nama, ind.satuan) else ""


def _unit_in_title(satuan) -> bool:
    """Whether a panel names the unit in its title and prints bare numbers: any unit but "%" or a score's."""
    return fmt.format_value(1, satuan) not in (fmt.format_percent(1), fmt.format_value(1, "nilai"))


def _target_realisasi_bars(row, satuan, bare: bool, marks: dict) -> list[charts.Bar]:
    """The target and realisasi bars of one capaian row (a year or a period)."""
    target, realisasi = analisis.attr(row, "target"), analisis.attr(row, "realisasi")
    return [_panel_bar(target, satuan, bare, marks, tables.TANPA_TARGET, analisis.attr(row, "sumber_target")),
            _panel_bar(realisasi, satuan, bare, marks, tables.missing_reason(target, realisasi),
                       analisis.attr(row, "sumber_realisasi"))]


def _panel_bar(value, satuan, bare: bool, marks: dict, reason: str | None, source=None) -> charts.Bar:
    """A target or realisasi bar; in place of a missing one its [tanda] mark, explained under the chart."""
    if not fmt.is_missing(value):
        return charts.Bar(float(value), fmt.format_value(value, "nilai" if bare else satuan), sources=_cells(source))
    reason = reason or tables.TANPA_TARGET
    return charts.Bar(None, marks[reason], f"{marks[reason]} = {marks[f'keterangan_{reason}']}")


def _rupiah_bar(value, label: str, missing: str, sources=()) -> charts.Bar:
    """An amount with its short rupiah label ("Rp 5,79 M"), or `missing` in place of its bar."""
    if fmt.is_missing(value):
        return charts.Bar(None, missing)
    return charts.Bar(float(value), label, sources=_cells(sources))


def chart_anggaran_program(ctx: Context, spec: dict):
    """Budget per program; the largest first when there are too many."""
    program = ctx.results.program.sort_values("no", kind="stable")
    kosong = ctx.layout["kotak"]["tidak_ada_data"]
    labels = fmt.format_rupiah_short_all(program["anggaran"])
    categories = tuple(charts.Category(r.nama, (_rupiah_bar(r.anggaran, label, kosong, r.sumber_anggaran),))
                       for r, label in zip(program.itertuples(), labels))
    return (charts.Bars(categories, (f"Anggaran {ctx.results.period.tahun}",)),
            [_budget_attention(c.bars) for c in categories], LARGEST_BUDGET)


LARGEST_BUDGET = "anggaran terbesar"


def _budget_attention(bars: tuple[charts.Bar, ...]) -> Attention:
    """A program or sasaran by its budget (the first bar), largest first; the notes give its bars' texts."""
    budget = bars[0].value
    return Attention(None if budget is None else -budget, figures=", ".join(b.text for b in bars))


def chart_anggaran_sasaran(ctx: Context, spec: dict):
    """Budget and its realisation per sasaran, the realisation with its share of the budget."""
    marks, kosong = ctx.layout["tanda"], ctx.layout["kotak"]["tidak_ada_data"]
    sasaran = ctx.results.sasaran
    labels = fmt.format_rupiah_short_all([*sasaran["anggaran"], *sasaran["realisasi"]])
    categories = []
    for k, s in enumerate(sasaran.itertuples()):
        realisasi = _rupiah_bar(s.realisasi, labels[len(sasaran) + k], marks["keterangan_belum_dilaporkan"],
                                s.sumber_realisasi)
        if realisasi.value is not None and not fmt.is_missing(s.capaian):
            realisasi = replace(realisasi, text=f"{realisasi.text} ({fmt.format_percent(s.capaian)})",
                                sources=_cells(s.sumber_realisasi, s.sumber_anggaran))
        categories.append(charts.Category(s.nama, (_rupiah_bar(s.anggaran, labels[k], kosong, s.sumber_anggaran),
                                                   realisasi)))
    tahun = ctx.results.period.tahun
    return (charts.Bars(tuple(categories), (f"Anggaran {tahun}", f"Realisasi {tahun} (% dari anggaran)")),
            [_budget_attention(c.bars) for c in categories], LARGEST_BUDGET)


def chart_tren(ctx: Context, spec: dict):
    """Per IKU, target and realisasi of every year the data has up to the deck's, a panel each, with
    the Renstra's end target as a dashed line."""
    cap, p, marks = analisis.capaian_lookup(ctx.results), ctx.results.period, ctx.layout["tanda"]
    ind = _jenis(ctx, {"jenis": spec.get("jenis", "IKU")})
    kodes = set(ind["kode"])
    years = sorted({t for (kode, t, _) in cap if kode in kodes and t <= p.tahun})
    labels = _unique_labels(ind)
    categories, attention = [], []
    for r in ind.itertuples():
        bars, bare = [], _unit_in_title(r.satuan)
        rows = [analisis.period_row(cap, r.kode, p) if tahun == p.tahun else analisis.year_row(cap, r.kode, tahun)
                for tahun in years]
        for row in rows:
            bars += _target_realisasi_bars(row, r.satuan, bare, marks)
        end = getattr(r, "target_akhir", None)
        reference = None if fmt.is_missing(end) else _panel_bar(end, r.satuan, bare, marks, None,
                                                                getattr(r, "sumber_target_akhir", None))
        categories.append(charts.Category(labels[r.kode], tuple(bars), _panel_unit(r, bare), reference))
        attention.append(_indicator_attention([(str(t), row) for t, row in zip(years, rows)], marks))
    reference = spec.get("judul_target_akhir", "Target akhir Renstra")
    return (charts.Panels(tuple(categories), ("Target", "Realisasi"), tuple(map(str, years)), reference=reference),
            attention, _lowest_capaian([str(t) for t in years] or [str(p.tahun)]))


def chart_efisiensi(ctx: Context, spec: dict):
    """Each sasaran (or program, `tingkat`) as a point: serapan anggaran across, capaian kinerja up."""
    frame = analisis.efisiensi(ctx.results, ctx.results.rules.analisis, spec.get("tingkat", "sasaran"))
    points = tuple(charts.Point(r.nama, float(r.serapan), float(r.capaian), _cells(r.sumber_capaian, r.sumber_serapan))
                   for r in frame.itertuples())
    chart = charts.Quadrant(points, spec.get("judul_x", "Serapan anggaran"), spec.get("judul_y", "Capaian kinerja"),
                            diagonal=spec.get("judul_diagonal", "Capaian = serapan"))
    attention = [Attention(None if fmt.is_missing(r.nilai) else float(r.nilai), figures=f"{chart.x_name.lower()} {fmt.format_percent(r.serapan)}, "
                                                   f"{chart.y_name.lower()} {fmt.format_percent(r.capaian)}")
                 for r in frame.itertuples()]
    return chart, attention, "efisiensi terendah"


CHARTS = {"capaian_semester": chart_capaian, "target_realisasi": chart_target_realisasi,
          "anggaran_program": chart_anggaran_program, "anggaran_sasaran": chart_anggaran_sasaran,
          "tren": chart_tren, "efisiensi": chart_efisiensi}


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
        return TreeNode(f"{level}:{row.kode}", levels[level], row.nama, tuple(i for i in inds if tables.text(i)), tuple(kids),
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
