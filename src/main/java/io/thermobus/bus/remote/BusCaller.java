package io.thermobus.bus.remote;

import java.nio.charset.StandardCharsets;

/**
 * Who asks to read or end a subscription: the operator (who showed the service's token), or
 * whoever shows a secret, which must be the one the subscription was created with. Immutable.
 */
public record BusCaller(boolean operator, String secret) {

  public static BusCaller asOperator() {
    return new BusCaller(true, null);
  }

  /** A caller showing {@code secret}, maybe {@code null} (nothing shown). */
  public static BusCaller showing(String secret) {
    return new BusCaller(false, secret);
  }

  byte[] secretBytes() {
    return secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
  }
}
