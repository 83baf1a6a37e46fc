"""Pohon Kinerja (performance tree) layout: pure geometry, split across pages by branch."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

Measure = Callable[[str, float, float, bool], float]
"""measure_height(text, width_in, size_pt, bold) -> height in inches."""
WordWidth = Callable[[str, float, bool], float]
"""word_width(text, size_pt, bold) -> inches of its widest word (a narrower line would break it)."""

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
    hidden: tuple[str, ...] = ()  # indicators beyond what fits, counted on the box's last line

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
    word_width: WordWidth
    heights: dict = field(default_factory=dict)  # (node id, indicators, width, size) → box height
    parents: dict = field(default_factory=dict)  # node id → its parent node
    hidden: dict = field(default_factory=dict)  # node id → the indicators its box cannot show
    cache: dict = field(default_factory=dict)  # views, subtree heights and plans of one layout


@dataclass(frozen=True)
class _View:
    """A node as drawn on one page, with the children shown there."""

    node: TreeNode
    kids: tuple["_View", ...] = ()
    leaves: int = field(init=False, compare=False)  # columns the view needs
    depth: int = field(init=False, compare=False)  # rows the view draws

    def __post_init__(self):
        object.__setattr__(self, "leaves", sum(k.leaves for k in self.kids) or 1)
        object.__setattr__(self, "depth", 1 + max((k.depth for k in self.kids), default=0))


Forest = tuple[_View, ...]
"""The trees of one slide, side by side: one, or neighbouring branches that share the slide."""


@dataclass(frozen=True)
class _Fit:
    """A slide's trees together with the widths of their columns and the font size they fit at."""

    views: Forest
    widths: tuple[float, ...]
    pt: float


@dataclass(frozen=True)
class _Slot:
    """A view placed in the grid: its row, the first of the columns it spans and how many."""

    view: _View
    depth: int
    first: int
    span: int
    kids: tuple["_Slot", ...]


def _view(node: TreeNode, levels: int, ctx: "_Ctx") -> _View:
    """The subtree of node truncated to `levels` rows (the same object each time it is asked)."""
    key = ("view", node.id, levels)
    if key not in ctx.cache:
        ctx.cache[key] = (_View(node) if levels <= 1
                          else _View(node, tuple(_view(c, levels - 1, ctx) for c in node.children)))
    return ctx.cache[key]


def _group_view(node: TreeNode, chunk: tuple[TreeNode, ...], levels: int, ctx: "_Ctx") -> _View:
    """node with only `chunk` of its children, each truncated to fit `levels` rows."""
    return _View(node, tuple(_view(c, levels - 1, ctx) for c in chunk))


def _height(node: TreeNode, ctx: "_Ctx") -> int:
    """Number of levels in the subtree."""
    key = ("height", node.id)
    if key not in ctx.cache:
        ctx.cache[key] = 1 + max((_height(c, ctx) for c in node.children), default=0)
    return ctx.cache[key]


def _depth(views: Forest) -> int:
    """Number of rows the trees draw."""
    return max(v.depth for v in views)


def _leaves(view: _View) -> int:
    """Number of columns the view needs."""
    return view.leaves


def _columns(views: Forest) -> int:
    """Number of columns the trees need."""
    return sum(_leaves(v) for v in views)


def _rows(views: Forest) -> list[list[_View]]:
    """Views grouped by row, top to bottom."""
    rows, level = [], list(views)
    while level:
        rows.append(level)
        level = [k for v in level for k in v.kids]
    return rows


def _frontier(views: Forest) -> tuple[TreeNode, ...]:
    """The nodes drawn without their children, in reading order: their branches go on."""
    return tuple(v.node for row in _rows(views) for v in row if not v.kids and v.node.children)


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


def _spans(views: Forest) -> list[list[tuple[_View, int, int]]]:
    """Each row's views with the first column each spans and how many: a leaf takes the next
    column, a parent spans the columns of its children."""
    rows, level, col = [], [], 0
    for view in views:
        level.append((view, col, view.leaves))
        col += view.leaves
    while level:
        rows.append(level)
        below = []
        for view, first, _ in level:
            for kid in view.kids:
                below.append((kid, first, kid.leaves))
                first += kid.leaves
        level = below
    return rows


