"""Stage 4 — compose, tables: the body of each kind of table, as rows keyed by column id.

A slide definition lists the columns its table shows (`kolom`: id, judul, lebar, format), in its
own order; each kind of table offers a set of column ids (`KINDS[name].columns`) and its builder
returns groups of rows `{id: Cell}`. So adding, removing or reordering a column is an edit of the
slide definition, and a test names a cell by its column id. Every figure is formatted here,
through the one formatting module.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from . import analisis
from .analisis import attr, capaian_lookup, period_row, year_row
from . import formatting as fmt
from .compute import Results, ratio
from .content import MERGE_LEFT, MERGE_UP, Cell
from .normalise import S1, S2, TAHUNAN

TANPA_TARGET, BELUM_DILAPORKAN, BELUM_JATUH_TEMPO = "tanpa_target", "belum_dilaporkan", "belum_jatuh_tempo"
TIDAK_TERHITUNG = "tidak_terhitung"
MARKS = (TANPA_TARGET, BELUM_DILAPORKAN, BELUM_JATUH_TEMPO, TIDAK_TERHITUNG)
CATATAN = "catatan"  # the mark of a cell that refers to a footnote it explains itself (Cell.note)


@dataclass(frozen=True)
class Join:
    """A cell that belongs to the cell of column `into`, when that column stands right to its left
    (directly or through other joins); elsewhere it is an empty cell."""

    into: str


Row = dict  # column id → Cell | Join (MERGE_UP for a cell that belongs to the one above)


@dataclass(frozen=True)
class Kind:
    """A kind of table: the columns it offers and the builder of its body."""

    build: Callable[..., list[list[Row]]]
    columns: tuple[str, ...]
    split_groups: bool = False  # a group (a sasaran's, a program's indicators) may continue on the next slide


# Number formats a column may ask for (`format = "bulat"`), applied to its figures' values.
FORMATS = {"angka": fmt.format_number, "bulat": fmt.format_integer, "rupiah": fmt.format_rupiah,
           "persen": fmt.format_percent}


# --- cells ----------------------------------------------------------------------------------------
def cell(text, align="left", sources=(), bold=False, role="body", unit="", mark="", origin="", value=None) -> Cell:
    """A body cell; `sources` are the cells its figure comes from, `origin` the sheet row of its text."""
    return Cell(str(text), align, bold, role, tuple(s for s in sources if isinstance(s, str)), unit, mark,
                origin if isinstance(origin, str) else "", None if fmt.is_missing(value) else value)


def figure(value, satuan, sources=(), bare=False) -> Cell:
    """A figure, formatted by its unit (`bare`: without its unit word, which the row names elsewhere)."""
    unit = "" if bare or fmt.is_missing(value) else fmt.unit_word(satuan)
    text = fmt.format_value(value, "" if bare and fmt.unit_word(satuan) else satuan)
    return cell(text, "center", sources, unit=unit, value=value)


def money(value, sources=(), bold=False, role="body") -> Cell:
    """An amount of rupiah, right-aligned as accounts are."""
    return cell(fmt.format_integer(value), "right", sources, bold, role, value=value)


def mark(tanda: dict, reason: str) -> Cell:
    """The [tanda] mark of a figure that is absent, for the reason given."""
    return cell(tanda[reason], "center", mark=reason)


def text(value) -> str:
    """A text cell's content; empty for a missing value."""
    return "" if fmt.is_missing(value) else str(value)


def named(ind) -> str:
    """An indicator's name, with its unit word when its figures are shown without it, unless the name
    already ends with it ("Angka Kematian Bayi per 1.000 Kelahiran Hidup")."""
    unit = fmt.unit_word(ind.satuan)
    return f"{ind.nama} ({unit})" if unit and not fmt.names_unit(ind.nama, unit) else ind.nama


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


