package io.github.sparkroleguard.deploy;

import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one account's control policy protects and whom it lets through, taken from the guard's
 * configuration: the protected roles and the product's service-linked role, the pinned Custom
 * policies (System policies cannot be written by anyone), and as exceptions the guard's own role
 * and the approved actors. One scope per account: a many-account deployment builds one per
 * member with that member's id as the account.
 */
public final class ControlPolicyScope {
  /**
   * EMR Serverless Spark's service-linked role (PLATFORM.md section 1) [doc]: deleting it breaks
   * every workspace's networking, so its deletion is denied like the execution roles'.
   */
  public static final String SERVICE_LINKED_ROLE = "AliyunServiceRoleForEMRServerlessSpark";
  /** Names that go into an ARN pattern: no wildcard, no separator, no quote. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9._@=,-]{1,128}");

  private final String account;
  private final List<String> roles;
  private final List<String> policies;
  private final List<String> exceptions;
  private final List<String> notes;

  private ControlPolicyScope(String account, List<String> roles, List<String> policies, List<String> exceptions,
      List<String> notes) {
    this.account = Objects.requireNonNull(account, "account");
    this.roles = List.copyOf(roles);
    this.policies = List.copyOf(policies);
    this.exceptions = List.copyOf(exceptions);
    this.notes = List.copyOf(notes);
  }

  /** The single account a configuration describes (its id is not in the file: {@code *}). */
  public static ControlPolicyScope of(GuardConfig config) {
    return of(config, "*");
  }

  /**
   * @throws ConfigException when an approved actor cannot be written into an ARN pattern
   *     (a wildcard in it would widen the exception to strangers)
   */
  public static ControlPolicyScope of(GuardConfig config, String account) {
    Set<String> roles = new LinkedHashSet<>();
    Set<String> policies = new LinkedHashSet<>();
    for (RoleBaseline b : config.roles()) {
      roles.addAll(ArnForms.role(account, b.name()));
      for (PolicyRef p : b.policies()) {
        if (p.type() == PolicyType.CUSTOM) {
          policies.addAll(ArnForms.policy(account, p.name()));
        }
      }
    }
    roles.addAll(ArnForms.role(account, SERVICE_LINKED_ROLE));
    Set<String> exceptions = new LinkedHashSet<>(ArnForms.rolePrincipal(account, config.selfRoleName()));
    List<String> notes = new ArrayList<>();
    List<String> actors = config.hardening().approvedActors();
    for (int i = 0; i < actors.size(); i++) {
      String actor = actors.get(i);
      int colon = actor.indexOf(':');
      String name = colon < 0 ? actor : actor.substring(0, colon);
      String session = colon < 0 ? null : actor.substring(colon + 1);
      if (!NAME.matcher(name).matches() || (session != null && !SESSION.matcher(session).matches())) {
        throw new ConfigException("approvedActors[" + i + "]: " + actor + " cannot be written into a control policy "
            + "exception (letters, digits and . _ @ - only, optionally :session)");
      }
      if (session == null) {
        // ActionTrail's userName does not say whether a bare name is a user or a role: let both through.
        exceptions.addAll(ArnForms.userPrincipal(account, name));
        exceptions.addAll(ArnForms.rolePrincipal(account, name));
      } else {
        exceptions.addAll(ArnForms.roleSessionPrincipal(account, name, session));
        notes.add("approved actor " + actor + " is excepted for that session only; if acs:PrincipalARN carries the "
            + "role without its session [inferred], list the role name instead");
      }
    }
    return new ControlPolicyScope(account, new ArrayList<>(roles), new ArrayList<>(policies), new ArrayList<>(exceptions),
        notes);
  }

  public String account() {
    return account;
  }

  /** Role ARNs whose writes are denied (every spelling). */
  public List<String> roles() {
    return roles;
  }

  /** Pinned Custom policy ARNs whose writes are denied (every spelling). */
  public List<String> policies() {
    return policies;
  }

  /** acs:PrincipalARN patterns the Deny does not apply to. */
  public List<String> exceptions() {
    return exceptions;
  }

  /** What the reader should know about this scope (inferred forms, narrow exceptions). */
  public List<String> notes() {
    return notes;
  }
}
