package io.encordanalytics.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Draws the benchmark plot: wall time (s) against input events for the three engines (the pipeline,
 * DuckDB, the Jackson floor), log-log, from the results CSV that scripts/bench.sh appends to. For
 * each event count the latest row counts. Plain AWT, headless.
 *
 * <pre>
 *   BenchPlot RESULTS_CSV OUT_PNG
 * </pre>
 */
public final class BenchPlot {
  static final int WIDTH = 900;
  static final int HEIGHT = 600;

  /** CSV column, legend label, colour. */
  static final String[][] SERIES = {
    {"pipeline_s", "pipeline (Spark, local[2], JSON to every gold table)", "#d62728"},
    {"duckdb_s", "DuckDB (2 threads, the six contract gold tables)", "#1f77b4"},
    {"floor_s", "floor (Jackson streaming parse, 2 threads)", "#2ca02c"},
  };

  /** The sizes the benchmark is run at; the x axis always shows them. */
  static final long[] PLANNED_EVENTS = {300_000L, 1_000_000L, 3_000_000L};

  private BenchPlot() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    if (args.length != 2) {
      System.err.println("usage: BenchPlot RESULTS_CSV OUT_PNG");
      System.exit(2);
    }
    Map<Long, Map<String, Double>> points = latestByEvents(Files.readAllLines(Path.of(args[0])));
    Path out = Path.of(args[1]);
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    ImageIO.write(render(points), "png", out.toFile());
    System.out.println("wrote " + out + " (" + points.size() + " event counts)");
  }

  /** events -> column -> value, the last row of each event count winning. */
  static Map<Long, Map<String, Double>> latestByEvents(List<String> lines) {
    Map<Long, Map<String, Double>> out = new TreeMap<>();
    if (lines.isEmpty()) {
      return out;
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int eventsCol = header.indexOf("events");
    if (eventsCol < 0) {
      throw new IllegalArgumentException("no 'events' column in the results CSV header");
    }
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      Map<String, Double> row = new TreeMap<>();
      for (String[] s : SERIES) {
        int i = header.indexOf(s[0]);
        if (i >= 0 && i < f.length && !f[i].isBlank()) {
          row.put(s[0], Double.parseDouble(f[i]));
        }
      }
      out.put(Long.parseLong(f[eventsCol].trim()), row);
    }
    return out;
  }

  static BufferedImage render(Map<Long, Map<String, Double>> points) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);

    int left = 90;
    int right = WIDTH - 30;
    int top = 60;
    int bottom = HEIGHT - 150;

    // Axis ranges: every measured point and the planned sizes, widened to whole decades of time.
    double xMin = PLANNED_EVENTS[0];
    double xMax = PLANNED_EVENTS[PLANNED_EVENTS.length - 1];
    double yMin = Double.MAX_VALUE;
    double yMax = 0;
    for (Map.Entry<Long, Map<String, Double>> e : points.entrySet()) {
      xMin = Math.min(xMin, e.getKey());
      xMax = Math.max(xMax, e.getKey());
      for (double v : e.getValue().values()) {
        if (v > 0) {
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      }
    }
    if (yMax == 0) {
      yMin = 1;
      yMax = 1000;
    }
    double lx0 = Math.log10(xMin) - 0.08;
    double lx1 = Math.log10(xMax) + 0.08;
    double ly0 = Math.floor(Math.log10(yMin));
    double ly1 = Math.ceil(Math.log10(yMax));
    if (ly1 - ly0 < 2) {
      ly1 = ly0 + 2;
    }
    Scale sx = new Scale(lx0, lx1, left, right);
    Scale sy = new Scale(ly0, ly1, bottom, top);

    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    Font title = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    g.setFont(small);
    FontMetrics fm = g.getFontMetrics();

    // Grid and y ticks: decades labelled, 2 and 5 as light lines.
    for (int d = (int) ly0; d <= (int) ly1; d++) {
      for (int m : new int[] {1, 2, 5}) {
        double ly = d + Math.log10(m);
        if (ly > ly1 + 1e-9) {
          continue;
        }
        int y = sy.at(ly);
        g.setColor(m == 1 ? new Color(0xCCCCCC) : new Color(0xEEEEEE));
        g.drawLine(left, y, right, y);
        g.setColor(Color.DARK_GRAY);
        String label = seconds(Math.pow(10, ly));
        if (m == 1 || ly1 - ly0 <= 3) {
          g.drawString(label, left - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
      }
    }
    // x ticks: the planned sizes and every measured one.
    TreeMap<Long, Boolean> xticks = new TreeMap<>();
    for (long e : PLANNED_EVENTS) {
      xticks.put(e, true);
    }
    for (long e : points.keySet()) {
      xticks.put(e, true);
    }
    for (long e : xticks.keySet()) {
      int x = sx.at(Math.log10(e));
      g.setColor(new Color(0xE4E4E4));
      g.drawLine(x, top, x, bottom);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(x, bottom, x, bottom + 5);
      String label = events(e);
      g.drawString(label, x - fm.stringWidth(label) / 2, bottom + 8 + fm.getAscent());
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, right - left, bottom - top);

    String xLabel = "input events (JSON Lines records, 30 days, both log formats)";
    g.drawString(xLabel, (left + right - fm.stringWidth(xLabel)) / 2, bottom + 40);
    Graphics2D gy = (Graphics2D) g.create();
    gy.rotate(-Math.PI / 2);
    String yLabel = "wall time, whole process (s, log scale)";
    gy.drawString(yLabel, -(top + bottom + fm.stringWidth(yLabel)) / 2, 22);
    gy.dispose();

    g.setFont(title);
    String t = "Encord activity analytics: nightly pipeline vs DuckDB vs parse floor (2 cores)";
    g.drawString(t, (WIDTH - g.getFontMetrics().stringWidth(t)) / 2, 35);
    g.setFont(small);

    // Series.
    g.setStroke(new BasicStroke(2.2f));
    int legendY = bottom + 70;
    for (String[] s : SERIES) {
      Color c = Color.decode(s[2]);
      g.setColor(c);
      Path2D line = new Path2D.Double();
      boolean first = true;
      for (Map.Entry<Long, Map<String, Double>> e : points.entrySet()) {
        Double v = e.getValue().get(s[0]);
        if (v == null || v <= 0) {
          continue;
        }
        int x = sx.at(Math.log10(e.getKey()));
        int y = sy.at(Math.log10(v));
        if (first) {
          line.moveTo(x, y);
          first = false;
        } else {
          line.lineTo(x, y);
        }
        g.fillOval(x - 5, y - 5, 10, 10);
        // The lowest series (the floor) is labelled below its points, the others above.
        String label = seconds(v);
        boolean below = s == SERIES[SERIES.length - 1];
        g.drawString(label, x + 8, below ? y + fm.getAscent() + 4 : y - 6);
      }
      g.draw(line);
      g.fillOval(left + 10, legendY - 5, 10, 10);
      g.drawLine(left, legendY, left + 30, legendY);
      g.setColor(Color.BLACK);
      g.drawString(s[1], left + 40, legendY + fm.getAscent() / 2 - 1);
      legendY += 22;
    }
    if (points.isEmpty()) {
      g.setColor(Color.GRAY);
      String none = "no results yet: run scripts/bench.sh";
      g.drawString(none, (left + right - fm.stringWidth(none)) / 2, (top + bottom) / 2);
    }
    g.dispose();
    return img;
  }

  static String events(long e) {
    if (e >= 1_000_000 && e % 100_000 == 0) {
      return (e % 1_000_000 == 0 ? Long.toString(e / 1_000_000) : e / 1e6 + "") + "M";
    }
    if (e >= 1_000 && e % 1_000 == 0) {
      return e / 1_000 + "k";
    }
    return Long.toString(e);
  }

  static String seconds(double s) {
    if (s >= 10) {
      return String.format(Locale.ROOT, "%.0f s", s);
    }
    if (s >= 1) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  /** Linear map from a log10 value to pixels. */
  record Scale(double v0, double v1, int p0, int p1) {
    int at(double v) {
      return (int) Math.round(p0 + (v - v0) / (v1 - v0) * (p1 - p0));
    }
  }

  /** For tests: which series have a point at each event count. */
  static List<String> seriesPresent(Map<Long, Map<String, Double>> points) {
    List<String> out = new ArrayList<>();
    for (String[] s : SERIES) {
      if (points.values().stream().anyMatch(r -> r.containsKey(s[0]))) {
        out.add(s[0]);
      }
    }
    return out;
  }
}