def capaian_reason(row, due: bool = True) -> str | None:
    """Why a capaian row shows no capaian (a key of [tanda]), or None when it has one: the reasons of
    `missing_reason`, or a target and a realisasi whose formula divides by zero (a target of 0, or a
    realisasi of 0 under T/R)."""
    if not fmt.is_missing(attr(row, "capaian")) and due:
        return None
    return missing_reason(attr(row, "target"), attr(row, "realisasi"), due) or TIDAK_TERHITUNG


# --- lookups ----------------------------------------------------------------------------------------
def jenis(results: Results, which: str) -> pd.DataFrame:
    """The indicators of one jenis (IKU/IKP), in display order."""
    ind = results.indikator
    return ind[ind["jenis"] == which].sort_values("no", kind="stable")


def annual(cap: dict, kode: str, tahun: int, what: str):
    """(value, source) of a year's annual figure, falling back to semester II."""
    row = cap.get((kode, tahun, TAHUNAN))
    if row is None or pd.isna(getattr(row, what)):
        row = cap.get((kode, tahun, S2)) or row
    if row is None:
        return None, None
    return getattr(row, what), getattr(row, f"sumber_{what}", None)


def by_parent(ctx, which: str) -> list[tuple[str, pd.DataFrame]]:
    """The indicators of a jenis grouped by their sasaran (IKU) or program (IKP), in sheet order."""
    order = {kode: i for i, kode in enumerate(parent_names(ctx, which))}
    ind = jenis(ctx.results, which)
    ind = ind.assign(_urut=ind["induk"].map(order)).sort_values(["_urut", "no"], kind="stable")
    return list(ind.groupby("induk", sort=False))


def parent_names(ctx, which: str) -> dict:
    """kode → name of the sasaran (for IKU) or program (for IKP), in their sheet's order."""
    frame = _parents(ctx, which)
    return dict(zip(frame["kode"], frame["nama"]))


def parent_origins(ctx, which: str) -> dict:
    """kode → the sheet row of the sasaran (for IKU) or program (for IKP)."""
    frame = _parents(ctx, which)
    return dict(zip(frame["kode"], frame["sumber"]))


def numbers(ctx, which: str) -> dict:
    """kode → "n." of each sasaran (for IKU) or program (for IKP): its place in the agency's list, so
    that a sasaran has one number on every slide, whichever sasaran a table leaves out."""
    return {kode: f"{k}." for k, kode in enumerate(parent_names(ctx, which), 1)}


def _parents(ctx, which: str) -> pd.DataFrame:
    frame = ctx.data.table("sasaran" if which == "IKU" else "program")
    return frame.sort_values("no", kind="stable") if "no" in frame else frame


# --- the kinds of table -------------------------------------------------------------------------------
def table_definisi(ctx, spec: dict) -> list[list[Row]]:
    """IKU/IKP definitions: indicator, definition, formula as a fraction, targets."""
    p, cap = ctx.results.period, capaian_lookup(ctx.results)
    groups = []
    for i, ind in enumerate(jenis(ctx.results, spec["jenis"]).itertuples(), 1):
        targets = [annual(cap, ind.kode, tahun, "target") for tahun in (p.tahun_lalu, p.tahun)]
        first = {"no": cell(f"{i}.", "center"), "nama": cell(named(ind), origin=ind.sumber),
                 "definisi": cell(text(ind.definisi), origin=ind.sumber), "pengali": Join("definisi"),
                 "satuan": cell(text(ind.satuan), "center"),
                 "target_lalu": figure(*targets[0][:1], ind.satuan, targets[0][1:], bare=True),
                 "target": figure(*targets[1][:1], ind.satuan, targets[1][1:], bare=True)}
        rows = [first]
        if not (fmt.is_missing(ind.pembilang) or fmt.is_missing(ind.penyebut)):
            pengali = fmt.format_value(100 if fmt.is_missing(ind.pengali) else ind.pengali, "nilai")
            rows.append({"definisi": cell(ind.pembilang, "center", role="num", origin=ind.sumber),
                         "pengali": cell(f"×\u00a0{pengali}", "center")})  # no break after the sign
            rows.append({"definisi": cell(ind.penyebut, "center", role="den", origin=ind.sumber)})
        groups.append(rows)
    return groups


