"""peers.png: a heatmap of ratio-to-fastest (benchmark x engine, log colour
scale, failures marked) next to the per-engine geometric means."""

import math

import summary
from engines import FAILED, OK


def write_png(res, path):
    import matplotlib
    matplotlib.use("Agg")  # no display on a build machine
    import matplotlib.pyplot as plt
    from matplotlib.colors import LogNorm
    from matplotlib.ticker import FuncFormatter, NullFormatter

    benches, engines = res.runnable, res.engines
    if not benches:
        raise ValueError("no benchmark was run, nothing to chart")
    ratios = [[None] * len(engines) for _ in benches]
    worst = 1.0
    for i, b in enumerate(benches):
        for j, e in enumerate(engines):
            r = res.by[(b.full_name, e.name)]
            if r.outcome.status == OK:
                ratios[i][j] = r.ratio
                worst = max(worst, r.ratio)
    top = max(2.0, min(worst, 1000.0))  # colour scale 1x..top, clipped

    height = max(4.0, 0.3 * len(benches) + 1.5)
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(4 + 1.2 * len(engines), height),
                                 gridspec_kw={"width_ratios": [len(engines), 2.2]})
    cmap = matplotlib.colormaps["RdYlGn_r"].copy()
    cmap.set_bad("#dddddd")  # not run: grey
    grid = [[math.nan if v is None else min(v, top) for v in line] for line in ratios]
    im = ax.imshow(grid, aspect="auto", cmap=cmap, norm=LogNorm(vmin=1.0, vmax=top))
    for i, b in enumerate(benches):
        for j, e in enumerate(engines):
            status = res.by[(b.full_name, e.name)].outcome.status
            v = ratios[i][j]
            if v is not None:
                ax.text(j, i, f"{v:.2f}" if v < 10 else f"{v:.0f}" if v < 10000 else f"{v:.1e}", ha="center", va="center", fontsize=7)
            elif status in FAILED:
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, color="black"))
                ax.text(j, i, "FAIL", ha="center", va="center", fontsize=7, color="white", weight="bold")
    ax.set_xticks(range(len(engines)), [e.rebar_name for e in engines], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(benches)), [b.full_name for b in benches], fontsize=7)
    ax.set_title("median time / fastest engine (grey: not run, black: failed)", fontsize=9)
    fine = (1, 1.05, 1.25, 1.5, 2) if top <= 3 else (1, 1.5, 2, 3, 5, 10, 30, 100, 300, 1000)
    ticks = [t for t in fine if t <= top]
    bar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02, ticks=ticks)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}x"))
    bar.ax.yaxis.set_minor_formatter(NullFormatter())

    ranks = [k for k in summary.ranking(res.rows, engines) if k.geomean is not None]
    names = [k.engine.rebar_name for k in ranks]
    bars = bx.barh(range(len(ranks)), [k.geomean for k in ranks],
                   color=["#d95f02" if k.engine.name == "ferrex" else "#7570b3" for k in ranks])
    bx.set_yticks(range(len(ranks)), names, fontsize=8)
    bx.invert_yaxis()
    # A log axis only when the spread needs it: for geomeans like 1.00 vs
    # 1.05 a linear axis from 0 is easier to read (the labels carry the
    # exact values either way).
    if ranks and max(k.geomean for k in ranks) > 10:
        bx.set_xscale("log")
        bx.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}x"))
        bx.xaxis.set_minor_formatter(NullFormatter())
        bx.set_xlim(right=max(k.geomean for k in ranks) * 6)  # room for the labels
    else:
        bx.set_xlim(0, max([k.geomean for k in ranks] + [1.0]) * 1.35)
    bx.axvline(1.0, color="grey", lw=0.8)
    for bar, k in zip(bars, ranks):
        bx.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {k.geomean:.2f} (n={k.ran})",
                va="center", fontsize=7)
    bx.set_title("geomean of ratio (lower is better)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110, format="png")  # path may end in .tmp
    plt.close(fig)
