package io.github.sparkroleguard.event;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.RoleBaseline;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, per ActionTrail record and without any I/O, whether it can have changed a protected
 * role, and which. Every skip carries a reason. Skipped records cause no RAM call at all.
 */
public final class Classifier {
  private final GuardConfig config;

  public Classifier(GuardConfig config) {
    this.config = config;
  }

  /**
   * @param selfAccessKeyId the access key id the guard itself uses now (empty if unknown): an
   *     event signed with it is the guard's own write
   */
  public Classification classify(TrailRecord r, String selfAccessKeyId) {
    return classify(r, SelfIdentity.ofKey(config.selfRoleName(), selfAccessKeyId));
  }

  /** @param self what identifies the guard's own writes (its keys and its role's id) */
  public Classification classify(TrailRecord r, SelfIdentity self) {
    Optional<ChangeEvents.Service> service = ChangeEvents.service(r);
    if (service.isEmpty()) {
      String name = r.serviceName().isEmpty() ? r.eventSource() : r.serviceName();
      return Classification.skip(r, "not a RAM or Resource Management event (service " + quote(name) + ")");
    }
    if ("read".equalsIgnoreCase(r.eventRw())) {
      return Classification.skip(r, "read-only call");
    }
    if (!r.errorCode().isEmpty()) {
      return Classification.skip(r, "failed call (errorCode " + quote(r.errorCode()) + "): it changed nothing");
    }
    if (self.made(r.actor())) {
      return Classification.skip(r, "made by the guard's own role " + config.selfRoleName() + " (its access key or role id)");
    }
    Optional<ChangeEvents.Target> target = ChangeEvents.target(service.get(), r.eventName());
    if (target.isEmpty()) {
      return Classification.skip(r, (service.get() == ChangeEvents.Service.RAM ? "RAM" : "Resource Management")
          + " event " + quote(r.eventName()) + " does not change roles or policies");
    }
    RoleTouch touch = RoleTouch.of(r, target.get());
    String name = touch.name();
    if (!touch.notARole().isEmpty()) {
      return Classification.skip(r, touch.notARole());
    }
    List<String> roles = config.roles().stream().filter(touch::touches).map(RoleBaseline::name).collect(Collectors.toList());
    if (target.get() == ChangeEvents.Target.SERVICE) {
      return roles.isEmpty()
          ? Classification.skip(r, "no protected service-linked role of service " + quote(name))
          : Classification.inspect(r, roles, "service-linked role of " + name);
    }
    if (touch.unnamed()) {
      return Classification.inspect(r, roles, "no " + target.get().parameter() + " in the request parameters: checking every protected role");
    }
    if (target.get() == ChangeEvents.Target.ROLE || target.get() == ChangeEvents.Target.PRINCIPAL) {
      return roles.isEmpty() ? Classification.skip(r, "role " + quote(name) + " is not protected")
          : Classification.inspect(r, roles, "protected role " + roles.get(0));
    }
    if (roles.isEmpty()) {
      return Classification.skip(r, "policy " + quote(name) + " is not a custom policy of any protected role");
    }
    return Classification.inspect(r, roles, "policy " + name + " is pinned by " + String.join(", ", roles));
  }

  /** Quotes a user-controlled string for a reason, cut short so a hostile value cannot flood logs. */
  static String quote(String s) {
    return "'" + bounded(s, 80) + "'";
  }

  /**
   * A string from outside (a user name, a display name) as results and messages may carry it:
   * control characters as '?', cut to {@code max} characters and "...".
   */
  public static String bounded(String s, int max) {
    String cleaned = s.replaceAll("[\\p{Cntrl}]", "?");
    return cleaned.length() > max ? cleaned.substring(0, max) + "..." : cleaned;
  }
}
