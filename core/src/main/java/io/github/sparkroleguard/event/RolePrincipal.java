package io.github.sparkroleguard.event;

import java.util.Locale;
import java.util.Optional;

/**
 * How Resource Management names a RAM role as a principal: {@code PrincipalType: ServiceRole},
 * {@code PrincipalName: <RoleName>@role.<account alias or id>.onaliyunservice.com} (PLATFORM.md
 * section 2 [doc]). Pure: parses and builds the name, nothing else.
 */
public final class RolePrincipal {
  /** The domain suffix of a role principal [doc]. */
  static final String SUFFIX = ".onaliyunservice.com";
  static final String MARKER = "@role.";

  private RolePrincipal() {}

  /** The role name a PrincipalName points at, or empty when it is not a role principal. */
  public static Optional<String> roleName(String principalName) {
    if (principalName == null) {
      return Optional.empty();
    }
    String p = principalName.trim();
    String lower = p.toLowerCase(Locale.ROOT);
    int at = lower.indexOf(MARKER);
    if (at <= 0 || !lower.endsWith(SUFFIX) || at + MARKER.length() >= lower.length() - SUFFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(p.substring(0, at));
  }

  /**
   * The PrincipalName of a role in an account, with the account id in place of an alias. Used
   * only when Resource Management's GetRole gave no RolePrincipalName; that the id form is
   * accepted where the alias form is documented is [inferred].
   */
  public static String of(String roleName, String accountIdOrAlias) {
    return roleName + MARKER + accountIdOrAlias + SUFFIX;
  }
}
