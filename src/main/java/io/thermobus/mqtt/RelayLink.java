package io.thermobus.mqtt;

import io.thermobus.control.Protections;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a zone on MQTT tells its relay, and whether the relay listens. The thermostat's wishes are
 * held back until the relay has been on (or off) for the zone's minimum time ({@link Protections},
 * counted here in wall time from the relay's last switch, whatever caused it), so a flapping sensor
 * cannot chatter it. The fail-safe's off goes at once, whatever the minimum on time: readings gone
 * stale, a lost broker, a relay that does not switch on as told; the minimum off time then counts
 * from it. A command the broker did not take is sent again every {@code retryInterval}, as is one
 * the relay has not confirmed (when it confirms at all); a relay that contradicts or ignores the
 * command for {@code confirmTimeout} is a fault. Pure: times are nanoseconds from the caller's
 * clock. Not thread-safe: owned by one event loop.
 */
public final class RelayLink {

  /** How long a relay may take to confirm, and how often to repeat a command not taken or not confirmed. */
  public record Timing(Duration confirmTimeout, Duration retryInterval) {}

  private final long confirmTimeout;
  private final long retryInterval;
  private final boolean confirms;
  private Protections protections = Protections.NONE;

  private Boolean target;        // what the relay should be, once the minimum times allow
  private Boolean commanded;     // the state last decided and sent (or being sent)
  private long commandedAt;      // when that state was first decided
  private long lastAttempt;
  private boolean fresh;         // decided and not handed out by toSend yet
  private boolean taken;         // the broker took the last attempt
  private Boolean reported;      // what the relay last confirmed
  private String distrust;       // the fault of a relay that did not switch on as told, until it does; else null
  private boolean heldOff;       // since then, until the relay reports again: the thermostat's on waits

  /** {@code confirms}: the relay reports its state on a state topic. */
  public RelayLink(Timing timing, boolean confirms) {
    this.confirmTimeout = timing.confirmTimeout().toNanos();
    this.retryInterval = timing.retryInterval().toNanos();
    this.confirms = confirms;
  }

  /** The zone's protections now; their minimum on and off times hold back the thermostat's wishes from now on. */
  public void protections(Protections newProtections) {
    protections = Objects.requireNonNull(newProtections, "protections");
  }

  /** The thermostat's decision; applied when the relay's minimum time in its current state has passed. */
  public void want(boolean on) {
    target = on;
  }

  /** The fail-safe: off now, whatever the minimum on time says. */
  public void forceOff(long now) {
    target = false;
    if (!Boolean.FALSE.equals(commanded)) {
      decide(false, now);
    }
  }

  /**
   * The payload state to publish now, if any: a new decision whose time has come, or a retry. A
   * relay commanded on that has not done so for {@code confirmTimeout} is commanded off at once, as
   * by the fail-safe; the thermostat's on is tried again once the relay reports its state again, and
   * the zone's fault stays until the relay is on as told.
   */
  public Optional<Boolean> toSend(long now) {
    if (Boolean.TRUE.equals(commanded)) {
      if (Boolean.TRUE.equals(reported)) {
        distrust = null;
      } else if (!heldOff) {
        misbehaving(now).ifPresent(fault -> {
          distrust = fault + "; heater commanded off, tried again once the relay reports";
          heldOff = true;
          forceOff(now);
        });
      }
    }
    if (target != null && !target.equals(commanded) && !(target && heldOff)
        && (commanded == null || !protections.holds(commanded, commandedAt, now))) {
      decide(target, now);
    }
    if (commanded == null) {
      return Optional.empty();
    }
    boolean unconfirmed = confirms && !commanded.equals(reported);
    if (fresh || ((!taken || unconfirmed) && now - lastAttempt >= retryInterval)) {
      fresh = false;
      lastAttempt = now;
      return Optional.of(commanded);
    }
    return Optional.empty();
  }

  /** Whether {@code on} is the state last decided: an attempt still worth sending. */
  public boolean commands(boolean on) {
    return Boolean.valueOf(on).equals(commanded);
  }

  /** The broker took (or refused) the last state {@link #toSend} returned. */
  public void sent(boolean accepted) {
    taken = accepted;
  }

  /** The relay's report on its state topic; one after it was held off lets the thermostat's wishes through again. */
  public void confirmed(boolean on) {
    reported = on;
    heldOff = false;
  }

  /** What the relay is doing wrong, or empty while it does as told (or still has time to). */
  public Optional<String> fault(long now) {
    return distrust != null ? Optional.of(distrust) : misbehaving(now);
  }

  private Optional<String> misbehaving(long now) {
    if (!confirms || commanded == null || commanded.equals(reported) || now - commandedAt < confirmTimeout) {
      return Optional.empty();
    }
    String wanted = commanded ? "on" : "off";
    long seconds = Duration.ofNanos(now - commandedAt).toSeconds();
    return Optional.of(reported == null
        ? "relay has not confirmed " + wanted + " within " + seconds + " s"
        : "relay reports " + (reported ? "on" : "off") + ", commanded " + wanted + " " + seconds + " s ago");
  }

  private void decide(boolean on, long now) {
    commanded = on;
    commandedAt = now;
    fresh = true;
    taken = false;
  }
}