def _span_width(widths: tuple[float, ...], first: int, span: int, ctx: _Ctx) -> float:
    """Width of a box over columns first .. first + span - 1, with the gaps between them."""
    return sum(widths[first:first + span]) + (span - 1) * ctx.h_gap


def _row_heights(spans: list, widths: tuple[float, ...], pt: float, ctx: _Ctx) -> list[float]:
    """Each row's height: its tallest box, so a row's boxes line up (each box measured once per
    width and size in a layout: the plan tries many groupings of the same boxes)."""
    def height(v: _View, first: int, span: int) -> float:
        width = _span_width(widths, first, span, ctx)
        key = (v.node.id, v.node.indicators, round(width, 6), pt)
        if key not in ctx.heights:
            ctx.heights[key] = _box_height(v.node, width, pt, ctx.measure)
        return ctx.heights[key]

    return [max(height(*s) for s in row) for row in spans]


def _total_height(heights: list[float], v_gap: float) -> float:
    """Height of stacked rows with gaps between them."""
    return sum(heights) + v_gap * (len(heights) - 1)


def _word_room(node: TreeNode, pt: float, ctx: _Ctx) -> float:
    """The narrowest box that breaks none of node's words at size `pt`."""
    key = ("word", node.id, node.indicators, pt)
    if key not in ctx.cache:
        widest = max(ctx.word_width(text, size, bold)
                     for text, size, bold in box_paragraphs(node.level, node.name, node.indicators, pt))
        ctx.cache[key] = widest + 2 * BOX_PADDING + _EPS
    return ctx.cache[key]


def _column_mins(spans: list, columns: int, pt: float, ctx: _Ctx) -> list[float]:
    """Each column's narrowest width: the floor width, or what the words of the boxes standing
    in that column alone need."""
    mins = [ctx.min_col_w] * columns
    for row in spans:
        for view, first, span in row:
            if span == 1:
                mins[first] = max(mins[first], _word_room(view.node, pt, ctx))
    return mins


def _level_widths(mins: list[float], room: float, cap: float) -> tuple[float, ...] | None:
    """Column widths that fill `room`: each column its own minimum or one common width, whichever
    is wider, the common width at most `cap` (then the columns fill less); None if the minimums
    alone are too wide."""
    if sum(mins) > room + _EPS:
        return None
    fixed = sorted(mins, reverse=True)
    for j in range(len(fixed)):  # the j widest minimums stay as they are, the others share the rest
        level = (room - sum(fixed[:j])) / (len(fixed) - j)
        if level >= fixed[j] - _EPS:
            break
    return tuple(max(m, min(level, cap)) for m in mins)


def _fit(views: Forest, ctx: _Ctx) -> _Fit | None:
    """Widest-font fit of the trees in the frame, or None when they are too wide or too tall:
    columns as wide as their words need and the others alike, each at most `max_col_w` unless
    that makes the text too tall, then as wide as the frame allows."""
    columns = _columns(views)
    room = ctx.frame.width - (columns - 1) * ctx.h_gap
    if _depth(views) > ctx.max_levels or columns * ctx.min_col_w > room + _EPS:
        return None
    spans = _spans(views)
    for cap in (ctx.max_col_w, math.inf):
        for pt in _font_steps(ctx):
            widths = _level_widths(_column_mins(spans, columns, pt, ctx), room, cap)
            if widths is not None and _total_height(_row_heights(spans, widths, pt, ctx), ctx.v_gap) <= ctx.frame.height + _EPS:
                return _Fit(views, widths, pt)
        if room / columns <= ctx.max_col_w:  # the cap took nothing away: no wider columns to try
            break
    return None


# --- planning ------------------------------------------------------------------------


