package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.control.Protections;
import io.thermobus.control.WindowDetection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A relay told what the thermostat wants, no faster than its minimum times, retried until it listens, and blamed when it does not. */
class RelayLinkTest {

  private static final long S = 1_000_000_000L;
  private static final RelayLink.Timing TIMING = new RelayLink.Timing(Duration.ofSeconds(10), Duration.ofSeconds(2));
  /** Minimum on 60 s, minimum off 30 s. */
  private static final Protections PROTECTIONS = new Protections(60, 30, 0, 600, 0, WindowDetection.OFF);

  private final RelayLink confirming = new RelayLink(TIMING, true);
  private final RelayLink silent = new RelayLink(TIMING, false);

  RelayLinkTest() {
    confirming.protections(PROTECTIONS);
    silent.protections(PROTECTIONS);
  }

  @Test
  void shouldSpaceTheCommandsOfAFlappingThermostatByTheMinimumOnAndOffTimes() {
    List<long[]> switches = new ArrayList<>(); // {at, on}
    for (long t = 0; t <= 600 * S; t += S / 2) {
      silent.want((t / (S / 2)) % 2 == 0); // a new wish every half second
      Optional<Boolean> sent = silent.toSend(t);
      if (sent.isPresent()) {
        silent.sent(true);
        if (switches.isEmpty() || (switches.get(switches.size() - 1)[1] == 1) != sent.get()) {
          switches.add(new long[] {t, sent.get() ? 1 : 0});
        }
      }
    }
    assertThat(switches).hasSizeGreaterThan(10);
    for (int i = 1; i < switches.size(); i++) {
      long held = switches.get(i)[0] - switches.get(i - 1)[0];
      boolean wasOn = switches.get(i - 1)[1] == 1;
      assertThat(held).as("switch %d after %s", i, wasOn ? "on" : "off").isGreaterThanOrEqualTo(wasOn ? 60 * S : 30 * S);
    }
  }

  @Test
  void shouldApplyChangedProtectionsFromNowOn() {
    silent.want(true);
    silent.toSend(0);
    silent.sent(true);
    silent.want(false);
    assertThat(silent.toSend(10 * S)).isEmpty();
    silent.protections(Protections.NONE);
    assertThat(silent.toSend(11 * S)).contains(false);
  }

  @Test
  void sendsTheFirstDecisionAtOnceAndNothingMoreOnceConfirmed() {
    confirming.want(true);
    assertThat(confirming.toSend(0)).contains(true);
    confirming.sent(true);
    assertThat(confirming.toSend(S)).isEmpty();
    confirming.confirmed(true);
    assertThat(confirming.toSend(100 * S)).isEmpty();
    assertThat(confirming.fault(100 * S)).isEmpty();
  }

  @Test
  void holdsASwitchBackUntilTheMinimumTimeHasPassed() {
    confirming.want(true);
    confirming.toSend(0);
    confirming.sent(true);
    confirming.confirmed(true);
    confirming.want(false);
    assertThat(confirming.toSend(59 * S)).isEmpty();
    assertThat(confirming.toSend(60 * S)).contains(false);
    confirming.sent(true);
    confirming.confirmed(false);
    // A sensor flapping around the setpoint: on, off, on within the minimum off time change nothing.
    confirming.want(true);
    confirming.want(false);
    confirming.want(true);
    assertThat(confirming.toSend(80 * S)).isEmpty();
    assertThat(confirming.toSend(90 * S)).contains(true);
  }

  @Test
  void theFailSafeSwitchesOffAtOnceWhateverTheMinimumOnTimeAndTheMinimumOffTimeCountsFromIt() {
    confirming.want(true);
    confirming.toSend(0);
    confirming.sent(true);
    confirming.forceOff(5 * S);
    assertThat(confirming.toSend(5 * S)).contains(false);
    confirming.sent(true);
    confirming.confirmed(false);
    confirming.want(true);
    assertThat(confirming.toSend(34 * S)).isEmpty();
    assertThat(confirming.toSend(35 * S)).contains(true);
  }

  @Test
  void theFailSafeSendsOffEvenBeforeAnyDecision() {
    silent.forceOff(0);
    assertThat(silent.toSend(0)).contains(false);
  }

  @Test
  void retriesACommandTheBrokerDidNotTakeUntilItDoes() {
    silent.want(true);
    assertThat(silent.toSend(0)).contains(true);
    silent.sent(false);
    assertThat(silent.toSend(S)).isEmpty();
    assertThat(silent.toSend(2 * S)).contains(true);
    silent.sent(true);
    assertThat(silent.toSend(10 * S)).isEmpty();
    assertThat(silent.fault(100 * S)).as("a relay without a state topic is trusted").isEmpty();
  }

  @Test
  void retriesAnUnconfirmedCommandAndCallsItAFaultAfterTheTimeout() {
    confirming.want(true);
    confirming.toSend(0);
    confirming.sent(true);
    assertThat(confirming.toSend(2 * S)).contains(true);
    confirming.sent(true);
    assertThat(confirming.fault(9 * S)).isEmpty();
    assertThat(confirming.fault(10 * S)).hasValue("relay has not confirmed on within 10 s");
    confirming.confirmed(true);
    assertThat(confirming.fault(11 * S)).isEmpty();
  }

  @Test
  void aRelayThatDoesNotSwitchOnIsCommandedOffAtOnceAndTriedAgainOnlyOnceItReports() {
    confirming.want(true);
    confirming.toSend(0);
    confirming.sent(true);
    assertThat(confirming.toSend(10 * S)).as("off, whatever the 60 s minimum on time").contains(false);
    confirming.sent(true);
    String fault = "relay has not confirmed on within 10 s; heater commanded off, tried again once the relay reports";
    assertThat(confirming.fault(10 * S)).hasValue(fault);
    confirming.want(true);
    assertThat(confirming.toSend(50 * S)).as("the off repeated, not the on").contains(false);
    confirming.sent(true);
    confirming.confirmed(false);
    assertThat(confirming.fault(51 * S)).as("the fault stays until the relay is on as told").hasValue(fault);
    assertThat(confirming.toSend(51 * S)).contains(true);
    confirming.sent(true);
    confirming.confirmed(true);
    assertThat(confirming.toSend(52 * S)).isEmpty();
    assertThat(confirming.fault(52 * S)).isEmpty();
  }

  @Test
  void aContradictingConfirmationIsAFaultAfterTheTimeout() {
    confirming.want(true);
    confirming.toSend(0);
    confirming.sent(true);
    confirming.confirmed(false);
    assertThat(confirming.fault(5 * S)).isEmpty();
    assertThat(confirming.fault(12 * S)).isEqualTo(Optional.of("relay reports off, commanded on 12 s ago"));
  }
}
