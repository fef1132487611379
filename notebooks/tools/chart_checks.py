"""Kernel-side checks of the build's notebook run (loaded by run_notebooks.py, never by a notebook).

* Every figure a cell shows is checked: each chart has a title, each axis that shows tick labels
  has a label, a colorbar has a label, and a date axis shows a bounded number of ticks and at most
  MAX_BARS bars (a year of daily bars is a comb, not a chart). Problems fail the cell.
* One-year check: after a cell that draws from a ``df`` with an ``event_date`` column, the same
  cell's code runs again on that frame stretched over a year (the sample days repeated, dates
  shifted; MAX_WINDOW_DAYS for queries that keep only the last 28 days of data), its figures go
  through the same checks and are saved as PNG for a look, and nothing of it reaches the notebook.
"""

import datetime as dt
import os
import re

MAX_DATE_TICKS = 16
MAX_BARS = 100
YEAR_DAYS = 365
MAX_WINDOW_DAYS = 28
WINDOW = re.compile(r"date_sub\(\s*last_date\s*,\s*28\s*\)")


def _is_colorbar(ax):
    return getattr(ax, "_colorbar", None) is not None


def _is_twin(ax, axes):
    """A twinx/twiny axes drawn over an earlier one (it shares that one's title)."""
    return any(other in axes[:axes.index(ax)] for other in ax._twinned_axes.get_siblings(ax))


def _visible_labels(axis):
    if not axis.get_visible():
        return []
    return [t.get_text() for t in axis.get_majorticklabels() if t.get_visible() and t.get_text()]


def is_date_axis(axis):
    import matplotlib.dates as mdates

    return isinstance(axis.get_major_formatter(),
                      (mdates.DateFormatter, mdates.AutoDateFormatter, mdates.ConciseDateFormatter))


def figure_problems(fig, dates_only=False):
    """What is wrong with a figure (empty when nothing): charts without a title, axes showing tick
    labels without an axis label, colorbars without a label, and date axes with too many ticks or
    bars. ``dates_only``: the date-axis checks alone. (No drawing needed: tick labels are
    computed on request.)"""
    problems = []
    axes = [ax for ax in fig.axes if ax.get_visible()]
    for n, ax in enumerate(axes, 1):
        name = f"axes {n}" + (f" ({ax.get_title()!r})" if ax.get_title() else "")
        if _is_colorbar(ax):
            if not dates_only and not (ax.get_ylabel() or ax.get_xlabel()):
                problems.append(f"{name}: colorbar without a label")
            continue
        if not dates_only:
            if not _is_twin(ax, axes) and not ax.get_title():
                problems.append(f"{name}: no title")
            for axis, label, which in [(ax.xaxis, ax.get_xlabel(), "x"), (ax.yaxis, ax.get_ylabel(), "y")]:
                shown = _visible_labels(axis)
                if shown and not label:
                    problems.append(f"{name}: {which} axis without a label (ticks {shown[:3]}...)")
        if is_date_axis(ax.xaxis):
            ticks = _visible_labels(ax.xaxis)
            if len(ticks) > MAX_DATE_TICKS:
                problems.append(f"{name}: {len(ticks)} date ticks (at most {MAX_DATE_TICKS})")
            if len(ax.patches) > MAX_BARS:
                problems.append(f"{name}: {len(ax.patches)} bars on a date axis (at most {MAX_BARS})")
    return problems


class ChartProblems(AssertionError):
    pass


def install(ip):
    """Checks every figure the kernel displays; problems fail the cell (see after_cell)."""
    from matplotlib.figure import Figure

    ip.run_line_magic("matplotlib", "inline")  # registers the inline backend's formatters now
    ip.run_line_magic("config", "InlineBackend.figure_formats = ['png']")
    ip.run_line_magic("config",
                      "InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight', 'dpi': 80}")
    formatter = ip.display_formatter.formatters["image/png"]
    draw = formatter.lookup_by_type(Figure)
    state = {"problems": []}

    def checked(fig):
        state["problems"] += figure_problems(fig)
        return draw(fig)

    formatter.for_type(Figure, checked)
    return state


def after_cell(ip, state, source, query, year_dir, tag):
    """Called after each notebook cell: chart problems fail it; then its one-year rerun."""
    problems, state["problems"] = state["problems"], []
    problems = ["chart check: " + "; ".join(problems)] if problems else []
    df = ip.user_ns.get("df")
    if "plt.show" in source and hasattr(df, "columns") and "event_date" in df.columns:
        problems += one_year(ip, df, source, query, year_dir, tag)
    if problems:
        raise ChartProblems(" / ".join(problems))


def one_year(ip, df, source, query, year_dir, tag):
    """The cell's code again on df stretched over a year (or its window): what is wrong then."""
    days = MAX_WINDOW_DAYS if query and WINDOW.search(query) else YEAR_DAYS
    ns = dict(ip.user_ns)
    ns["df"] = stretch(df, days)
    import matplotlib.pyplot as plt

    shown = []
    show = plt.show

    def capture(*args, **kwargs):
        for num in plt.get_fignums():
            shown.append(plt.figure(num))

    plt.show = capture
    problems = []
    try:
        exec(compile(source, f"<{tag}, one year>", "exec"), ns)
    except Exception as e:  # noqa: BLE001 (reported as the cell's failure)
        problems.append(f"the cell fails: {type(e).__name__}: {e}")
    finally:
        plt.show = show
    for i, fig in enumerate(shown, 1):
        problems += figure_problems(fig, dates_only=True)
        if year_dir:
            os.makedirs(year_dir, exist_ok=True)
            fig.savefig(os.path.join(year_dir, f"{tag}-{i}.png"), dpi=60, bbox_inches="tight")
    plt.close("all")
    return [f"chart check over {days} days: " + "; ".join(problems)] if problems else []


def stretch(df, days):
    """``df`` over ``days`` consecutive days ending at its last date: day i repeats the rows of the
    i-th sample date (cyclically), with ``event_date`` shifted; rows without a date are kept once."""
    import pandas as pd

    dates = sorted(d for d in df["event_date"].dropna().unique())
    if not dates:
        return df
    last = pd.Timestamp(dates[-1])
    parts = [df[df["event_date"].isna()]]
    for i in range(days):
        day = last - pd.Timedelta(days=days - 1 - i)
        part = df[df["event_date"] == dates[i % len(dates)]].copy()
        value = day.date() if isinstance(dates[0], dt.date) and not isinstance(dates[0], dt.datetime) else day
        part["event_date"] = [value] * len(part)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)