def chunks(items: tuple | list, count: int) -> list:
    """items split into `count` consecutive chunks of near-equal size, larger ones first."""
    size, extra = divmod(len(items), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    return [items[a:b] for a, b in zip(bounds, bounds[1:])]


Cost = tuple[int, int, float, int]
"""(slides, slides that are a lone chain of boxes, minus the boxes of the emptiest slide, sum of the
squared box counts of the slides): compared in that order, so the fewest slides win, then the fewest
lone chains, then the fullest emptiest slide, then the most even."""

NO_COST: Cost = (0, 0, -math.inf, 0)


@dataclass(frozen=True)
class _Plan:
    """Slides in reading order, each with the branch it shows (its title), and what they cost."""

    cost: Cost
    slides: tuple[tuple[_Fit, TreeNode | None], ...] = ()


def _add(*costs: Cost) -> Cost:
    """The cost of slides together: counts and squares summed, the emptiest slide of all."""
    return (sum(c[0] for c in costs), sum(c[1] for c in costs), max((c[2] for c in costs), default=-math.inf),
            sum(c[3] for c in costs))


def _then(*plans: _Plan) -> _Plan:
    """Plans one after the other."""
    return _Plan(_add(*(p.cost for p in plans)), tuple(s for p in plans for s in p.slides))


def _slide(fit: _Fit, branch: TreeNode | None, rest: _Plan) -> _Plan:
    """One slide, followed by the slides of the branches it leaves unfinished."""
    boxes = len(_rows_flat(fit.views))
    chain = int(_columns(fit.views) == 1 and _depth(fit.views) > 1)
    return _then(_Plan((1, chain, -boxes, boxes ** 2), ((fit, branch),)), rest)


def _rows_flat(views: Forest) -> list[_View]:
    """Every view of the trees."""
    return [v for row in _rows(views) for v in row]


def _max_columns(ctx: _Ctx) -> int:
    """The most columns a slide holds at the narrowest box width."""
    return max(1, int((ctx.frame.width + ctx.h_gap) / (ctx.min_col_w + ctx.h_gap) + _EPS))


def _runs(items: tuple, run_plan, ctx: _Ctx) -> list[_Plan] | None:
    """The cheapest split of `items` into runs of consecutive items, by `run_plan(start, end)` (a
    plan, or None when that run cannot be shown), as the plans of the runs; None if there is none."""
    best: list[tuple[Cost, list[_Plan]] | None] = [(NO_COST, [])] + [None] * len(items)
    for end in range(1, len(items) + 1):
        for start in range(end - 1, max(end - _max_columns(ctx), 0) - 1, -1):
            if best[start] is None:
                continue
            plan = run_plan(start, end)
            if plan is None:
                continue
            cost = _add(best[start][0], plan.cost)
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, best[start][1] + [plan])
    return None if best[-1] is None else best[-1][1]


def _cheapest(options: list[tuple[_Plan, int]]) -> _Plan | None:
    """The cheapest plan of (plan, rows of its slide): the deepest slide among equals."""
    return min(options, key=lambda o: (o[0].cost, -o[1]))[0] if options else None


def _plan(node: TreeNode, ctx: _Ctx, overview: bool = False) -> _Plan:
    """The cheapest slides (see Cost) that show node's branch below the node itself: its children
    split into runs of any length (a child with a wide branch on slides of its own while its small
    neighbours share one), each run on a slide under node as deep as pays, and the branches that
    slide leaves unfinished after it. The `overview`, the tree's first slide, shows all of node's
    children together when they fit one slide."""
    key = ("node", node.id, overview)
    if key not in ctx.cache:
        ctx.cache[key] = _node_plan(node, ctx, overview)
    return ctx.cache[key]


def _node_plan(node: TreeNode, ctx: _Ctx, overview: bool) -> _Plan:
    """_plan, not remembered."""
    kids = node.children
    if not kids:  # only the tree's root can be a lone box: deeper leaves are drawn by their parents' slides
        fit = _fit((_View(node),), ctx)
        if fit is None:
            raise NodeTooBig(node, ctx.min_pt)
        return _slide(fit, node, _Plan(NO_COST))
    whole = _run(node, kids, ctx) if overview else None
    runs = [whole] if whole else _runs(kids, lambda a, b: _run(node, kids[a:b], ctx), ctx)
    if runs is None:
        raise NodeTooBig(max([node, *kids], key=lambda n: _box_height(n, ctx.max_col_w, ctx.min_pt, ctx.measure)),
                         ctx.min_pt)
    return _then(*(_Plan(p.cost, ((p.slides[0][0], node),) + p.slides[1:]) for p in runs))


