package io.thermobus.bus;

/**
 * Marker delivered before anything else to a subscriber whose next event was evicted from
 * retention. Its following deliveries are its matching events from {@code resumeAt} on.
 *
 * @param lagged   bus seqs skipped, whatever their topic: {@code resumeAt} minus the seq the
 *                 subscriber would have read next (a filtered subscriber may have matched fewer)
 * @param resumeAt the oldest retained seq when the marker was made
 * @param <T>      the payload type of the bus (the marker carries none)
 */
public record Lagged<T>(long lagged, long resumeAt) implements Delivery<T> {

  public Lagged {
    if (lagged < 1 || resumeAt < 2) {
      throw new IllegalArgumentException("lagged=" + lagged + " resumeAt=" + resumeAt);
    }
  }
}
