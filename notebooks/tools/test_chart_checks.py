"""The notebooks' chart helpers read for a week and for a year of data; the build's chart checks."""

import datetime as dt
import glob
import json
import os
import unittest

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import chart_checks  # noqa: E402

NOTEBOOKS = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                          "*.ipynb")))


def helpers_cell(path):
    with open(path, encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return next(c for c in code if c.startswith("# Plotting helpers"))


class HelpersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ns = {}
        exec(helpers_cell(NOTEBOOKS[0]), cls.ns)

    def tearDown(self):
        plt.close("all")

    def test_every_notebook_has_the_same_helpers(self):
        self.assertGreaterEqual(len(NOTEBOOKS), 4)
        first = helpers_cell(NOTEBOOKS[0])
        for path in NOTEBOOKS[1:]:
            self.assertEqual(helpers_cell(path), first, f"plotting helpers of {os.path.basename(path)}")

    def daily_chart(self, days):
        ns = self.ns
        dates = [dt.date(2025, 4, 5) - dt.timedelta(days=days - 1 - i) for i in range(days)]
        d = pd.DataFrame({"event_date": dates, "a": range(days), "b": [i % 7 for i in range(days)]})
        fig, ax = plt.subplots()
        ns["per_day"](ax, d["event_date"], d["a"], label="a")
        ns["per_day"](ax, d["event_date"], d["b"], bottom=d["a"], label="b")
        ax.plot(pd.to_datetime(d["event_date"]), d["b"], ns["daily_fmt"](d["event_date"], "o-"))
        ax.set_title("t")
        ax.set_ylabel("events per day (count)")
        ns["date_axis"](ax, d["event_date"])
        fig.autofmt_xdate()
        return fig, ax

    def test_a_week_is_one_bar_and_one_labelled_tick_per_day(self):
        fig, ax = self.daily_chart(7)
        self.assertEqual(chart_checks.figure_problems(fig), [])
        self.assertEqual(len(ax.patches), 14)
        self.assertEqual([t.get_text() for t in ax.get_xticklabels()][:2], ["Mar 30", "Mar 31"])
        self.assertEqual(ax.get_xlabel(), "day (UTC)")
        self.assertEqual(ax.lines[0].get_marker(), "o")

    def test_a_month_is_bars_and_ticks_days_apart(self):
        fig, ax = self.daily_chart(31)
        self.assertEqual(chart_checks.figure_problems(fig), [])
        self.assertEqual(len(ax.patches), 62)
        self.assertLessEqual(len(chart_checks._visible_labels(ax.xaxis)), 12)

    def test_a_year_is_areas_lines_and_month_ticks(self):
        fig, ax = self.daily_chart(365)
        self.assertEqual(chart_checks.figure_problems(fig), [])
        self.assertEqual(len(ax.patches), 0)
        self.assertEqual(len(ax.collections), 2)
        self.assertLessEqual(len(chart_checks._visible_labels(ax.xaxis)), 12)
        self.assertIn("2025", [t.get_text() for t in ax.get_xticklabels()])
        self.assertEqual(ax.lines[0].get_marker(), "None")

    def test_the_checks_see_daily_bars_over_a_year_and_missing_labels(self):
        days = pd.date_range("2024-04-06", "2025-04-05")
        fig, (ax1, ax2) = plt.subplots(2, 1)
        ax1.bar(days, range(len(days)))
        ax1.set_title("bars")
        ax1.set_xlabel("day")
        ax1.set_ylabel("n")
        ax2.plot([1, 2], [3, 4])
        fig.colorbar(ax2.scatter([1], [1], c=[1]), ax=ax2)
        problems = chart_checks.figure_problems(fig)
        self.assertIn("axes 1 ('bars'): 365 bars on a date axis (at most 100)", problems)
        self.assertTrue(any("axes 2: no title" in p for p in problems))
        self.assertTrue(any("axes 2: x axis without a label" in p for p in problems))
        self.assertTrue(any("colorbar without a label" in p for p in problems))


    def test_a_twin_axis_needs_its_label_but_not_a_title(self):
        fig, ax = plt.subplots()
        ax.plot([1, 2], [1, 2])
        ax.set_title("t")
        ax.set_xlabel("x (unit)")
        ax.set_ylabel("y (unit)")
        twin = ax.twinx()
        twin.plot([1, 2], [0.1, 0.2])
        problems = chart_checks.figure_problems(fig)
        self.assertEqual(len(problems), 1)
        self.assertRegex(problems[0], r"^axes 2: y axis without a label")
        twin.set_ylabel("rate (share)")
        self.assertEqual(chart_checks.figure_problems(fig), [])


class StretchTest(unittest.TestCase):
    def test_sample_days_repeat_over_a_year_ending_at_the_last_date(self):
        days = [dt.date(2025, 4, d) for d in (1, 2, 4)]
        df = pd.DataFrame({"event_date": days + [days[0], None], "n": [1, 2, 3, 4, 5]})
        year = chart_checks.stretch(df, 365)
        self.assertEqual(year["event_date"].dropna().nunique(), 365)
        self.assertEqual(max(year["event_date"].dropna()), dt.date(2025, 4, 4))
        self.assertEqual(min(year["event_date"].dropna()), dt.date(2024, 4, 5))
        self.assertIsInstance(year["event_date"].dropna().iloc[0], dt.date)
        self.assertEqual(year["event_date"].isna().sum(), 1)
        # 365 days: 122 cycles of the first date (2 rows each), 122 and 121 of the others.
        self.assertEqual(len(year), 1 + 122 * 2 + 122 + 121)


if __name__ == "__main__":
    unittest.main()