def table_capaian(ctx, spec: dict) -> list[list[Row]]:
    """Capaian: the comparison year's target, realisasi and capaian; this year's per semester."""
    p, cap, tanda = ctx.results.period, capaian_lookup(ctx.results), ctx.layout["tanda"]
    parents, number = parent_names(ctx, spec["jenis"]), numbers(ctx, spec["jenis"])
    groups = []
    for induk, rows in by_parent(ctx, spec["jenis"]):
        if spec.get("induk") not in (None, induk):  # one sasaran's (or program's) indicators only
            continue
        group = [{"nama": cell(named(r), origin=r.sumber), "satuan": cell(text(r.satuan), "center"),
                  **_capaian_cells(tanda, cap, r, p)} for r in rows.itertuples()]
        group[0].update(no=cell(number.get(induk, ""), "center"),
                        induk=cell(parents.get(induk, induk), origin=parent_origins(ctx, spec["jenis"]).get(induk, "")))
        groups.append(group)
    return groups


def _capaian_cells(tanda: dict, cap: dict, ind, p) -> Row:
    """The figures of one indicator across the comparison year and this year's semesters.

    An absent figure shows the [tanda] mark of its reason: no target, realisasi not reported yet,
    or a semester after the deck's period.
    """
    cells = dict(zip(("target_lalu", "realisasi_lalu", "capaian_lalu"),
                     _trio(tanda, year_row(cap, ind.kode, p.tahun_lalu), ind.satuan)))
    tahunan = annual(cap, ind.kode, p.tahun, "target")
    cells["target"] = figure(tahunan[0], ind.satuan, [tahunan[1]], bare=True)
    for s, key in ((S1, "s1"), (S2, "s2")):
        row = cap.get((ind.kode, p.tahun, s))
        trio = _trio(tanda, row, ind.satuan, due=s == S1 or p.semester == S2)
        cells.update(zip((f"target_{key}", f"realisasi_{key}", f"capaian_{key}"), trio))
    now = period_row(cap, ind.kode, p)
    cells.update(zip(("target_periode", "realisasi_periode", "capaian_periode"), _trio(tanda, now, ind.satuan)))
    shown = fmt.as_shown(attr(now, "capaian"))
    if shown is None:
        absent = mark(tanda, capaian_reason(now))
        cells["kategori"] = cells["keterangan"] = absent
    else:
        cells["kategori"] = cell(attr(now, "kategori") or "-", "center")
        cells["keterangan"] = cell(tanda["tercapai"] if shown >= 100 else tanda["belum_tercapai"], "center")
    return cells


def _trio(tanda: dict, row, satuan, due: bool = True) -> tuple[Cell, ...]:
    """Target, realisasi and capaian of one capaian row, each a figure or the mark of its absence."""
    target, realisasi = attr(row, "target"), attr(row, "realisasi")
    reason = missing_reason(target, realisasi, due)
    t = figure(target, satuan, [attr(row, "sumber_target")], bare=True) if not fmt.is_missing(target) \
        else mark(tanda, TANPA_TARGET)
    if not due:
        r = mark(tanda, BELUM_JATUH_TEMPO)
    elif fmt.is_missing(realisasi):
        r = mark(tanda, reason or BELUM_DILAPORKAN)
    else:
        r = figure(realisasi, satuan, [attr(row, "sumber_realisasi")], bare=True)
    reason = capaian_reason(row, due)
    return t, r, (capaian_cell(row) if reason is None else mark(tanda, reason))


def capaian_cell(row) -> Cell:
    """A capaian percentage, traced to the target and realisasi it was computed from."""
    value = attr(row, "capaian")
    sources = [attr(row, "sumber_target"), attr(row, "sumber_realisasi")] if value is not None else []
    return cell(fmt.format_capaian(value), "center", sources, value=value)


