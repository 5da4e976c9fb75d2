package io.thermobus.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/** p99 publication-to-receipt latency by K, one zone, thermobus WebSocket and SSE against the SockJS bridge, as a PNG. */
final class Chart {

  private static final int WIDTH = 720;
  private static final int HEIGHT = 400;
  private static final int MARGIN = 60;

  private Chart() {}

  static void draw(List<LoadHarness.Result> results, Path file) throws Exception {
    TreeSet<Integer> ks = new TreeSet<>();
    double top = 1;
    for (LoadHarness.Result r : results) {
      if (r.zones() == 1 && r.slow() == 0) {
        ks.add(r.k());
        top = Math.max(top, Report.ms(r.latency(), 99));
      }
    }
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString("p99 publication to receipt (ms), one zone, by number of clients K", MARGIN, 20);
    g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - 20, HEIGHT - MARGIN);
    g.drawLine(MARGIN, 30, MARGIN, HEIGHT - MARGIN);
    g.drawString(String.format(Locale.ROOT, "%.0f", top), 5, 40);
    g.drawString("0", 40, HEIGHT - MARGIN);
    Clients.Kind[] kinds = Clients.Kind.values();
    Color[] colors = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728)};
    int group = (WIDTH - MARGIN - 40) / Math.max(1, ks.size());
    int bar = group / (kinds.length + 1);
    int x = MARGIN + 10;
    for (int k : ks) {
      for (int i = 0; i < kinds.length; i++) {
        for (LoadHarness.Result r : results) {
          if (r.k() == k && r.kind() == kinds[i] && r.zones() == 1 && r.slow() == 0) {
            int h = (int) ((HEIGHT - MARGIN - 40) * Report.ms(r.latency(), 99) / top);
            g.setColor(colors[i]);
            g.fillRect(x + i * bar, HEIGHT - MARGIN - h, bar - 4, h);
          }
        }
      }
      g.setColor(Color.BLACK);
      g.drawString("K=" + k, x, HEIGHT - MARGIN + 16);
      x += group;
    }
    g.setStroke(new BasicStroke(1));
    for (int i = 0; i < kinds.length; i++) {
      g.setColor(colors[i]);
      g.fillRect(MARGIN + i * 160, HEIGHT - 25, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(kinds[i] == Clients.Kind.BRIDGE ? "SockJS bridge (WS)" : "thermobus " + kinds[i], MARGIN + 16 + i * 160, HEIGHT - 15);
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
