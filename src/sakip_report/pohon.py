"""Pohon Kinerja (performance tree) layout: pure geometry, split across pages by branch."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

Measure = Callable[[str, float, float, bool], float]
"""measure_height(text, width_in, size_pt, bold) -> height in inches."""

BOX_PADDING = 0.08  # inches of inner padding on every side of a box
INDICATOR_PREFIX = "Indikator: "
PT_STEP = 0.5
MIN_COL_W = 1.55
MAX_COL_W = 3.0
_EPS = 1e-6


@dataclass(frozen=True)
class TreeNode:
    """One node of the cascade: tujuan, sasaran, program, kegiatan or sub kegiatan.

    `id` is `<tingkat>:<kode>` ("program:P1"), `level` the heading its box shows ("PROGRAM").
    """

    id: str
    level: str
    name: str
    indicators: tuple[str, ...] = ()
    children: tuple["TreeNode", ...] = ()
    origin: str = ""  # the sheet row it comes from (`anggaran.xlsx!Program!5`), named when it cannot be laid out

    @property
    def kind(self) -> str:
        """The level's key (tujuan, sasaran, program, kegiatan, sub_kegiatan; root for the agency)."""
        return self.id.split(":", 1)[0]


class NodeTooBig(ValueError):
    """A node whose box does not fit a slide on its own, even at the smallest font and widest column."""

    def __init__(self, node: TreeNode, size: float):
        super().__init__(f"pohon node {node.id!r} does not fit a slide")
        self.node, self.size = node, size


@dataclass(frozen=True)
class Box:
    """A node drawn on a page; coordinates in inches from the slide's top-left."""

    node_id: str
    level: str
    depth: int
    x: float
    y: float
    w: float
    h: float
    heading: str
    name: str
    indicators: tuple[str, ...]
    font_pt: float
    continued: bool
    kind: str = ""  # the level's key: one colour per level on every slide

    def paragraphs(self) -> tuple[tuple[str, float, bool], ...]:
        """The (text, size_pt, bold) paragraphs the height was measured for."""
        return box_paragraphs(self.heading, self.name, self.indicators, self.font_pt)


@dataclass(frozen=True)
class Connector:
    """Elbow from a parent's bottom-centre (x1, y1) to a child's top-centre (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Page:
    """One slide's worth of tree."""

    title_suffix: str
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]


@dataclass(frozen=True)
class Frame:
    """Region of the slide available to the tree, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """Right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.top + self.height


def box_paragraphs(heading: str, name: str, indicators: tuple[str, ...],
                   font_pt: float) -> tuple[tuple[str, float, bool], ...]:
    """Box content as (text, size_pt, bold): heading, name, then one line per indicator."""
    small = font_pt - 1
    lines = ([(heading, small, True)] if heading else []) + [(name, font_pt, True)]
    lines += [(ind if ind.startswith("… ") else INDICATOR_PREFIX + ind, small, False) for ind in indicators]
    return tuple(lines)


# --- internal tree views -------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    """Layout options shared by every page of one call."""

    frame: Frame
    measure: Measure
    max_pt: float
    min_pt: float
    h_gap: float
    v_gap: float
    max_levels: int
    min_col_w: float
    max_col_w: float
    heights: dict = field(default_factory=dict)  # (node id, indicators, width, size) → box height


@dataclass(frozen=True)
class _View:
    """A node as drawn on one page: the children shown there, and whether more follow."""

    node: TreeNode
    kids: tuple["_View", ...] = ()
    continued: bool = False


@dataclass(frozen=True)
class _Fit:
    """A view together with the column width and font size it fits at."""

    view: _View
    col_w: float
    pt: float


@dataclass(frozen=True)
class _Slot:
    """A view placed in the grid: its row and its centre in column units."""

    view: _View
    depth: int
    col: float
    kids: tuple["_Slot", ...]


def _view(node: TreeNode, levels: int) -> _View:
    """The subtree of node truncated to `levels` rows."""
    if levels <= 1:
        return _View(node, (), bool(node.children))
    return _View(node, tuple(_view(c, levels - 1) for c in node.children))


def _group_view(node: TreeNode, chunk: tuple[TreeNode, ...], levels: int, more: bool) -> _View:
    """node with only `chunk` of its children, each truncated to fit `levels` rows."""
    return _View(node, tuple(_view(c, levels - 1) for c in chunk), more)


def _height(node: TreeNode) -> int:
    """Number of levels in the subtree."""
    return 1 + max((_height(c) for c in node.children), default=0)


