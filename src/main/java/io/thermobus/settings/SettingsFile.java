package io.thermobus.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One zone's settings file in the data directory. A write goes to a temporary file that is
 * forced to disk and then renamed over the old one, so a crash at any moment leaves either the
 * old or the new content, never a torn file. Blocking: call it from a worker thread, and from one
 * writer per zone at a time (the temporary file's name is fixed).
 */
public final class SettingsFile {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path directory;
  private final Path file;
  private final Path temporary;

  public SettingsFile(Path dataDirectory, String zone) {
    this.directory = dataDirectory.toAbsolutePath().normalize();
    this.file = directory.resolve("zone-" + zone + ".json");
    this.temporary = directory.resolve("zone-" + zone + ".json.tmp");
  }

  public Path path() {
    return file;
  }

  /**
   * The stored settings, or empty when none were saved yet.
   *
   * @throws SettingsUnreadableException when the file exists but cannot be read or parsed
   */
  public Optional<ZoneSettings> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SettingsUnreadableException(file, "cannot be read: " + e.getMessage(), e);
    }
    ZoneSettings settings;
    try {
      settings = MAPPER.readValue(bytes, ZoneSettings.class);
    } catch (IOException | RuntimeException e) {
      throw new SettingsUnreadableException(file, "is not valid settings JSON (" + firstLine(e) + ")", e);
    }
    if (settings == null) {
      throw new SettingsUnreadableException(file, "holds JSON null instead of the settings object", null);
    }
    if (settings.version() != ZoneSettings.VERSION) {
      throw new SettingsUnreadableException(file, "has format version " + settings.version() + ", expected " + ZoneSettings.VERSION, null);
    }
    return Optional.of(settings);
  }

  /** Replaces the stored settings atomically and durably. */
  public void write(ZoneSettings settings) throws IOException {
    byte[] json;
    try {
      json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("settings are not serialisable", e);
    }
    replace(directory, file, temporary, json);
  }

  /**
   * Replaces {@code file} in {@code directory} with {@code content} atomically and durably, by way
   * of {@code temporary}: the one way the data directory's files are written.
   */
  public static void replace(Path directory, Path file, Path temporary, byte[] content) throws IOException {
    Files.createDirectories(directory);
    try (FileChannel channel = FileChannel.open(temporary,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(directory);
  }

  /** Removes the stored settings, durably; nothing to remove is fine. */
  public void delete() throws IOException {
    if (Files.deleteIfExists(file)) {
      forceDirectory(directory);
    }
  }

  /**
   * Creates the data directory if it is missing and proves that a file can be written, forced to
   * disk and removed there, as {@link #write} will: checked once at start.
   */
  public static void requireWritable(Path dataDirectory) throws IOException {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Files.createDirectories(directory);
    Path probe = directory.resolve(".write-probe");
    try (FileChannel channel = FileChannel.open(probe,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {'o', 'k'}));
      channel.force(true);
    }
    Files.delete(probe);
  }

  /** Why a write failed, in words an operator can act on; the file's path is left to the caller. */
  public static String reason(IOException e) {
    if (e instanceof FileAlreadyExistsException) {
      return e.getMessage() + " exists and is not a directory";
    }
    if (e instanceof AccessDeniedException) {
      return e.getMessage() + ": permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Moves an unreadable file aside so the next write does not destroy it; answers where it went. */
  public Path quarantine() throws IOException {
    Path aside = directory.resolve(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    return aside;
  }

  /** Makes the rename itself durable; not every file system lets a directory be opened, which is then harmless. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // e.g. Windows: the rename is still atomic, only its durability is up to the OS
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