@dataclass(frozen=True)
class Total:
    """The label of a total row: it spans every column before the row's first figure."""

    label: str


TOTAL = "__total__"


def _total(label: str, figures: Row) -> list[Row]:
    """A one-row group: `label` over the columns before the first figure, then the figures."""
    return [{TOTAL: Total(label), **figures}]


def table_anggaran_program(ctx, spec: dict) -> list[list[Row]]:
    """Programs with their indicators and budget, and the total."""
    program = ctx.results.program.sort_values("no", kind="stable")
    ikp = ctx.results.indikator[ctx.results.indikator["jenis"] == "IKP"]
    groups = []
    for i, prog in enumerate(program.itertuples(), 1):
        names = list(ikp.loc[ikp["induk"] == prog.kode, "nama"]) or ["-"]
        first = {"no": cell(f"{i}.", "center"), "program": cell(prog.nama, origin=prog.sumber),
                 "indikator": cell(names[0], origin=prog.sumber), "anggaran": money(prog.anggaran, [prog.sumber_anggaran]),
                 "realisasi": money(prog.realisasi, [prog.sumber_realisasi]),
                 "serapan": cell(fmt.format_percent(prog.capaian), "center", [prog.sumber_anggaran, prog.sumber_realisasi],
                                 value=prog.capaian)}
        groups.append([first] + [{"indikator": cell(n, origin=prog.sumber)} for n in names[1:]])
    results = ctx.results
    groups.append(_total(spec.get("label_total", "TOTAL"), {
        "anggaran": money(results.total_anggaran, tuple(program["sumber_anggaran"]), True, "total"),
        "realisasi": money(results.total_realisasi, tuple(program["sumber_realisasi"]), True, "total"),
        "serapan": cell(fmt.format_percent(ratio(results.total_realisasi, results.total_anggaran)), "center",
                        tuple(program["sumber_anggaran"]) + tuple(program["sumber_realisasi"]), True, "total")}))
    return groups


def table_kemiskinan(ctx, spec: dict) -> list[list[Row]]:
    """Sub kegiatan that support poverty alleviation, with their budget and the total."""
    sub = ctx.results.sub_kegiatan
    sub = sub[sub["kemiskinan"] == "ya"].sort_values("program_no", kind="stable")
    groups = _sub_kegiatan_rows(sub)
    groups.append(_total(spec.get("label_total", "TOTAL"), {
        "anggaran": money(sub["anggaran"].sum(), tuple(sub["sumber_anggaran"]), True, "total")}))
    return groups


def table_prioritas(ctx, spec: dict) -> list[list[Row]]:
    """Priority sub kegiatan with their program, kegiatan, indicator, target and budget."""
    sub = ctx.results.sub_kegiatan
    return _sub_kegiatan_rows(sub[sub["prioritas"] == "ya"].sort_values("program_no", kind="stable"))


def _sub_kegiatan_rows(sub: pd.DataFrame) -> list[list[Row]]:
    """A group per program, a row per sub kegiatan: the program's name once, merged down its rows,
    and a kegiatan's name once over its consecutive sub kegiatan."""
    groups: list[list[Row]] = []
    for i, r in enumerate(sub.itertuples(), 1):
        same_program = bool(groups) and r.program == groups[-1][-1]["_program"]  # by code: names repeat
        same_kegiatan = same_program and r.kegiatan == groups[-1][-1]["_kegiatan"]  # across urusan
        row = {"no": cell(f"{i}.", "center"),
               "program": MERGE_UP if same_program else cell(r.program_nama, origin=r.sumber),
               "kegiatan": MERGE_UP if same_kegiatan else cell(r.kegiatan_nama, origin=r.sumber),
               "sub_kegiatan": cell(r.nama, origin=r.sumber), "indikator": cell(text(r.indikator) or "-", origin=r.sumber),
               "target": figure(r.target, r.satuan, [r.sumber_target]), "anggaran": money(r.anggaran, [r.sumber_anggaran]),
               "_program": r.program, "_kegiatan": r.kegiatan}
        if same_program:
            groups[-1].append(row)
        else:
            groups.append([row])
    return [[{k: v for k, v in row.items() if not k.startswith("_")} for row in group] for group in groups]


