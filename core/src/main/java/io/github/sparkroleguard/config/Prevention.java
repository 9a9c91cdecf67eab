package io.github.sparkroleguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code prevention} mapping: who may still write the guard's own role and policies once the
 * control policy denies them to everyone else. A stranger who could edit the guard's role would
 * become "the guard", whose writes the guard skips as its own; so only the operators who deploy
 * the guard are excepted, each by one explicit ARN: a RAM user, a role, or one session of a role
 * ({@code acs:ram::<account id>:user/NAME}, {@code role/NAME}, {@code role/NAME/SESSION}). No
 * wildcard, no account placeholder: an exception that matches more than one identity would hand
 * the guard to whoever it matches.
 */
public final class Prevention {
  public static final Prevention NONE = new Prevention(List.of());
  private static final Pattern ARN = Pattern.compile(
      "acs:ram::([0-9]{1,20}):(user|role)/([A-Za-z0-9._@-]{1,128})(?:/([A-Za-z0-9._@=,-]{1,128}))?");

  /** One listed principal, taken apart. */
  public static final class Principal {
    private final String arn;
    private final String account;
    private final boolean role;
    private final String name;
    private final String session;

    Principal(String arn, String account, boolean role, String name, String session) {
      this.arn = arn;
      this.account = account;
      this.role = role;
      this.name = name;
      this.session = session;
    }

    public String arn() {
      return arn;
    }

    public String account() {
      return account;
    }

    public boolean isRole() {
      return role;
    }

    public String name() {
      return name;
    }

    /** The role session, empty when the ARN names the role (any of its sessions) or a user. */
    public String session() {
      return session;
    }
  }

  private final List<Principal> adminPrincipals;

  private Prevention(List<Principal> adminPrincipals) {
    this.adminPrincipals = List.copyOf(adminPrincipals);
  }

  /** The principals excepted from the Deny on the guard's own role and policies. */
  public List<Principal> adminPrincipals() {
    return adminPrincipals;
  }

  static Prevention parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw new ConfigException("prevention: must be a mapping (adminPrincipals)");
    }
    YamlFields.allowKeys(node, "prevention.", "adminPrincipals");
    JsonNode list = node.get("adminPrincipals");
    if (list == null || list.isNull()) {
      return NONE;
    }
    if (!list.isArray()) {
      throw new ConfigException("prevention.adminPrincipals: must be a list of ARNs");
    }
    if (list.size() > 20) {
      throw new ConfigException("prevention.adminPrincipals: at most 20 principals (each is repeated in every control policy)");
    }
    List<Principal> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "prevention.adminPrincipals[" + i + "]";
      JsonNode a = list.get(i);
      Matcher m = a.isTextual() ? ARN.matcher(a.asText()) : null;
      if (m == null || !m.matches()) {
        throw new ConfigException(at + ": must be one RAM user or role ARN, acs:ram::<account id>:user/NAME, "
            + "acs:ram::<account id>:role/NAME or acs:ram::<account id>:role/NAME/SESSION (no wildcard)");
      }
      if (m.group(4) != null && !"role".equals(m.group(2))) {
        throw new ConfigException(at + ": a RAM user has no session; write acs:ram::<account id>:user/NAME");
      }
      out.add(new Principal(a.asText(), m.group(1), "role".equals(m.group(2)), m.group(3), m.group(4) == null ? "" : m.group(4)));
    }
    return new Prevention(out);
  }
}
