package io.thermobus.event;

/** Point-to-point Vert.x addresses of one zone's verticles; topic addresses live on {@link Topic}. */
public final class Addresses {

  private Addresses() {}

  /** The room's inbox for {@link TemperatureDelta}s. */
  public static String roomDelta(String zone) {
    return "thermobus.zone." + zone + ".room.delta";
  }

  /** Request/reply: the display answers a {@link ZoneState}. */
  public static String zoneState(String zone) {
    return "thermobus.zone." + zone + ".state";
  }

  /** Request/reply: the input applies a {@link SetDesired} and answers the new desired hundredths. */
  public static String setDesired(String zone) {
    return "thermobus.zone." + zone + ".input.desired";
  }

  /** Request/reply: the input answers its current desired temperature in hundredths. */
  public static String desired(String zone) {
    return "thermobus.zone." + zone + ".input.current";
  }

  /** Request/reply: the input takes a {@link KeyPressed}. */
  public static String keys(String zone) {
    return "thermobus.zone." + zone + ".input.keys";
  }

  /** Request/reply: the zone's history answers its samples of the last N seconds (the body). */
  public static String history(String zone) {
    return "thermobus.zone." + zone + ".history";
  }
}