def table_alokasi(ctx, spec: dict) -> list[list[Row]]:
    """Budget and its realisation per sasaran, with the IKU of each sasaran."""
    iku = ctx.results.indikator[ctx.results.indikator["jenis"] == "IKU"]
    groups = []
    for s in ctx.results.sasaran.itertuples():
        names = list(iku.loc[iku["induk"] == s.kode, "nama"]) or ["-"]
        first = {"sasaran": cell(s.nama, origin=s.sumber), "indikator": cell(names[0], origin=s.sumber),
                 "anggaran": money(s.anggaran, s.sumber_anggaran), "realisasi": money(s.realisasi, s.sumber_realisasi),
                 "capaian": cell(fmt.format_number(s.capaian), "center", s.sumber_anggaran + s.sumber_realisasi,
                                 value=s.capaian)}
        groups.append([first] + [{"indikator": cell(n, origin=s.sumber)} for n in names[1:]])
    return groups


# --- the performance report's analyses (analisis.py) -------------------------------------------------
def _lead(ctx, group: list[Row], induk: str) -> list[Row]:
    """A sasaran's number and name on the first row of its group (the rows below belong to them)."""
    if group:
        group[0].update(no=cell(numbers(ctx, "IKU").get(induk, ""), "center"),
                        induk=cell(parent_names(ctx, "IKU").get(induk, induk), origin=parent_origins(ctx, "IKU").get(induk, "")))
    return group


def table_renstra(ctx, spec: dict) -> list[list[Row]]:
    """IKU against the Renstra's end target: realisasi to date, the share reached, a status."""
    frame = analisis.renstra(ctx.results, ctx.results.rules.analisis)
    groups = []
    for induk, rows in _by_sasaran(ctx, frame):
        groups.append(_lead(ctx, [{
            "nama": cell(r.nama, origin=r.sumber), "satuan": cell(text(r.satuan), "center"),
            "realisasi": figure(r.realisasi, r.satuan, [r.sumber_realisasi], bare=True),
            "tahun_realisasi": cell(r.tahun_realisasi, "center"),
            "target_akhir": figure(r.target_akhir, r.satuan, [r.sumber_target_akhir], bare=True),
            "tahun_akhir": cell(r.tahun_akhir or "-", "center"),
            "capaian_akhir": _share_of_end(ctx.layout["tanda"], r),
            "status": cell(r.status, "center")} for r in rows.itertuples()], induk))
    return groups


def _share_of_end(tanda: dict, r) -> Cell:
    """The realisasi's share of the end target; "t.t." where the formula divides by zero (an end
    target of 0, not "-": that is no target); below 0 it counts 0 % ("0,00%*", footnoted)."""
    if fmt.is_missing(r.capaian_akhir):
        return mark(tanda, TIDAK_TERHITUNG)
    sources = [r.sumber_realisasi, r.sumber_target_akhir]
    if r.di_bawah_nol:
        return replace(cell(fmt.format_capaian(0) + tanda["di_bawah_nol"], "center", sources, mark=CATATAN,
                            value=r.capaian_akhir), note=tanda["keterangan_di_bawah_nol"])
    return cell(fmt.format_capaian(r.capaian_akhir), "center", sources, value=r.capaian_akhir)


def _by_sasaran(ctx, frame: pd.DataFrame):
    """Rows of an IKU analysis grouped by sasaran, in the sheet's order."""
    if frame.empty:
        return []
    order = {kode: i for i, kode in enumerate(parent_names(ctx, "IKU"))}
    frame = frame.assign(_urut=frame["induk"].map(order)).sort_values("_urut", kind="stable")
    return list(frame.groupby("induk", sort=False))


