package io.encordanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlotTest {
  @TempDir Path dir;

  static final List<String> CSV =
      List.of(
          "timestamp,events,runs,pipeline_s,duckdb_s,floor_s",
          "2025-01-01T00:00:00Z,300000,1,900.5,20.1,5.2",
          "2025-01-02T00:00:00Z,300000,3,800.0,19.0,5.0",
          "2025-01-03T00:00:00Z,1000000,3,2400,,15");

  @Test
  void theLatestRowOfEachEventCountWins() {
    Map<Long, Map<String, Double>> points = BenchPlot.latestByEvents(CSV);

    assertThat(points).containsOnlyKeys(300_000L, 1_000_000L);
    assertThat(points.get(300_000L))
        .containsEntry("pipeline_s", 800.0)
        .containsEntry("duckdb_s", 19.0)
        .containsEntry("floor_s", 5.0);
    assertThat(points.get(1_000_000L)).doesNotContainKey("duckdb_s");
    assertThat(BenchPlot.seriesPresent(points))
        .containsExactly("pipeline_s", "duckdb_s", "floor_s");
  }

  @Test
  void drawsAPngWithEverySeriesColour() throws Exception {
    Path csv = dir.resolve("results.csv");
    Path png = dir.resolve("plot.png");
    Files.write(csv, CSV);

    BenchPlot.main(new String[] {csv.toString(), png.toString()});

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(BenchPlot.WIDTH);
    assertThat(img.getHeight()).isEqualTo(BenchPlot.HEIGHT);
    for (String[] s : BenchPlot.SERIES) {
      int rgb = Integer.decode(s[2]) & 0xFFFFFF;
      assertThat(hasPixel(img, rgb)).as(s[0] + " drawn").isTrue();
    }
  }

  @Test
  void labelsEventsAndSecondsReadably() {
    assertThat(BenchPlot.events(300_000)).isEqualTo("300k");
    assertThat(BenchPlot.events(3_000_000)).isEqualTo("3M");
    assertThat(BenchPlot.events(1_500_000)).isEqualTo("1.5M");
    assertThat(BenchPlot.seconds(812.4)).isEqualTo("812 s");
    assertThat(BenchPlot.seconds(2.345)).isEqualTo("2.3 s");
  }

  private static boolean hasPixel(BufferedImage img, int rgb) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
