package io.github.sparkroleguard.doctor;

import java.util.Objects;

/**
 * One result of a doctor check: what was checked (check and subject), the outcome, what was seen,
 * and for a warning or a failure the fix an operator can apply. Text is bounded so a hostile or
 * huge account cannot make the report unbounded.
 */
public final class Finding {
  /** Longest detail or fix kept, in characters. */
  static final int MAX_TEXT = 600;

  private final String check;
  private final String subject;
  private final CheckStatus status;
  private final String detail;
  private final String fix;

  private Finding(String check, String subject, CheckStatus status, String detail, String fix) {
    this.check = Objects.requireNonNull(check, "check");
    this.subject = subject == null ? "" : bounded(subject);
    this.status = Objects.requireNonNull(status, "status");
    this.detail = bounded(Objects.requireNonNull(detail, "detail"));
    this.fix = fix == null ? "" : bounded(fix);
    if (status != CheckStatus.PASS && this.fix.isEmpty()) {
      throw new IllegalArgumentException("fix: required for " + status.wireName());
    }
  }

  public static Finding pass(String check, String subject, String detail) {
    return new Finding(check, subject, CheckStatus.PASS, detail, "");
  }

  public static Finding warn(String check, String subject, String detail, String fix) {
    return new Finding(check, subject, CheckStatus.WARN, detail, fix);
  }

  public static Finding fail(String check, String subject, String detail, String fix) {
    return new Finding(check, subject, CheckStatus.FAIL, detail, fix);
  }

  /** The check's stable name, e.g. {@code eventbridge-rule}. */
  public String check() {
    return check;
  }

  /** What the finding is about (a role, a region, a channel); empty for account-wide checks. */
  public String subject() {
    return subject;
  }

  public CheckStatus status() {
    return status;
  }

  public String detail() {
    return detail;
  }

  /** What to do about a warning or failure; empty for a pass. */
  public String fix() {
    return fix;
  }

  private static String bounded(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
  }
}
