package io.thermobus.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private final Deadlines deadlines = new Deadlines();
  private final List<String> due = new ArrayList<>();

  @Test
  void shouldHandOutZonesEarliestFirstOnceTheirDeadlinePassed() {
    deadlines.schedule("b", 20);
    deadlines.schedule("a", 10);
    deadlines.schedule("c", 30);

    deadlines.pollDue(20, due::add);

    assertThat(due).containsExactly("a", "b");
    assertThat(deadlines.next()).isEqualTo(30);
  }

  @Test
  void shouldKeepOnlyTheLatestDeadlineOfAZone() {
    deadlines.schedule("a", 10);
    deadlines.schedule("a", 50);
    deadlines.schedule("b", 20);
    deadlines.cancel("b");

    assertThat(deadlines.next()).as("replaced and cancelled entries are skipped").isEqualTo(50);
    deadlines.pollDue(100, due::add);
    assertThat(due).containsExactly("a");
    assertThat(deadlines.next()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void shouldLetADueZoneScheduleItsNextDeadline() {
    deadlines.schedule("a", 10);
    deadlines.pollDue(10, zone -> {
      due.add(zone);
      deadlines.schedule(zone, 20);
    });
    assertThat(due).containsExactly("a");
    assertThat(deadlines.next()).isEqualTo(20);
  }
}
