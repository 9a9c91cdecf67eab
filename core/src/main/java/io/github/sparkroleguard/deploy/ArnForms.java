package io.github.sparkroleguard.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spellings of RAM ARNs a Deny must cover, in one place because several are inferred.
 * A Deny that misses the form RAM checks against fails open, so every form is listed:
 * <ul>
 *   <li>Resources: {@code acs:ram:*:ACCOUNT:role/NAME} and {@code .../policy/NAME} [doc: the
 *       authorization tables of RAM and of Resource Management's DeleteRole/AttachPolicy].
 *       RAM's GetRole reports the name in lower case while CreateRole's examples keep the case
 *       as written, and Alibaba's own control-policy examples use both
 *       ({@code role/ResourceDirectoryAccountAccessRole} as a Resource,
 *       {@code role/resourcedirectoryaccountaccessrole} in a case-sensitive StringNotLike) [doc]:
 *       both spellings are listed.</li>
 *   <li>Principals ({@code acs:PrincipalARN}): a role as {@code acs:ram:*:ACCOUNT:role/NAME},
 *       the form of Alibaba's example [doc]; a session of it as {@code role/NAME/SESSION}, the
 *       form STS gives an assumed role's ARN [inferred], also listed so the guard is never
 *       locked out; a RAM user as {@code acs:ram:*:ACCOUNT:user/NAME} [inferred].</li>
 * </ul>
 * ACCOUNT is {@code *} while one configuration describes one account; a many-account
 * generator passes the member's id. Policy names get a third, masked form (see {@link #policy}).
 */
public final class ArnForms {
  private ArnForms() {}

  /** Resource ARNs of a role, as written and in lower case. */
  public static List<String> role(String account, String name) {
    return cased("acs:ram:*:" + account + ":role/", name, "");
  }

  /**
   * Resource ARNs of a policy: as written, in lower case, and with every letter a {@code ?}.
   * Policy names ignore case, so a caller may name the policy in any mix of cases, and which
   * spelling RAM checks the Resource against (the name as requested, or as stored) is not
   * documented; a case-sensitive pattern cannot list 2^n spellings, so the masked form covers
   * them all [inferred: {@code ?} matches one character in a Resource as in {@code StringLike}].
   * It also matches other policies of exactly the same shape (same length, digits and
   * punctuation in the same places): a Deny over-reaches there, never under-reaches.
   */
  public static List<String> policy(String account, String name) {
    List<String> out = cased("acs:ram:*:" + account + ":policy/", name, "");
    String masked = "acs:ram:*:" + account + ":policy/" + name.replaceAll("[A-Za-z]", "?");
    if (!out.contains(masked)) {
      out.add(masked);
    }
    return out;
  }

  /** Principal ARN patterns of a role, any of its sessions included. */
  public static List<String> rolePrincipal(String account, String name) {
    List<String> out = new ArrayList<>(role(account, name));
    out.addAll(cased("acs:ram:*:" + account + ":role/", name, "/*"));
    return out;
  }

  /** Principal ARN patterns of one session of a role. */
  public static List<String> roleSessionPrincipal(String account, String role, String session) {
    return cased("acs:ram:*:" + account + ":role/", role, "/" + session);
  }

  /** Principal ARN patterns of a RAM user. */
  public static List<String> userPrincipal(String account, String name) {
    return cased("acs:ram:*:" + account + ":user/", name, "");
  }

  private static List<String> cased(String prefix, String name, String suffix) {
    Set<String> out = new LinkedHashSet<>();
    out.add(prefix + name + suffix);
    out.add(prefix + name.toLowerCase(Locale.ROOT) + suffix);
    return new ArrayList<>(out);
  }
}