def _depth(view: _View) -> int:
    """Number of rows the view draws."""
    return 1 + max((_depth(k) for k in view.kids), default=0)


def _leaves(view: _View) -> int:
    """Number of columns the view needs."""
    return sum(_leaves(k) for k in view.kids) or 1


def _rows(view: _View) -> list[list[_View]]:
    """Views grouped by row, top to bottom."""
    rows, level = [], [view]
    while level:
        rows.append(level)
        level = [k for v in level for k in v.kids]
    return rows


def _walk(slot: _Slot) -> Iterator[_Slot]:
    """Slots in pre-order (reading order)."""
    yield slot
    for kid in slot.kids:
        yield from _walk(kid)


# --- fitting -------------------------------------------------------------------------


def _font_steps(ctx: _Ctx) -> list[float]:
    """Font sizes to try, largest first, in PT_STEP steps."""
    count = int(math.floor((ctx.max_pt - ctx.min_pt) / PT_STEP + _EPS))
    return [ctx.max_pt - i * PT_STEP for i in range(count + 1)]


def _box_height(node: TreeNode, width: float, pt: float, measure: Measure) -> float:
    """Height that holds the node's text at this width and font size."""
    inner = width - 2 * BOX_PADDING
    paras = box_paragraphs(node.level, node.name, node.indicators, pt)
    return sum(measure(text, inner, size, bold) for text, size, bold in paras) + 2 * BOX_PADDING


def _row_heights(view: _View, col_w: float, pt: float, ctx: "_Ctx") -> list[float]:
    """Each row's height: its tallest box, so a row's boxes line up (each box measured once per
    width and size in a layout: the plan tries many groupings of the same boxes)."""
    def height(node: TreeNode) -> float:
        key = (node.id, node.indicators, col_w, pt)
        if key not in ctx.heights:
            ctx.heights[key] = _box_height(node, col_w, pt, ctx.measure)
        return ctx.heights[key]

    return [max(height(v.node) for v in row) for row in _rows(view)]


def _total_height(heights: list[float], v_gap: float) -> float:
    """Height of stacked rows with gaps between them."""
    return sum(heights) + v_gap * (len(heights) - 1)


def _avail_col_w(leaves: int, ctx: _Ctx) -> float:
    """Column width if `leaves` columns share the frame width."""
    return (ctx.frame.width - (leaves - 1) * ctx.h_gap) / leaves


def _widths(avail: float, ctx: _Ctx) -> list[float]:
    """Column widths to try: capped first, full width only if the cap makes text too tall."""
    capped = min(avail, ctx.max_col_w)
    return [capped] if capped == avail else [capped, avail]


def _fit(view: _View, ctx: _Ctx) -> _Fit | None:
    """Widest-font fit of view in the frame, or None when it is too wide or too tall."""
    avail = _avail_col_w(_leaves(view), ctx)
    if _depth(view) > ctx.max_levels or avail < ctx.min_col_w - _EPS:
        return None
    for col_w in _widths(avail, ctx):
        for pt in _font_steps(ctx):
            if _fits_height(view, col_w, pt, ctx):
                return _Fit(view, col_w, pt)
    return None


def _fits_height(view: _View, col_w: float, pt: float, ctx: _Ctx) -> bool:
    """Whether the view's rows stack within the frame height."""
    heights = _row_heights(view, col_w, pt, ctx)
    return _total_height(heights, ctx.v_gap) <= ctx.frame.height + _EPS


def _fits_of(node: TreeNode, chunk: tuple[TreeNode, ...], more: bool, ctx: _Ctx) -> list[_Fit]:
    """node over `chunk` of its children at every depth that fits (at least two rows), deepest first."""
    top = min(ctx.max_levels, _height(node))
    fits = (_fit(_group_view(node, chunk, levels, more), ctx) for levels in range(top, min(2, top) - 1, -1))
    return [f for f in fits if f]


