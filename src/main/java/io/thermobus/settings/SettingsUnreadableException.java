package io.thermobus.settings;

import java.nio.file.Path;

/** A settings file exists but cannot be used; the message names the file and why. */
public final class SettingsUnreadableException extends RuntimeException {

  public SettingsUnreadableException(Path file, String why, Throwable cause) {
    super("settings file " + file + " " + why, cause);
  }
}
