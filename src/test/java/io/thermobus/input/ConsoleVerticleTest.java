package io.thermobus.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.event.EventCodec;
import io.thermobus.event.FrameRendered;
import io.thermobus.event.Topic;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConsoleVerticleTest {

  @Test
  void redrawsTheBannerAndTheZonesFrameOnEveryFrame(Vertx vertx) throws Exception {
    EventCodec.registerAll(vertx.eventBus());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    vertx.deployVerticle(new ConsoleVerticle("home", "thermobus.test.input", false, out, "Thermobus dashboard: URL")).await(10, TimeUnit.SECONDS);

    FrameRendered other = new FrameRendered("attic", 1500, 1600, true, "", "Temperature: 15.00 °C", Instant.now());
    FrameRendered home = new FrameRendered("home", 2090, 2100, false, "↑", "Temperature: 20.90 °C\nInput: ↑", Instant.now());
    vertx.eventBus().publish(Topic.FRAME.address(), other);
    vertx.eventBus().publish(Topic.FRAME.address(), home);

    await().atMost(Duration.ofSeconds(10)).until(() -> bytes.toString(StandardCharsets.UTF_8).contains("Input: ↑"));
    String screen = bytes.toString(StandardCharsets.UTF_8);
    assertThat(screen).startsWith("\u001b[H\u001b[2J").contains("Thermobus dashboard: URL\r\n\r\nTemperature: 20.90 °C\r\nInput: ↑");
    assertThat(screen).as("other zones are not drawn").doesNotContain("15.00");
  }
}
