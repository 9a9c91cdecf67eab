package io.github.sparkroleguard.event;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What identifies the guard's own writes in ActionTrail: the access keys it signs with (FC's STS
 * keys of this instance) and its role's id, which ActionTrail records as the first part of an
 * assumed role's principalId ({@code <roleId>:<session>}, PLATFORM.md section 2). Never the role
 * name alone: a role deleted and created again under {@code self.roleName} by someone else gets a
 * new RoleId, and its changes must not be ignored.
 */
public final class SelfIdentity {
  private final String roleName;
  private final Set<String> accessKeyIds;
  private final String roleId;

  public SelfIdentity(String roleName, Set<String> accessKeyIds, String roleId) {
    this.roleName = Objects.requireNonNull(roleName, "roleName");
    this.accessKeyIds = Set.copyOf(accessKeyIds);
    this.roleId = roleId == null ? "" : roleId;
  }

  /** Only the current access key is known (no role id). */
  public static SelfIdentity ofKey(String roleName, String accessKeyId) {
    return new SelfIdentity(roleName, accessKeyId == null || accessKeyId.isEmpty() ? Set.of() : Set.of(accessKeyId), "");
  }

  public String roleName() {
    return roleName;
  }

  /** Whether the guard made this change: its access key, or its role's id in the principal id. */
  public boolean made(Actor actor) {
    if (accessKeyIds.stream().anyMatch(actor::usedAccessKey)) {
      return true;
    }
    return !roleId.isEmpty() && "assumed-role".equalsIgnoreCase(actor.type())
        && actor.principalId().startsWith(roleId + ":");
  }

  /**
   * An actor that carries the guard's role name but not its key: only the role id can tell
   * whether it is the guard (an earlier key of its role) or a namesake.
   */
  public boolean needsRoleId(Actor actor) {
    return roleId.isEmpty() && !made(actor)
        && actor.assumedRoleName().toLowerCase(Locale.ROOT).equals(roleName.toLowerCase(Locale.ROOT));
  }

  /** The same identity with the role id learned. */
  public SelfIdentity withRoleId(String value) {
    return new SelfIdentity(roleName, accessKeyIds, value);
  }
}
