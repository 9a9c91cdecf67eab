package io.github.sparkroleguard.state;

import java.time.Instant;
import java.util.Optional;

/**
 * The answer to "may I alert about this drift now": a turn to alert, or the time the same drift
 * was already alerted. A durable store keeps the key of the turn it created, to give it back if
 * no channel took the alert.
 */
public final class AlertTurn {
  private final String fingerprint;
  private final boolean mine;
  private final Instant alertedAt;
  private final String token;

  private AlertTurn(String fingerprint, boolean mine, Instant alertedAt, String token) {
    this.fingerprint = fingerprint;
    this.mine = mine;
    this.alertedAt = alertedAt;
    this.token = token;
  }

  public static AlertTurn granted(String fingerprint, String token) {
    return new AlertTurn(fingerprint, true, null, token);
  }

  public static AlertTurn taken(String fingerprint, Instant alertedAt) {
    return new AlertTurn(fingerprint, false, alertedAt, "");
  }

  public String fingerprint() {
    return fingerprint;
  }

  /** True: alert now. */
  public boolean mine() {
    return mine;
  }

  /** When the same drift was alerted, if the turn was not granted. */
  public Optional<Instant> alertedAt() {
    return Optional.ofNullable(alertedAt);
  }

  String token() {
    return token;
  }
}
