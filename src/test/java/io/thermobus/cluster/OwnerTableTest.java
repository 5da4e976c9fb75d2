package io.thermobus.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerTableTest {

  private final OwnerTable table = new OwnerTable("a");

  @Test
  void shouldReportTheZonesThisNodeGainsAtFirstWithoutCountingMoves() {
    ZoneOwnership.Change change = table.update(Map.of("home", "a", "attic", "b"));
    assertThat(change.gained()).containsExactly("home");
    assertThat(change.lost()).isEmpty();
    assertThat(table.moves()).isZero();
    assertThat(table.owners()).containsExactly(Map.entry("attic", "b"), Map.entry("home", "a"));
  }

  @Test
  void shouldCountEachChangeOfOwnerAsOneMoveAndNameWhatThisNodeLostAndGained() {
    table.update(Map.of("home", "a", "attic", "b", "cellar", "c"));
    ZoneOwnership.Change change = table.update(Map.of("home", "b", "attic", "a", "cellar", "c"));
    assertThat(change.gained()).containsExactly("attic");
    assertThat(change.lost()).containsExactly("home");
    assertThat(table.moves()).isEqualTo(2);
    table.update(Map.of("home", "b", "attic", "a", "cellar", "c"));
    assertThat(table.moves()).as("the same reading again moves nothing").isEqualTo(2);
  }

  @Test
  void shouldKeepTheLastOwnerWhileAPartitionHasNoneSoAPromotionIsOneMove() {
    table.update(Map.of("home", "b"));
    Map<String, String> promoting = new HashMap<>();
    promoting.put("home", null);
    ZoneOwnership.Change during = table.update(promoting);
    assertThat(during.gained()).isEmpty();
    assertThat(table.owners()).containsEntry("home", "b");
    ZoneOwnership.Change after = table.update(Map.of("home", "a"));
    assertThat(after.gained()).containsExactly("home");
    assertThat(table.moves()).isEqualTo(1);
  }

  @Test
  void shouldForgetARemovedZoneAndReportItLostWhenThisNodeOwnedIt() {
    table.update(Map.of("home", "a", "attic", "b"));
    ZoneOwnership.Change change = table.update(Map.of("attic", "b"));
    assertThat(change.lost()).containsExactly("home");
    assertThat(table.owners()).containsOnlyKeys("attic");
    assertThat(table.moves()).isZero();
  }
}