def _run(node: TreeNode, run: tuple[TreeNode, ...], ctx: _Ctx) -> _Plan | None:
    """node over `run` of its children on one slide, at the depth that costs least (None if no
    depth fits), then the branches it leaves unfinished."""
    options = []
    for levels in range(min(ctx.max_levels, _height(node, ctx)), 1, -1):
        fit = _fit((_group_view(node, run, levels, ctx),), ctx)
        if fit is not None:
            options.append((_slide(fit, node, _forest(_frontier(fit.views), ctx)), levels))
    return _cheapest(options)


def _forest(nodes: tuple[TreeNode, ...], ctx: _Ctx) -> _Plan:
    """The slides of the branches below `nodes` (drawn by an earlier slide, in reading order): each
    on its own slides, or neighbours side by side on one slide, whichever costs least."""
    key = ("forest", tuple(n.id for n in nodes))
    if key not in ctx.cache:
        runs = _runs(nodes, lambda a, b: _plan(nodes[a], ctx) if b - a == 1 else _grove(nodes[a:b], ctx),
                     ctx)
        ctx.cache[key] = _then(*runs)  # a run of one always has a plan (or raised NodeTooBig)
    return ctx.cache[key]


def _grove(nodes: tuple[TreeNode, ...], ctx: _Ctx) -> _Plan | None:
    """Neighbouring branches side by side on one slide, as deep as pays (None if none fits); under
    their parent again when they are its children and it fits, else each by itself."""
    parent = ctx.parents.get(nodes[0].id)
    kin = parent is not None and all(ctx.parents.get(n.id) is parent for n in nodes)
    options = []
    for levels in range(min(ctx.max_levels, max(_height(n, ctx) for n in nodes)), 1, -1):
        fit = None
        if kin and levels < ctx.max_levels:
            fit = _fit((_group_view(parent, nodes, levels + 1, ctx),), ctx)
        fit = fit or _fit(tuple(_view(n, levels, ctx) for n in nodes), ctx)
        if fit is not None:
            options.append((_slide(fit, _common_branch(nodes, ctx.parents), _forest(_frontier(fit.views), ctx)),
                            levels))
    return _cheapest(options)


def _common_branch(nodes: tuple[TreeNode, ...], parents: dict[str, TreeNode]) -> TreeNode:
    """The nearest node whose branch holds all of `nodes`: the title of a slide that shows them."""
    lines = [[a.id for a in _ancestors(n, parents)] for n in nodes]
    common = next(a for a in lines[0] if all(a in line for line in lines[1:]))
    return next(a for a in _ancestors(nodes[0], parents) if a.id == common)


def _ancestors(node: TreeNode, parents: dict[str, TreeNode]) -> list[TreeNode]:
    """node's parent, its parent's parent, ... up to the tree's root."""
    line = []
    while node.id in parents:
        node = parents[node.id]
        line.append(node)
    return line


# --- placement -----------------------------------------------------------------------


def _slot(view: _View, depth: int, first_col: int) -> _Slot:
    """Tidy placement: leaves take successive columns, a parent spans the columns of its children."""
    kids, col = [], first_col
    for kid in view.kids:
        kids.append(_slot(kid, depth + 1, col))
        col += _leaves(kid)
    return _Slot(view, depth, first_col, max(col - first_col, 1), tuple(kids))