def table_standar(ctx, spec: dict) -> list[list[Row]]:
    """IKU against the national standard: the realisasi, the standard and its source, met or not."""
    tanda, frame = ctx.layout["tanda"], analisis.standar(ctx.results)
    groups = []
    for induk, rows in _by_sasaran(ctx, frame):
        groups.append(_lead(ctx, [{
            "nama": cell(r.nama, origin=r.sumber), "satuan": cell(text(r.satuan), "center"),
            **_against_standard(tanda, r), "standar": figure(r.standar, r.satuan, [r.sumber_standar], bare=True),
            "sumber": cell(text(r.rujukan_standar) or "-")} for r in rows.itertuples()], induk))
    return groups


def _against_standard(tanda: dict, r) -> Row:
    """The realisasi and whether it meets the standard; a realisasi not reported yet is marked in both."""
    if r.memenuhi is None or fmt.is_missing(r.realisasi):
        absent = mark(tanda, missing_reason(r.target, None) or BELUM_DILAPORKAN)
        return {"realisasi": absent, "keterangan": absent}
    return {"realisasi": figure(r.realisasi, r.satuan, [r.sumber_realisasi], bare=True),
            "keterangan": cell(tanda["memenuhi"] if r.memenuhi else tanda["belum_memenuhi"], "center")}


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _left_out(tanda: dict, kecuali) -> str:
    """'IKU A — realisasi belum dilaporkan; IKU B — capaian tidak dapat dihitung (…)': why each IKU has no capaian."""
    return "; ".join(f"{nama} — {tanda['keterangan_' + (missing_reason(target, realisasi) or TIDAK_TERHITUNG)]}"
                     for nama, target, realisasi in kecuali)


def _count(tanda: dict, r, reference: int, references: list[str]) -> Cell:
    """JUMLAH IKU: every IKU of the row; where some have no capaian, with a reference to a footnote
    naming them ("4¹": 1 dari 4 IKU tidak masuk rata-rata: …)."""
    if not r.kecuali:
        return cell(r.jumlah, "center")
    sup = str(reference).translate(SUPERSCRIPT)
    left = f"{len(r.kecuali)} dari {r.jumlah} IKU tidak masuk rata-rata"
    note = f"{left}: {_left_out(tanda, r.kecuali)}" if references is None else f"{left} (lihat {', '.join(references)})"
    return replace(cell(f"{r.jumlah}{sup}", "center", mark=CATATAN), note=note)


def _no_mean(tanda: dict, kecuali) -> Cell:
    """In place of a mean without any capaian: the mark of its IKU's one reason, or "tidak dapat dihitung"."""
    reasons = {missing_reason(target, realisasi) or TIDAK_TERHITUNG for _, target, realisasi in kecuali}
    return mark(tanda, reasons.pop() if len(reasons) == 1 else TIDAK_TERHITUNG)


def table_rata_rata(ctx, spec: dict) -> list[list[Row]]:
    """The mean capaian of each sasaran's IKU, its category and predicate; the agency's last. JUMLAH IKU
    counts every IKU; those without a capaian are named in the footnote, by a reference at the count."""
    frame = analisis.rata_rata(ctx.results, ctx.results.rules, parent_names(ctx, "IKU"))
    tanda, groups, number, references = ctx.layout["tanda"], [], numbers(ctx, "IKU"), []
    for r in frame.itertuples():
        agency = fmt.is_missing(r.kode)
        if r.kecuali and not agency:
            references.append(str(len(references) + 1).translate(SUPERSCRIPT))
        count = _count(tanda, r, len(references) + (1 if agency else 0), references if agency else None)
        if fmt.is_missing(r.rata_rata):
            absent = _no_mean(tanda, r.kecuali)
            figures = {"jumlah": count, "rata_rata": absent, "kategori": absent, "predikat": absent}
        else:
            figures = {"jumlah": count,
                       "rata_rata": cell(fmt.format_capaian(r.rata_rata), "center", r.sumber, value=r.rata_rata),
                       "kategori": cell(r.kategori, "center"), "predikat": cell(r.predikat, "center")}
        if agency:  # the agency's row
            total = {k: replace(v, bold=True, role="total") for k, v in figures.items()}
            groups.append(_total(spec.get("label_total", "PERANGKAT DAERAH"), total))
        else:
            groups.append([{"no": cell(number.get(r.kode, ""), "center"), "sasaran": cell(r.nama), **figures}])
    return groups