def chunks(items: tuple | list, count: int) -> list:
    """items split into `count` consecutive chunks of near-equal size, larger ones first."""
    size, extra = divmod(len(items), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    return [items[a:b] for a, b in zip(bounds, bounds[1:])]


def _plan(node: TreeNode, shown: int, ctx: _Ctx, memo: dict) -> list[_Fit | tuple]:
    """The fewest slides that show node's whole branch: its children split into consecutive
    groups, each group's slide as deep as pays, and the deeper rows of each child on slides of
    their own. A plan is a list of (fit, [child plans], 1 or 0 slides of its own) in reading order;
    `shown` = rows of the branch an earlier slide already drew."""
    key = (node.id, shown)
    if key in memo:
        return memo[key]
    best = None
    for count in range(1, max(len(node.children), 1) + 1):
        plan = []
        for i, chunk in enumerate(chunks(node.children, count)):
            options = []
            for fit in _fits_of(node, chunk, i < count - 1, ctx):
                depth = _depth(fit.view)
                below = max(depth, shown) - 1
                kids = [_plan(k.node, below, ctx, memo) for k in fit.view.kids if _height(k.node) > below]
                own = 1 if depth > shown else 0  # a slide that adds no row to an ancestor's is not made
                options.append((own + sum(_pages(k) for k in kids), -depth, fit, kids, own))
            if not options:
                plan = None
                break
            _, _, fit, kids, own = min(options, key=lambda o: o[:2])
            plan.append((fit, kids, own))
        if plan is not None and (best is None or _pages(plan) < _pages(best)):
            best = plan
        if best is not None and _pages(best) <= count:  # more groups cannot need fewer slides
            break
    if best is None:
        raise NodeTooBig(max([node, *node.children], key=lambda n: _box_height(n, ctx.max_col_w, ctx.min_pt, ctx.measure)),
                         ctx.min_pt)
    memo[key] = best
    return best


def _pages(plan) -> int:
    """Slides a plan needs."""
    return sum(own + sum(_pages(k) for k in kids) for _, kids, own in plan)


# --- placement -----------------------------------------------------------------------


def _slot(view: _View, depth: int, first_col: int) -> _Slot:
    """Tidy placement: leaves take successive columns, parents centre over their children."""
    kids, col = [], first_col
    for kid in view.kids:
        kids.append(_slot(kid, depth + 1, col))
        col += _leaves(kid)
    centre = (kids[0].col + kids[-1].col) / 2 if kids else float(first_col)
    return _Slot(view, depth, centre, tuple(kids))


@dataclass(frozen=True)
class _Grid:
    """Maps slots to inches."""

    left: float
    col_w: float
    pitch: float
    tops: tuple[float, ...]
    heights: tuple[float, ...]

    def x(self, slot: _Slot) -> float:
        """Left edge of the slot's box."""
        return self.left + slot.col * self.pitch

    def centre(self, slot: _Slot) -> float:
        """Horizontal centre of the slot's box."""
        return self.x(slot) + self.col_w / 2

    def bottom(self, depth: int) -> float:
        """Bottom edge of a row."""
        return self.tops[depth] + self.heights[depth]


def _grid(fit: _Fit, ctx: _Ctx) -> _Grid:
    """Grid centred horizontally in the frame, rows stacked from the frame's top."""
    heights = _row_heights(fit.view, fit.col_w, fit.pt, ctx)
    leaves = _leaves(fit.view)
    used = leaves * fit.col_w + (leaves - 1) * ctx.h_gap
    tops = [ctx.frame.top + sum(heights[:i]) + i * ctx.v_gap for i in range(len(heights))]
    left = ctx.frame.left + (ctx.frame.width - used) / 2
    return _Grid(left, fit.col_w, fit.col_w + ctx.h_gap, tuple(tops), tuple(heights))


def _box(slot: _Slot, grid: _Grid, pt: float) -> Box:
    """The drawable box for a slot."""
    node, d = slot.view.node, slot.depth
    return Box(node.id, node.level, d, grid.x(slot), grid.tops[d], grid.col_w, grid.heights[d],
               node.level, node.name, node.indicators, pt, slot.view.continued, node.kind)


def _connector(parent: _Slot, child: _Slot, grid: _Grid, v_gap: float) -> Connector:
    """Elbow down from the parent, across at mid-gap, down into the child."""
    x1, y1 = grid.centre(parent), grid.bottom(parent.depth)
    x2, y2 = grid.centre(child), grid.tops[child.depth]
    mid = y1 + v_gap / 2
    return Connector(x1, y1, x2, y2, ((x1, y1), (x1, mid), (x2, mid), (x2, y2)))


def _page(fit: _Fit, title: str, ctx: _Ctx) -> Page:
    """Lay out one fitted view as a page."""
    grid, root = _grid(fit, ctx), _slot(fit.view, 0, 0)
    slots = list(_walk(root))
    boxes = tuple(_box(s, grid, fit.pt) for s in slots)
    lines = tuple(_connector(s, k, grid, ctx.v_gap) for s in slots for k in s.kids)
    return Page(title, boxes, lines)


# --- pagination ----------------------------------------------------------------------


TITLE_NAME_MAX = 70  # characters of a branch's name in its slides' title; a longer name ends in "…"


def _short(name: str) -> str:
    """A branch's name as its slide titles carry it: cut at a word, at most TITLE_NAME_MAX characters."""
    name = " ".join(name.split())
    if len(name) <= TITLE_NAME_MAX:
        return name
    return name[:TITLE_NAME_MAX].rsplit(" ", 1)[0].rstrip(" ,;:-(") + "…"


def _group_title(title: str, index: int, count: int) -> str:
    """Title suffix, numbered when a node's children span several pages."""
    return title if count == 1 else f"{title} ({index + 1}/{count})".strip()


def _paginate(plan, shown: int, title: str, ctx: _Ctx) -> list[Page]:
    """Pages of a plan in reading order: each group's slide, then the slides of its children."""
    pages = []
    for i, (fit, kids, own) in enumerate(plan):
        depth = _depth(fit.view)
        if own:
            pages.append(_page(fit, _group_title(title, i, len(plan)), ctx))
        below = max(depth, shown) - 1
        for kid_plan in kids:
            kid = kid_plan[0][0].view.node
            pages += _paginate(kid_plan, below, _short(kid.name), ctx)
    return pages


MORE_INDICATORS = "… dan {n} indikator lain"  # the last line of a box whose indicators are too many to show
MAX_BOX_SHARE = 0.4  # of the frame's height: a box with more indicators than that shows the first ones


def _capped(node: TreeNode, ctx: _Ctx) -> TreeNode:
    """The tree with every box's indicator list cut to what fits `MAX_BOX_SHARE` of a slide at the
    floor size (the rest counted on a last line); a box too tall with one indicator is left as it is."""
    limit = MAX_BOX_SHARE * ctx.frame.height
    indicators = node.indicators
    keep = len(indicators)
    while keep > 1 and _box_height(replace(node, indicators=_shown(indicators, keep)), ctx.max_col_w, ctx.min_pt,
                                   ctx.measure) > limit:
        keep -= 1
    return replace(node, indicators=_shown(indicators, keep), children=tuple(_capped(c, ctx) for c in node.children))


def _shown(indicators: tuple[str, ...], keep: int) -> tuple[str, ...]:
    """The first `keep` indicators and a line counting the others."""
    if keep >= len(indicators):
        return indicators
    return indicators[:keep] + (MORE_INDICATORS.format(n=len(indicators) - keep),)


def layout_pages(root: TreeNode, frame: Frame, *, measure_height: Measure,
                 max_pt: float = 11.0, min_pt: float = 8.0, h_gap: float = 0.15,
                 v_gap: float = 0.3, max_levels: int = 4, min_col_w: float = MIN_COL_W,
                 max_col_w: float = MAX_COL_W) -> list[Page]:
    """Lay the tree out on as few pages as fit, splitting by branch; reading order."""
    if max_levels < 2 or min_pt > max_pt:
        raise ValueError("need max_levels >= 2 and min_pt <= max_pt")
    ctx = _Ctx(frame, measure_height, max_pt, min_pt, h_gap, v_gap, max_levels,
               min_col_w, max_col_w)
    root = _capped(root, ctx)
    return _paginate(_plan(root, 0, ctx, {}), 0, "", ctx)


# --- validation ----------------------------------------------------------------------


def _inside(x: float, y: float, frame: Frame) -> bool:
    """Whether a point lies in the frame (with float tolerance)."""
    return (frame.left - _EPS <= x <= frame.right + _EPS
            and frame.top - _EPS <= y <= frame.bottom + _EPS)


def _box_inside(box: Box, frame: Frame) -> bool:
    """Whether both corners of the box lie in the frame."""
    return _inside(box.x, box.y, frame) and _inside(box.x + box.w, box.y + box.h, frame)


def _overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share area (touching edges is fine)."""
    return (a.x < b.x + b.w - _EPS and b.x < a.x + a.w - _EPS
            and a.y < b.y + b.h - _EPS and b.y < a.y + a.h - _EPS)


def validate_page(page: Page, frame: Frame) -> list[str]:
    """Problems with a page: boxes or connectors outside the frame, overlapping boxes."""
    boxes = page.boxes
    problems = [f"box {b.node_id} outside frame" for b in boxes if not _box_inside(b, frame)]
    problems += [f"boxes {a.node_id} and {b.node_id} overlap"
                 for i, a in enumerate(boxes) for b in boxes[i + 1:] if _overlap(a, b)]
    problems += [f"connector {c.points[0]}->{c.points[-1]} outside frame"
                 for c in page.connectors if not all(_inside(x, y, frame) for x, y in c.points)]
    return problems
