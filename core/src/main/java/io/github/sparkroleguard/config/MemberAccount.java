package io.github.sparkroleguard.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One member account of a Resource Directory that the guard protects from the central account,
 * through a narrow role it assumes there with STS (never ResourceDirectoryAccountAccessRole,
 * which carries administrator rights).
 */
public final class MemberAccount {
  private final String id;
  private final String name;
  private final String roleName;
  private final String externalId;
  private final List<RoleBaseline> roles;
  private final boolean discovered;

  private MemberAccount(String id, String name, String roleName, String externalId, List<RoleBaseline> roles,
      boolean discovered) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = name == null || name.isEmpty() ? id : name;
    this.roleName = Objects.requireNonNull(roleName, "roleName");
    this.externalId = externalId == null ? "" : externalId;
    this.roles = List.copyOf(roles);
    this.discovered = discovered;
  }

  /** An account listed in the configuration. */
  public static MemberAccount listed(String id, String name, String roleName, String externalId, List<RoleBaseline> roles) {
    return new MemberAccount(id, name, roleName, externalId, roles, false);
  }

  /** An account found by Resource Directory discovery: the fleet's defaults apply. */
  public static MemberAccount discovered(String id, String name, String roleName, String externalId,
      List<RoleBaseline> roles) {
    return new MemberAccount(id, name, roleName, externalId, roles, true);
  }

  public String id() {
    return id;
  }

  /** The display name (the id when none was given). */
  public String name() {
    return name;
  }

  /** The role the guard assumes in this account. */
  public String roleName() {
    return roleName;
  }

  /** The ExternalId the member role's trust policy asks for; empty when it asks for none. */
  public String externalId() {
    return externalId;
  }

  /** The roles protected in this account. */
  public List<RoleBaseline> roles() {
    return roles;
  }

  public boolean isDiscovered() {
    return discovered;
  }

  /** The ARN AssumeRole is called with; RAM reports role ARNs in lower case. */
  public String roleArn() {
    return "acs:ram::" + id + ":role/" + roleName.toLowerCase(Locale.ROOT);
  }

  /** "id (name)", or the id alone when it has no name of its own. */
  public String label() {
    return name.equals(id) ? id : id + " (" + name + ")";
  }
}
