package io.thermobus.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.bus.Envelope;
import io.thermobus.bus.Lagged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  private static final Instant AT = Instant.parse("2026-11-26T07:00:00Z");

  private static Envelope<String> event(long seq, String zone, String topic) {
    return new Envelope<>(seq, topic, zone, AT, "data-" + seq);
  }

  @Test
  void shouldKeepTheLatestEventPerZoneAndTopicInBusOrderCountingWhatEachReplaces() {
    Coalescer<String> coalescer = new Coalescer<>();
    coalescer.add(event(1, "home", "temperature"));
    coalescer.add(event(2, "home", "heater"));
    coalescer.add(event(3, "home", "temperature"));
    coalescer.add(event(4, "attic", "temperature"));
    coalescer.add(event(5, "home", "temperature"));
    assertThat(coalescer.keys()).isEqualTo(3);
    assertThat(coalescer.take()).containsExactly(
        new Coalescer.Folded<>(event(2, "home", "heater"), 0),
        new Coalescer.Folded<>(event(4, "attic", "temperature"), 0),
        new Coalescer.Folded<>(event(5, "home", "temperature"), 2));
    assertThat(coalescer.isEmpty()).isTrue();
  }

  @Test
  void shouldMergeLagMarkersAndPlaceThemBeforeTheEventsTheyPrecede() {
    Coalescer<String> coalescer = new Coalescer<>();
    coalescer.add(new Lagged<>(10, 11));
    coalescer.add(event(11, "home", "temperature"));
    coalescer.add(new Lagged<>(5, 20));
    coalescer.add(event(20, "home", "heater"));
    assertThat(coalescer.take()).containsExactly(
        new Coalescer.Folded<>(event(11, "home", "temperature"), 0),
        new Coalescer.Folded<>(new Lagged<>(15, 20), 0),
        new Coalescer.Folded<>(event(20, "home", "heater"), 0));
  }
}
