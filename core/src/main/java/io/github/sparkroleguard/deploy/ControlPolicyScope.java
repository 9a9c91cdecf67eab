package io.github.sparkroleguard.deploy;

import io.github.sparkroleguard.config.Accounts;
import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.Prevention;
import io.github.sparkroleguard.config.RoleBaseline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one account's control policy protects and whom it lets through, taken from the guard's
 * configuration: the protected roles and the product's service-linked role, the pinned Custom
 * policies (System policies cannot be written by anyone), and as exceptions the guard's own role
 * and the approved actors; and the protector itself: the guard's own role and policies, which
 * only {@code prevention.adminPrincipals} may write (a stranger who could edit the guard's role
 * would become "the guard", whose writes the guard skips as its own).
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
  private final List<String> guardRoles;
  private final List<String> guardPolicies;
  private final List<String> adminExceptions;
  private final List<String> notes;

  private ControlPolicyScope(String account, Set<String> roles, Set<String> policies, Set<String> exceptions,
      Set<String> guardRoles, Set<String> guardPolicies, Set<String> adminExceptions, List<String> notes) {
    this.account = Objects.requireNonNull(account, "account");
    this.roles = List.copyOf(roles);
    this.policies = List.copyOf(policies);
    this.exceptions = List.copyOf(exceptions);
    this.guardRoles = List.copyOf(guardRoles);
    this.guardPolicies = List.copyOf(guardPolicies);
    this.adminExceptions = List.copyOf(adminExceptions);
    this.notes = List.copyOf(notes);
  }

  /** The single account a configuration describes (its id is not in the file: {@code *}). */
  public static ControlPolicyScope of(GuardConfig config) {
    return of(config, "*");
  }

  /**
   * The guard writes as its own role in a single account; a central guard of many accounts
   * writes in each member as that member's {@code role:} (the fleet's memberRole unless the
   * account names another): every one of them is excepted, and every one is protected, with the
   * central function's own role, from everyone but {@code prevention.adminPrincipals}.
   *
   * @throws ConfigException when an approved actor cannot be written into an ARN pattern
   *     (a wildcard in it would widen the exception to strangers)
   */
  public static ControlPolicyScope of(GuardConfig config, String account) {
    Set<String> roles = new LinkedHashSet<>();
    Set<String> policies = new LinkedHashSet<>();
    List<List<RoleBaseline>> baselines = new ArrayList<>();
    baselines.add(config.roles());
    Set<String> guards = new LinkedHashSet<>();
    Set<String> guardRoles = new LinkedHashSet<>();
    Set<String> guardPolicies = new LinkedHashSet<>();
    Accounts accounts = config.accounts();
    if (accounts.enabled()) {
      guards.add(accounts.memberRole());
      accounts.listed().forEach(a -> guards.add(a.roleName()));
      accounts.listed().forEach(a -> baselines.add(a.roles()));
      guardRoles.addAll(ArnForms.role(account, config.selfRoleName()));
      guardPolicies.addAll(ArnForms.policy(account, FunctionRolePolicy.POLICY_NAME));
      guardPolicies.addAll(ArnForms.policy(account, MemberTemplate.POLICY_NAME));
      guardPolicies.addAll(ArnForms.policy(account, MemberTemplate.POLICY_NAME + "-*"));
    } else {
      guards.add(config.selfRoleName());
      guardPolicies.addAll(ArnForms.policy(account, FunctionRolePolicy.POLICY_NAME));
    }
    guardPolicies.addAll(ArnForms.policy(account, FunctionRolePolicy.POLICY_NAME + "-*"));
    for (List<RoleBaseline> list : baselines) {
      for (RoleBaseline b : list) {
        roles.addAll(ArnForms.role(account, b.name()));
        for (PolicyRef p : b.policies()) {
          if (p.type() == PolicyType.CUSTOM) {
            policies.addAll(ArnForms.policy(account, p.name()));
          }
        }
      }
    }
    roles.addAll(ArnForms.role(account, SERVICE_LINKED_ROLE));
    Set<String> exceptions = new LinkedHashSet<>();
    Set<String> lower = new LinkedHashSet<>();
    for (String g : guards) {
      if (lower.add(g.toLowerCase(Locale.ROOT))) {
        exceptions.addAll(ArnForms.rolePrincipal(account, g));
        guardRoles.addAll(ArnForms.role(account, g));
      }
    }
    List<String> notes = new ArrayList<>();
    approvedActors(config, account, exceptions, notes);
    Set<String> admins = new LinkedHashSet<>();
    for (Prevention.Principal p : config.prevention().adminPrincipals()) {
      admins.addAll(!p.isRole() ? ArnForms.userPrincipal(p.account(), p.name())
          : p.session().isEmpty() ? ArnForms.rolePrincipal(p.account(), p.name())
          : ArnForms.roleSessionPrincipal(p.account(), p.name(), p.session()));
    }
    if (admins.isEmpty()) {
      notes.add("no prevention.adminPrincipals: the guard's own role" + (accounts.enabled() ? "s" : "") + " and policies "
          + "can then be written only by the account's root identity; list the RAM user or role that deploys the guard "
          + "in prevention.adminPrincipals before attaching, or redeploying the guard is refused");
    }
    return new ControlPolicyScope(account, roles, policies, exceptions, guardRoles, guardPolicies, admins, notes);
  }

  private static void approvedActors(GuardConfig config, String account, Set<String> exceptions, List<String> notes) {
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

  /** The guard's own roles (and with many accounts the member roles): their writes are denied to all but admins. */
  public List<String> guardRoles() {
    return guardRoles;
  }

  /** The guard's own policies, every spelling. */
  public List<String> guardPolicies() {
    return guardPolicies;
  }

  /** acs:PrincipalARN patterns of prevention.adminPrincipals; empty: the guard's own resources are denied to every RAM identity. */
  public List<String> adminExceptions() {
    return adminExceptions;
  }

  /** What the reader should know about this scope (inferred forms, narrow exceptions). */
  public List<String> notes() {
    return notes;
  }
}
