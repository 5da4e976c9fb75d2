package io.thermobus.event;

import java.util.regex.Pattern;

/** What a bus topic may be called, and how many one filter may name: checked the same way for subscriptions, streams and publishing. */
public final class TopicName {

  /** 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit. */
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  /** The rule in words, for refusals. */
  public static final String RULE = "1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit";
  /** Topics one subscription or stream may filter on. */
  public static final int MAX_PER_FILTER = 32;

  private TopicName() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }
}