def table_efisiensi(ctx, spec: dict) -> list[list[Row]]:
    """Capaian kinerja against serapan anggaran per sasaran or program (`tingkat`), and the measure."""
    tingkat = spec.get("tingkat", "sasaran")
    frame = analisis.efisiensi(ctx.results, ctx.results.rules.analisis, tingkat)
    number = numbers(ctx, "IKU" if tingkat == "sasaran" else "IKP")
    return [[{"no": cell(number.get(r.kode, ""), "center"), "nama": cell(r.nama, origin=r.sumber),
              "capaian": cell(fmt.format_capaian(r.capaian), "center", r.sumber_capaian, value=r.capaian),
              "serapan": cell(fmt.format_percent(r.serapan), "center", r.sumber_serapan, value=r.serapan),
              "nilai": cell(fmt.format_number(r.nilai), "center", r.sumber_capaian + r.sumber_serapan, value=r.nilai),
              "kategori": cell(r.kategori, "center")}]
            for r in frame.itertuples()]


def table_pendukung(ctx, spec: dict) -> list[list[Row]]:
    """Per sasaran, the programs behind it: their indicators' capaian and their budget absorption."""
    frame = analisis.pendukung(ctx.results)
    groups = []
    if frame.empty:
        return groups
    number = numbers(ctx, "IKU")
    for induk, rows in frame.groupby("sasaran", sort=False):
        group = []
        for r in rows.itertuples():  # a row per indicator, the program's cells merged over them
            names = list(r.indikator) or ["-"]
            group.append({"program": cell(r.nama), "indikator": cell(names[0]),
                          "capaian": cell(fmt.format_capaian(r.capaian), "center", r.sumber_capaian, value=r.capaian),
                          "anggaran": money(r.anggaran, [r.sumber_anggaran]),
                          "realisasi": money(r.realisasi, [r.sumber_realisasi]),
                          "serapan": cell(fmt.format_percent(r.serapan), "center", [r.sumber_anggaran, r.sumber_realisasi],
                                          value=r.serapan)})
            group += [{"indikator": cell(name)} for name in names[1:]]
        group[0].update(no=cell(number.get(induk, ""), "center"), sasaran=cell(rows.iloc[0]["sasaran_nama"]))
        groups.append(group)
    return groups


KINDS = {
    "definisi_indikator": Kind(table_definisi, ("no", "nama", "definisi", "pengali", "satuan", "target_lalu", "target")),
    "capaian": Kind(table_capaian, ("no", "induk", "nama", "satuan", "target_lalu", "realisasi_lalu", "capaian_lalu",
                                    "target", "target_s1", "target_s2", "realisasi_s1", "realisasi_s2", "capaian_s1",
                                    "capaian_s2", "target_periode", "realisasi_periode", "capaian_periode",
                                    "kategori", "keterangan"), split_groups=True),
    "anggaran_program": Kind(table_anggaran_program, ("no", "program", "indikator", "anggaran", "realisasi", "serapan")),
    "anggaran_kemiskinan": Kind(table_kemiskinan, ("no", "program", "kegiatan", "sub_kegiatan", "indikator", "target",
                                                   "anggaran")),
    "program_prioritas": Kind(table_prioritas, ("no", "program", "kegiatan", "sub_kegiatan", "indikator", "target",
                                                "anggaran")),
    "alokasi_sasaran": Kind(table_alokasi, ("sasaran", "indikator", "anggaran", "realisasi", "capaian")),
    "renstra": Kind(table_renstra, ("no", "induk", "nama", "satuan", "realisasi", "tahun_realisasi", "target_akhir",
                                    "tahun_akhir", "capaian_akhir", "status"), split_groups=True),
    "standar_nasional": Kind(table_standar, ("no", "induk", "nama", "satuan", "realisasi", "standar", "sumber",
                                             "keterangan"), split_groups=True),
    "rata_rata": Kind(table_rata_rata, ("no", "sasaran", "jumlah", "rata_rata", "kategori", "predikat")),
    "efisiensi": Kind(table_efisiensi, ("no", "nama", "capaian", "serapan", "nilai", "kategori")),
    "program_pendukung": Kind(table_pendukung, ("no", "sasaran", "program", "indikator", "capaian", "anggaran",
                                                "realisasi", "serapan"), split_groups=True),
}


