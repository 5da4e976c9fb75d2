package io.thermobus.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ZoneDirectoryTest {

  private final ZoneDirectory directory = new ZoneDirectory(4, 3, List.of(
      ZoneSpec.simulated("home", 2100, 2090), ZoneSpec.simulated("attic", 1950, 1800)));

  @Test
  void shouldAssignEveryZoneToOneShardByAStableHash() {
    assertThat(directory.shardOf("home")).isEqualTo(Math.floorMod("home".hashCode(), 4))
        .isEqualTo(new ZoneDirectory(4, 1, List.of(ZoneSpec.simulated("x", 2100, 2090))).shardOf("home"));
    int hosted = IntStream.range(0, 4).map(shard -> directory.zonesOf(shard).size()).sum();
    assertThat(hosted).isEqualTo(2);
    assertThat(directory.zonesOf(directory.shardOf("attic"))).contains(ZoneSpec.simulated("attic", 1950, 1800));
  }

  @Test
  void shouldRefuseADuplicateAndAZonePastTheLimit() throws Exception {
    assertThatThrownBy(() -> directory.add(ZoneSpec.simulated("home", 2100, 2090)))
        .isInstanceOf(ZoneConflictException.class).hasMessageContaining("exists already");
    directory.add(ZoneSpec.simulated("cellar", 2100, 2090));
    assertThatThrownBy(() -> directory.add(ZoneSpec.simulated("garage", 2100, 2090)))
        .isInstanceOf(ZoneConflictException.class).hasMessageContaining("limit (maxZones)");
    assertThat(directory.size()).isEqualTo(3);
  }

  @Test
  void shouldForgetARemovedZoneAndFreeItsPlace() throws Exception {
    assertThat(directory.remove("attic")).isTrue();
    assertThat(directory.remove("attic")).isFalse();
    assertThat(directory.hosts("attic")).isFalse();
    assertThat(directory.zonesOf(directory.shardOf("attic"))).extracting(ZoneSpec::name).doesNotContain("attic");
    directory.add(ZoneSpec.simulated("attic", 2100, 2090));
    assertThat(directory.zonesOf(directory.shardOf("attic"))).contains(ZoneSpec.simulated("attic", 2100, 2090));
    assertThat(directory.ordinal("attic")).as("created after the configured zones").isGreaterThan(directory.ordinal("home"));
  }

  @Test
  void shouldNameManyZonesInOneShortLine() {
    assertThat(ZoneList.describe(List.of("home"))).isEqualTo("Zone home");
    assertThat(ZoneList.describe(IntStream.range(0, 10_000).mapToObj(i -> "z" + i).toList()))
        .isEqualTo("10000 zones (z0, z1, z2, z3, z4, ...)");
  }
}
