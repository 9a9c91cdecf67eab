package io.github.sparkroleguard.event;

import java.util.Locale;
import java.util.Objects;

/** A manual command, as a person sends it with {@code s invoke} or the CLI. */
public final class Command {
  /** The operator's verbs. */
  public enum Action {
    CHECK(true),
    RESTORE(true),
    SCAN(false),
    HISTORY(true),
    BASELINE(true),
    /** The Resource Directory control policy that prevents what the guard would restore. */
    CONTROL_POLICY(false),
    /** Checks the guard's assumptions in the account (read-only, except alert test messages). */
    DOCTOR(false);

    private final boolean needsRole;

    Action(boolean needsRole) {
      this.needsRole = needsRole;
    }

    public boolean needsRole() {
      return needsRole;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Action action;
  private final String roleName;
  private final int hours;
  private final boolean sendTest;
  private final String accountId;

  public Command(Action action, String roleName, int hours) {
    this(action, roleName, hours, false, "");
  }

  /** @param sendTest doctor only: send a test message to every alert channel */
  public Command(Action action, String roleName, int hours, boolean sendTest) {
    this(action, roleName, hours, sendTest, "");
  }

  /** @param accountId the member account the command is for (a central guard); empty: this account */
  public Command(Action action, String roleName, int hours, boolean sendTest, String accountId) {
    this.action = Objects.requireNonNull(action, "action");
    this.roleName = roleName == null ? "" : roleName;
    this.hours = hours;
    this.sendTest = sendTest;
    this.accountId = accountId == null ? "" : accountId;
  }

  /** The member account named by the command; empty when none was named. */
  public String accountId() {
    return accountId;
  }

  public Action action() {
    return action;
  }

  /** The role named by the command; empty for scan. */
  public String roleName() {
    return roleName;
  }

  /** History window in hours (history only). */
  public int hours() {
    return hours;
  }

  /** Doctor: whether alert channels get a test message (only when asked). */
  public boolean sendTest() {
    return sendTest;
  }
}
