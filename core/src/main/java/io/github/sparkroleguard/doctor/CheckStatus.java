package io.github.sparkroleguard.doctor;

import java.util.Locale;

/** The outcome of one doctor finding; any {@link #FAIL} makes the doctor command fail. */
public enum CheckStatus {
  PASS,
  /** Works, but something is off or could not be verified (for example, not permitted to look). */
  WARN,
  /** An assumption the guard relies on does not hold in this account. */
  FAIL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