@dataclass(frozen=True)
class _Grid:
    """Maps slots to inches."""

    lefts: tuple[float, ...]  # of each column
    widths: tuple[float, ...]
    tops: tuple[float, ...]  # of each row
    heights: tuple[float, ...]

    def x(self, slot: _Slot) -> float:
        """Left edge of the slot's box."""
        return self.lefts[slot.first]

    def width(self, slot: _Slot) -> float:
        """Width of the slot's box: the columns it spans."""
        last = slot.first + slot.span - 1
        return self.lefts[last] + self.widths[last] - self.lefts[slot.first]

    def centre(self, slot: _Slot) -> float:
        """Horizontal centre of the slot's box."""
        return self.x(slot) + self.width(slot) / 2

    def bottom(self, depth: int) -> float:
        """Bottom edge of a row."""
        return self.tops[depth] + self.heights[depth]


def _grid(fit: _Fit, ctx: _Ctx) -> _Grid:
    """Grid centred horizontally in the frame, rows stacked from the frame's top."""
    heights = _row_heights(_spans(fit.views), fit.widths, fit.pt, ctx)
    used = sum(fit.widths) + (len(fit.widths) - 1) * ctx.h_gap
    lefts = [ctx.frame.left + (ctx.frame.width - used) / 2]
    for width in fit.widths[:-1]:
        lefts.append(lefts[-1] + width + ctx.h_gap)
    tops = [ctx.frame.top + sum(heights[:i]) + i * ctx.v_gap for i in range(len(heights))]
    return _Grid(tuple(lefts), fit.widths, tuple(tops), tuple(heights))


def _box(slot: _Slot, grid: _Grid, pt: float, ctx: _Ctx) -> Box:
    """The drawable box for a slot."""
    node, d = slot.view.node, slot.depth
    return Box(node.id, node.level, d, grid.x(slot), grid.tops[d], grid.width(slot), grid.heights[d],
               node.level, node.name, node.indicators, pt, False, node.kind, ctx.hidden.get(node.id, ()))


def _connector(parent: _Slot, child: _Slot, grid: _Grid, v_gap: float) -> Connector:
    """Elbow down from the parent, across at mid-gap, down into the child."""
    x1, y1 = grid.centre(parent), grid.bottom(parent.depth)
    x2, y2 = grid.centre(child), grid.tops[child.depth]
    mid = y1 + v_gap / 2
    return Connector(x1, y1, x2, y2, ((x1, y1), (x1, mid), (x2, mid), (x2, y2)))


def _page(fit: _Fit, title: str, ctx: _Ctx) -> Page:
    """Lay out one slide's trees, side by side, as a page."""
    grid, roots, col = _grid(fit, ctx), [], 0
    for view in fit.views:
        roots.append(_slot(view, 0, col))
        col += _leaves(view)
    slots = [s for root in roots for s in _walk(root)]
    boxes = tuple(_box(s, grid, fit.pt, ctx) for s in slots)
    lines = tuple(_connector(s, k, grid, ctx.v_gap) for s in slots for k in s.kids)
    return Page(title, boxes, lines)


# --- titles --------------------------------------------------------------------------


TITLE_NAME_MAX = 70  # characters of a branch's name in its slides' title; a longer name ends in "…"
# Words a title (or a line of it) may not end with: they lead into what follows ("Jembatan pada…").
TITLE_CONNECTIVES = frozenset("dan atau serta pada di ke dari untuk yang dengan melalui dalam bagi terhadap oleh "
                              "antar antara sebagai atas tentang menuju &".split())


def _short(name: str) -> str:
    """A branch's name as its slide titles carry it: cut at a word, at most TITLE_NAME_MAX
    characters, and not on a connective ("… Kabupaten…", not "… Kabupaten pada…")."""
    name = " ".join(name.split())
    if len(name) <= TITLE_NAME_MAX:
        return name
    words = name[:TITLE_NAME_MAX + 1].split(" ")[:-1] or [name[:TITLE_NAME_MAX]]
    while len(words) > 1 and words[-1].lower().rstrip(",;:") in TITLE_CONNECTIVES:
        words.pop()
    return " ".join(words).rstrip(" ,;:-—(") + "…"


def _group_title(title: str, index: int, count: int) -> str:
    """Title suffix, numbered when a branch spans several pages."""
    return title if count == 1 else f"{title} ({index + 1}/{count})".strip()