# --- from keyed rows to the table's rows -------------------------------------------------------------
def assemble(groups: list[list[Row]], columns: tuple[str, ...], formats: dict[str, str]) -> tuple:
    """Groups of keyed rows → groups of cell tuples in the definition's column order.

    A cell the builder left out below a group's first row belongs to the cell above (a merge); a
    Join becomes a merge with its left neighbour when that is the column it joins, else an empty
    cell; a column's `format` re-formats its figures.
    """
    out = []
    for group in groups:
        rows = []
        for r, row in enumerate(group):
            if TOTAL in row:
                row = _spread_total(row, columns)
            cells = []
            for c, col in enumerate(columns):
                value = row.get(col, MERGE_UP if r else None)
                if isinstance(value, Join):
                    value = MERGE_LEFT if c and _joins(row, columns[c - 1], value.into) else cell("")
                elif value is None:
                    value = cell("")
                elif col in formats and value.value is not None and not value.mark:
                    value = replace(value, text=FORMATS[formats[col]](value.value), unit="")
                cells.append(value)
            if r and all(c is MERGE_UP for c in cells):
                continue  # a row whose own cells are all left out of the definition adds nothing
            rows.append(tuple(cells))
        out.append(tuple(rows))
    return tuple(out)


def _spread_total(row: Row, columns: tuple[str, ...]) -> Row:
    """A total row in the definition's order: the label in the first column, joined by the
    columns up to the first figure."""
    first = next((k for k, c in enumerate(columns) if c in row), len(columns))
    label = row[TOTAL].label
    spread = {c: Join(columns[k - 1]) if k else cell(label, "center", bold=True, role="total")
              for k, c in enumerate(columns[:first])}
    return {**spread, **{c: v for c, v in row.items() if c != TOTAL}}


def _joins(row: Row, left: str, into: str) -> bool:
    """Whether the column on the left is `into`, or itself joins its way to it."""
    return left == into or (isinstance(row.get(left), Join) and row[left].into == into)


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
        if len(units) == 1 and "" not in units and _lowest_header(header, c) is not None:
            hoisted[c] = units.pop()
    if not hoisted:
        return header, groups

    def strip(row):
        return tuple(replace(x, text=x.text.removesuffix(f" {x.unit}"), unit="") if c in hoisted and x.unit else x
                     for c, x in enumerate(row))

    header = [list(row) for row in header]
    for c, unit in hoisted.items():
        r = _lowest_header(header, c)
        header[r][c] = replace(header[r][c], text=f"{header[r][c].text} ({unit})")
    return tuple(tuple(row) for row in header), tuple(tuple(strip(row) for row in g) for g in groups)


def _lowest_header(header, c: int) -> int | None:
    """Row of the lowest header cell that starts at column `c` and covers it alone, if any."""
    for r in range(len(header) - 1, -1, -1):
        here = header[r][c]
        if here.merged and here.text == "^":
            continue
        alone = c + 1 >= len(header[r]) or not (header[r][c + 1].merged and header[r][c + 1].text == "<")
        return r if not here.merged and alone else None
    return None
