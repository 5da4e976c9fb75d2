package io.thermobus.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.zone.ZoneSource;
import io.thermobus.zone.ZoneSpec;
import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processors' rules, on a plain entry: what Hazelcast runs on the partition that holds the zone. */
class ZoneRecordTest {

  private static final String SIM = ZoneRecord.sourceText(ZoneSource.SIM);

  private final Map.Entry<String, ZoneRecord> home = new AbstractMap.SimpleEntry<>("home", new ZoneRecord(2100, 1800, SIM, null, 0));

  @Test
  void shouldRaiseTheFenceWithEveryClaimAndKeepTheSetpoint() {
    assertThat(new ZoneRecord.Claim("a").apply(home, "a")).isEqualTo(1);
    assertThat(new ZoneRecord.Claim("b").apply(home, "b")).isEqualTo(2);
    assertThat(home.getValue()).isEqualTo(new ZoneRecord(2100, 1800, SIM, "b", 2));
  }

  @Test
  void shouldRefuseAClaimFromANodeThatDoesNotHoldThePartition() {
    assertThat(new ZoneRecord.Claim("a").apply(home, "b")).isZero();
    assertThat(home.getValue()).isEqualTo(new ZoneRecord(2100, 1800, SIM, null, 0));
  }

  @Test
  void shouldAdmitOnlyTheLatestClaimOnTheNodeThatHoldsThePartition() {
    long first = new ZoneRecord.Claim("a").apply(home, "a");
    assertThat(new ZoneRecord.Admit("a", first).apply(home, "a")).isTrue();
    assertThat(new ZoneRecord.Admit("a", first).apply(home, "b")).as("the partition moved to b").isFalse();
    long second = new ZoneRecord.Claim("b").apply(home, "b");
    assertThat(new ZoneRecord.Admit("a", first).apply(home, "b")).as("a's stale fence").isFalse();
    assertThat(new ZoneRecord.Admit("b", second).apply(home, "b")).isTrue();
  }

  @Test
  void shouldRecordASetpointKeepingTheClaimAndLeaveAZoneNotYetKnownUnknown() {
    long fence = new ZoneRecord.Claim("a").apply(home, "a");
    new ZoneRecord.Desired(2250).apply(home, "b");
    assertThat(home.getValue()).isEqualTo(new ZoneRecord(2250, 1800, SIM, "a", fence));
    Map.Entry<String, ZoneRecord> attic = new AbstractMap.SimpleEntry<>("attic", null);
    new ZoneRecord.Desired(1900).apply(attic, "a");
    assertThat(attic.getValue()).isNull();
  }

  @Test
  void shouldDefineAZoneOnlyIfTheClusterDoesNotKnowItKeepingAnExistingSetpointAndClaim() {
    long fence = new ZoneRecord.Claim("a").apply(home, "a");
    new ZoneRecord.Define(ZoneSpec.simulated("home", 1500, 1000)).apply(home, "b");
    assertThat(home.getValue()).isEqualTo(new ZoneRecord(2100, 1800, SIM, "a", fence));
    Map.Entry<String, ZoneRecord> attic = new AbstractMap.SimpleEntry<>("attic", null);
    new ZoneRecord.Define(ZoneSpec.simulated("attic", 1900, 1700)).apply(attic, "a");
    assertThat(attic.getValue()).isEqualTo(new ZoneRecord(1900, 1700, SIM, null, 0));
    assertThat(attic.getValue().spec("attic")).isEqualTo(ZoneSpec.simulated("attic", 1900, 1700));
  }
}