MORE_INDICATORS = "… dan {n} indikator lain"  # the last line of a box whose indicators are too many to show
ALL_INDICATORS = "{heading} {name}: {n} indikator"  # the speaker notes' heading of such a box's indicators


def _capped(node: TreeNode, ctx: _Ctx) -> TreeNode:
    """The tree with every box's indicator list cut to what truly cannot fit: a box is at most as
    tall as half the slide (less a gap) at the slide's full width and the floor size, so that any
    box and any of its children fit one slide together. The rest are counted on a last line and
    kept in `ctx.hidden` for the speaker notes; a box too tall with one indicator is left as it is."""
    limit = (ctx.frame.height - ctx.v_gap) / 2
    indicators = node.indicators
    keep = len(indicators)
    while keep > 1 and _box_height(replace(node, indicators=_shown(indicators, keep)), ctx.frame.width, ctx.min_pt,
                                   ctx.measure) > limit:
        keep -= 1
    if keep < len(indicators):
        ctx.hidden[node.id] = indicators[keep:]
    return replace(node, indicators=_shown(indicators, keep), children=tuple(_capped(c, ctx) for c in node.children))


def _shown(indicators: tuple[str, ...], keep: int) -> tuple[str, ...]:
    """The first `keep` indicators and a line counting the others."""
    if keep >= len(indicators):
        return indicators
    return indicators[:keep] + (MORE_INDICATORS.format(n=len(indicators) - keep),)


def page_notes(page: Page) -> str:
    """The speaker notes of a page: every indicator of each box that shows only the first ones."""
    notes = []
    for box in (b for b in page.boxes if b.hidden):
        every = box.indicators[:-1] + box.hidden
        lines = [ALL_INDICATORS.format(heading=box.heading, name=box.name, n=len(every))]
        notes.append("\n".join(lines + [f"{k}. {ind}" for k, ind in enumerate(every, 1)]))
    return "\n\n".join(notes)


def layout_pages(root: TreeNode, frame: Frame, *, measure_height: Measure,
                 max_pt: float = 11.0, min_pt: float = 8.0, h_gap: float = 0.15,
                 v_gap: float = 0.3, max_levels: int = 4, min_col_w: float = MIN_COL_W,
                 max_col_w: float = MAX_COL_W, word_width: WordWidth | None = None) -> list[Page]:
    """Lay the tree out on as few pages as fit, splitting by branch; reading order. The first page
    shows the tree's top boxes together; a box whose branch goes on is drawn again, as the top of
    the branch's own slides, or beside neighbouring branches on a shared slide."""
    if max_levels < 2 or min_pt > max_pt:
        raise ValueError("need max_levels >= 2 and min_pt <= max_pt")
    ctx = _Ctx(frame, measure_height, max_pt, min_pt, h_gap, v_gap, max_levels,
               min_col_w, max_col_w, word_width or (lambda text, size, bold: 0.0))
    root = _capped(root, ctx)
    ctx.parents.update(_parents(root))
    plan = _plan(root, ctx, overview=True)
    branches = [branch.id for _, branch in plan.slides]
    pages = [_page(fit, _group_title("" if branch is root else _short(branch.name), branches[:i].count(branch.id),
                                     branches.count(branch.id)), ctx)
             for i, (fit, branch) in enumerate(plan.slides)]
    return _continued(pages, ctx.parents)


def _continued(pages: list[Page], parents: dict[str, TreeNode]) -> list[Page]:
    """The pages with each box marked `continued` that has children not on its page but on a
    later one: "its details are on the next slides"."""
    later: set[str] = set()
    marked = []
    for page in reversed(pages):
        here = {b.node_id for b in page.boxes}
        going_on = {parents[i].id for i in later - here if i in parents}
        marked.append(replace(page, boxes=tuple(replace(b, continued=b.node_id in going_on) for b in page.boxes)))
        later |= here
    return marked[::-1]


def _parents(node: TreeNode) -> dict[str, TreeNode]:
    """Each node's parent, by the node's id."""
    found = {}
    for kid in node.children:
        found[kid.id] = node
        found.update(_parents(kid))
    return found


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
