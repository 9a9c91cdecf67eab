package io.github.sparkroleguard.config;

import java.util.List;
import java.util.Locale;

/**
 * Settings that keep the guard sane when people fight it: when to stop restoring a role that
 * keeps being changed, how long to let a change settle before reading, whose changes to leave.
 */
public final class Hardening {
  public static final Hardening DEFAULTS = new Hardening(Defaults.FLAP_RESTORES,
      Defaults.FLAP_WINDOW_MINUTES, Defaults.COOL_DOWN_MINUTES, Defaults.SETTLE_SECONDS, List.of());

  private final int flapRestores;
  private final int flapWindowMinutes;
  private final int coolDownMinutes;
  private final int settleSeconds;
  private final List<String> approvedActors;

  public Hardening(int flapRestores, int flapWindowMinutes, int coolDownMinutes, int settleSeconds, List<String> approvedActors) {
    this.flapRestores = flapRestores;
    this.flapWindowMinutes = flapWindowMinutes;
    this.coolDownMinutes = coolDownMinutes;
    this.settleSeconds = settleSeconds;
    this.approvedActors = List.copyOf(approvedActors);
  }

  /** Restores of one role within the window that pause further restores of it (0: never). */
  public int flapRestores() {
    return flapRestores;
  }

  public int flapWindowMinutes() {
    return flapWindowMinutes;
  }

  public int coolDownMinutes() {
    return coolDownMinutes;
  }

  /** Wait this long before reading a role an event points at (a Terraform apply may be mid-way). */
  public int settleSeconds() {
    return settleSeconds;
  }

  /**
   * Identities whose changes are reported, not reverted: a RAM user name, an assumed role's
   * name (matching any session), or "roleName:sessionName". Case-insensitive.
   */
  public List<String> approvedActors() {
    return approvedActors;
  }

  /** Whether a change by this actor (userName as ActionTrail records it) is approved. */
  public boolean approves(String userName, String assumedRoleName) {
    String user = userName.toLowerCase(Locale.ROOT);
    String role = assumedRoleName.toLowerCase(Locale.ROOT);
    return approvedActors.stream().map(a -> a.toLowerCase(Locale.ROOT))
        .anyMatch(a -> a.equals(user) || (!role.isEmpty() && a.equals(role)));
  }
}
