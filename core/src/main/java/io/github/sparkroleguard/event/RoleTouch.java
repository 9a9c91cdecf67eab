package io.github.sparkroleguard.event;

import io.github.sparkroleguard.config.RoleBaseline;
import java.util.Optional;

/**
 * Which role a RAM or Resource Management write touches, decided once for the event path
 * ({@link Classifier}) and for attribution and history ({@code guard.History}): the name its
 * request parameter gives (ChangeEvents's one table), a Resource Management PrincipalName
 * resolved to its role, a created service-linked role by its service. A write that names no role
 * or policy at all may have touched any role. Pure: no I/O.
 */
public final class RoleTouch {
  private final ChangeEvents.Target target;
  private final String name;
  private final String notARole;

  private RoleTouch(ChangeEvents.Target target, String name, String notARole) {
    this.target = target;
    this.name = name;
    this.notARole = notARole;
  }

  /** What a record names; empty when its service and event name are not in the table. */
  public static Optional<RoleTouch> of(TrailRecord r) {
    return ChangeEvents.target(r).map(t -> of(r, t));
  }

  static RoleTouch of(TrailRecord r, ChangeEvents.Target target) {
    String raw = r.requestParameters().getOrDefault(target.parameter(), "").trim();
    if (target == ChangeEvents.Target.PRINCIPAL) {
      String type = r.requestParameters().getOrDefault("PrincipalType", "").trim();
      if (!type.isEmpty() && !type.equalsIgnoreCase("ServiceRole")) {
        return new RoleTouch(target, raw, "principal type " + Classifier.quote(type) + " is not a role");
      }
      return new RoleTouch(target, RolePrincipal.roleName(raw).orElse(""), "");
    }
    return new RoleTouch(target, raw, "");
  }

  public ChangeEvents.Target target() {
    return target;
  }

  /** The role, policy or service name the record gives; empty when it gives none. */
  public String name() {
    return name;
  }

  /** Non-empty: why this record touches no role whatever the configuration (a principal that is not a role). */
  public String notARole() {
    return notARole;
  }

  /** Whether the record gives no name at all, so it may have touched any role. */
  public boolean unnamed() {
    return notARole.isEmpty() && name.isEmpty() && target != ChangeEvents.Target.SERVICE;
  }

  /** Whether the write touches this role: by its name, one of its pinned custom policies, or its linked service. */
  public boolean touches(RoleBaseline role) {
    if (!notARole.isEmpty()) {
      return false;
    }
    if (target == ChangeEvents.Target.SERVICE) {
      return role.serviceLinked() && !name.isEmpty() && role.serviceLinkedService().equalsIgnoreCase(name);
    }
    if (name.isEmpty()) {
      return true;
    }
    if (target == ChangeEvents.Target.ROLE || target == ChangeEvents.Target.PRINCIPAL) {
      return role.name().equalsIgnoreCase(name);
    }
    return role.customPolicy(name).isPresent();
  }
}
