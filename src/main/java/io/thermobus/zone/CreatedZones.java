package io.thermobus.zone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermobus.settings.SettingsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zones created over the API, kept in {@code dataDir/zones.json} so that they are hosted again
 * after a restart, as the configured ones are. A zone is recorded before its creation is
 * confirmed and forgotten before its deletion is, each time by replacing the file atomically and
 * durably. Blocking and thread-safe (one writer at a time): call it from a worker thread.
 */
public final class CreatedZones {

  static final int VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** What the file holds: its format version and the created zones in the order they were created. */
  record Contents(int version, List<Entry> zones) {}

  /** One created zone: what it was created with; no source is the simulation. */
  record Entry(String name, int desiredCenti, int initialTemperatureCenti, Map<String, Object> source) {

    ZoneSpec spec(boolean brokerConfigured) {
      return new ZoneSpec(name, desiredCenti, initialTemperatureCenti, ZoneSource.parse(source, brokerConfigured));
    }
  }

  private final Path directory;
  private final Path file;
  private final Path temporary;
  /** The file's contents, by name in creation order; guarded by this object's lock. */
  private final Map<String, Entry> zones = new LinkedHashMap<>();

  private CreatedZones(Path dataDirectory) {
    this.directory = dataDirectory.toAbsolutePath().normalize();
    this.file = directory.resolve("zones.json");
    this.temporary = directory.resolve("zones.json.tmp");
  }

  /**
   * Reads the created zones of {@code dataDirectory}; none when the file does not exist.
   *
   * @throws IOException when the file exists but cannot be read or is not a valid list of zones
   *     (the zones must not silently disappear, so start-up fails and names the file)
   */
  public static CreatedZones open(Path dataDirectory) throws IOException {
    CreatedZones created = new CreatedZones(dataDirectory);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(created.file);
    } catch (NoSuchFileException e) {
      return created;
    }
    Contents contents;
    try {
      contents = MAPPER.readValue(bytes, Contents.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException(created.file + " is not a valid list of created zones: " + e.getMessage(), e);
    }
    if (contents == null || contents.version() != VERSION || contents.zones() == null) {
      throw new IOException(created.file + " is not a version " + VERSION + " list of created zones");
    }
    for (Entry entry : contents.zones()) {
      try {
        entry.spec(true);
      } catch (RuntimeException e) {
        throw new IOException(created.file + " holds an invalid zone: " + e.getMessage(), e);
      }
      created.zones.put(entry.name(), entry);
    }
    return created;
  }

  /**
   * The created zones, in the order they were created.
   *
   * @throws InvalidZoneSourceException for a zone on MQTT when no broker is configured any more
   */
  public synchronized List<ZoneSpec> specs(boolean brokerConfigured) {
    return zones.values().stream().map(entry -> entry.spec(brokerConfigured)).toList();
  }

  /** Records a newly created zone durably; on failure nothing is recorded. */
  public synchronized void add(ZoneSpec spec) throws IOException {
    Map<String, Entry> next = new LinkedHashMap<>(zones);
    next.put(spec.name(), new Entry(spec.name(), spec.desiredCenti(), spec.initialTemperatureCenti(), spec.source().toMap()));
    write(next);
  }

  /** Forgets a zone durably; a zone that was not created over the API (a configured one) is nothing to forget. */
  public synchronized void remove(String zone) throws IOException {
    if (!zones.containsKey(zone)) {
      return;
    }
    Map<String, Entry> next = new LinkedHashMap<>(zones);
    next.remove(zone);
    write(next);
  }

  private void write(Map<String, Entry> next) throws IOException {
    byte[] json;
    try {
      json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Contents(VERSION, new ArrayList<>(next.values())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("created zones are not serialisable", e);
    }
    SettingsFile.replace(directory, file, temporary, json);
    zones.clear();
    zones.putAll(next);
  }
}
