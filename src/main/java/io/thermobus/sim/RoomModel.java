package io.thermobus.sim;

import static io.thermobus.control.InvalidSettingsException.orDefault;
import static io.thermobus.control.InvalidSettingsException.requireRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.thermobus.control.InvalidSettingsException;
import io.thermobus.schedule.WeekClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How a simulated room behaves. {@code chapter}: the chapter's stepwise physics ({@link Physics}),
 * the default, which knows no outside; {@code heaterPowerWatts} then only prices its on-time in
 * energy, and an open window triples its heat loss. {@code thermal}: a heat capacity (kJ/K) that
 * loses {@code lossWattsPerK} towards the outside temperature and gains the heater's power;
 * an open window adds {@code windowLossWattsPerK}. The outside is {@code outsideCelsius}, or a
 * daily curve interpolated linearly between its points (and around midnight) when one is given.
 */
public record RoomModel(Kind model, double heaterPowerWatts, double heatCapacityKJPerK, double lossWattsPerK,
    double windowLossWattsPerK, double outsideCelsius, List<OutsidePoint> outsideDaily) {

  public enum Kind {
    CHAPTER,
    THERMAL;

    @JsonValue
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Kind of(String name) {
      for (Kind kind : values()) {
        if (kind.apiName().equals(name)) {
          return kind;
        }
      }
      throw new InvalidSettingsException("room.model must be chapter or thermal, got " + name);
    }
  }

  public static final RoomModel CHAPTER = new RoomModel(Kind.CHAPTER, 2000, 1000, 60, 300, 5, List.of());

  private static final int SECONDS_PER_DAY = 86_400;

  public RoomModel {
    if (model == null) {
      throw new InvalidSettingsException("room.model is required (chapter or thermal)");
    }
    requireRange("room.heaterPowerWatts", heaterPowerWatts, 1, 100_000);
    requireRange("room.heatCapacityKJPerK", heatCapacityKJPerK, 1, 1_000_000);
    requireRange("room.lossWattsPerK", lossWattsPerK, 0.1, 100_000);
    requireRange("room.windowLossWattsPerK", windowLossWattsPerK, 0, 100_000);
    requireRange("room.outsideCelsius", outsideCelsius, -60, 60);
    List<OutsidePoint> sorted = new ArrayList<>(orDefault(outsideDaily, List.<OutsidePoint>of()));
    sorted.sort(Comparator.comparing(OutsidePoint::at));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).at().equals(sorted.get(i - 1).at())) {
        throw new InvalidSettingsException("room.outsideDaily has two points at " + sorted.get(i).at());
      }
    }
    if (sorted.size() > 48) {
      throw new InvalidSettingsException("room.outsideDaily may have at most 48 points, got " + sorted.size());
    }
    outsideDaily = List.copyOf(sorted);
  }

  @JsonCreator
  static RoomModel json(@JsonProperty("model") Kind model, @JsonProperty("heaterPowerWatts") Double power,
      @JsonProperty("heatCapacityKJPerK") Double capacity, @JsonProperty("lossWattsPerK") Double loss,
      @JsonProperty("windowLossWattsPerK") Double windowLoss, @JsonProperty("outsideCelsius") Double outside,
      @JsonProperty("outsideDaily") List<OutsidePoint> daily) {
    return new RoomModel(orDefault(model, CHAPTER.model), orDefault(power, CHAPTER.heaterPowerWatts),
        orDefault(capacity, CHAPTER.heatCapacityKJPerK), orDefault(loss, CHAPTER.lossWattsPerK),
        orDefault(windowLoss, CHAPTER.windowLossWattsPerK), orDefault(outside, CHAPTER.outsideCelsius), daily);
  }

  /** Whether the model has an outside temperature that a controller can be told. */
  public boolean hasOutside() {
    return model == Kind.THERMAL;
  }

  /** The outside temperature at a second of the day (0 ≤ s < 86400; other values wrap). */
  public double outsideAt(long secondOfDay) {
    if (outsideDaily.isEmpty()) {
      return outsideCelsius;
    }
    long s = Math.floorMod(secondOfDay, SECONDS_PER_DAY);
    int n = outsideDaily.size();
    for (int i = 0; i < n; i++) {
      OutsidePoint next = outsideDaily.get(i);
      long nextAt = next.at().toSecondOfDay();
      if (s <= nextAt) {
        OutsidePoint previous = outsideDaily.get((i - 1 + n) % n);
        long previousAt = previous.at().toSecondOfDay() - (i == 0 ? SECONDS_PER_DAY : 0);
        return interpolate(previous.celsius(), previousAt, next.celsius(), nextAt, s);
      }
    }
    OutsidePoint last = outsideDaily.get(n - 1);
    OutsidePoint first = outsideDaily.get(0);
    return interpolate(last.celsius(), last.at().toSecondOfDay(), first.celsius(), first.at().toSecondOfDay() + SECONDS_PER_DAY, s);
  }

  /** The outside temperature at the simulated instant {@code nanos} of a clock whose 0 falls where {@code week} says. */
  public double outsideAt(WeekClock week, long nanos) {
    return outsideAt(week.secondOfDay(nanos));
  }

  /** The same in hundredths of a degree, as a controller is told it. */
  public int outsideCentiAt(WeekClock week, long nanos) {
    return (int) Math.round(outsideAt(week, nanos) * 100);
  }

  private static double interpolate(double from, long fromAt, double to, long toAt, long at) {
    return toAt == fromAt ? to : from + (to - from) * (at - fromAt) / (double) (toAt - fromAt);
  }

  /** A room of this model at the given temperature, heater off and window closed. */
  public SimulatedRoom newRoom(int initialCenti) {
    return model == Kind.THERMAL ? new ThermalRoom(this, initialCenti / 100.0, 0) : new ChapterRoom(Physics.CHAPTER, initialCenti);
  }
}
