"""The PNG: one group of bars per row, one bar per implementation, time per
operation on a log scale, the machine and command underneath."""
import io

from runners import IMPLEMENTATION_ORDER

# One fixed colour per implementation, so charts of different runs compare.
COLOURS = dict(zip(IMPLEMENTATION_ORDER, (
    "#1f77b4", "#2ca02c", "#ff7f0e", "#d62728", "#e377c2", "#8c564b", "#9467bd", "#7f7f7f",
)))


def png(results, machine):
    """The chart as PNG bytes (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    impls = results.implementations()
    rows = results.rows
    width = 0.8 / max(len(impls), 1)
    fig, ax = plt.subplots(figsize=(max(10, 1.6 * len(rows)), 6.5))
    for i, impl in enumerate(impls):
        xs, ys = [], []
        for x, row in enumerate(rows):
            v = results.value(row, impl)
            if v is not None:
                xs.append(x - 0.4 + width * (i + 0.5))
                ys.append(v)
        ax.bar(xs, ys, width, label=impl, color=COLOURS.get(impl))
    ax.set_yscale("log")
    ax.set_ylabel("median time per operation (ns, log scale)")
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([f"{w}\n{s}" for w, s in rows], fontsize=8)
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.legend(ncol=4, fontsize=8, loc="upper left")
    ax.set_title("ferrex seed table: the same workloads from Rust, C, Zig and Python")
    info = dict(machine)
    footer = f"{info.get('CPU')}, {info.get('Cores')} cores, {info.get('Kernel')}, {info.get('Date')}\n{info.get('Command')}"
    fig.text(0.01, 0.01, footer, fontsize=7, family="monospace", va="bottom")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()
