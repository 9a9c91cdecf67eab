package io.github.sparkroleguard.config;

import static io.github.sparkroleguard.config.YamlFields.allowKeys;
import static io.github.sparkroleguard.config.YamlFields.bool;
import static io.github.sparkroleguard.config.YamlFields.checkName;
import static io.github.sparkroleguard.config.YamlFields.integer;
import static io.github.sparkroleguard.config.YamlFields.object;
import static io.github.sparkroleguard.config.YamlFields.optText;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code accounts:} (the members, in the shape c7n-org users know: id, name, role, and the roles
 * to protect or the top-level ones) and {@code fleet:} (discovery, the default member role,
 * concurrency, STS). Absent both, the guard protects its own account only, as before.
 */
final class AccountsSection {
  static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{5,32}");

  private final RoleSection roles;
  private final Secrets secrets;

  AccountsSection(RoleSection roles, Secrets secrets) {
    this.roles = roles;
    this.secrets = secrets;
  }

  Accounts parse(JsonNode root, List<RoleBaseline> topLevelRoles, Mode defaultMode) {
    if (!root.has("accounts") && !root.has("fleet")) {
      return Accounts.NONE;
    }
    JsonNode fleet = object(root, "fleet", "fleet");
    allowKeys(fleet, "fleet.", "memberRole", "externalId", "discover", "exclude", "concurrency", "sessionSeconds",
        "stsQps", "sts");
    String memberRole = optText(fleet, "memberRole", "fleet.memberRole", Defaults.MEMBER_ROLE);
    checkName(memberRole, RoleSection.ROLE_NAME, "fleet.memberRole", "a RAM role name");
    String externalId = secrets.resolve(optText(fleet, "externalId", "fleet.externalId", ""), "fleet.externalId");
    boolean discover = bool(fleet, "discover", "fleet.discover", false);
    Set<String> exclude = ids(fleet.get("exclude"), "fleet.exclude");
    int concurrency = integer(fleet, "concurrency", "fleet.concurrency", Defaults.ACCOUNT_CONCURRENCY, 1, 32);
    int session = integer(fleet, "sessionSeconds", "fleet.sessionSeconds", Defaults.SESSION_SECONDS, 900, 43200);
    int stsQps = integer(fleet, "stsQps", "fleet.stsQps", Defaults.STS_QPS, 1, 50);
    Endpoint sts = endpoint(fleet, "sts", Defaults.STS_ENDPOINT);
    List<MemberAccount> listed = listed(root.get("accounts"), memberRole, externalId, topLevelRoles, defaultMode);
    if (listed.isEmpty() && !discover) {
      throw new ConfigException("accounts: list at least one account, or set fleet.discover: true");
    }
    return new Accounts(listed, discover, memberRole, externalId, exclude, concurrency, session, stsQps, sts);
  }

  private List<MemberAccount> listed(JsonNode node, String memberRole, String externalId,
      List<RoleBaseline> topLevelRoles, Mode defaultMode) {
    List<MemberAccount> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException("accounts: must be a list of accounts (id, name, role, roles)");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "accounts[" + i + "]";
      JsonNode a = node.get(i);
      if (!a.isObject()) {
        throw new ConfigException(at + ": must be a mapping with at least id");
      }
      allowKeys(a, at + ".", "id", "name", "role", "externalId", "mode", "roles");
      String id = accountId(a.get("id"), at + ".id");
      if (!seen.add(id)) {
        throw new ConfigException(at + ".id: account " + id + " is listed twice");
      }
      String role = optText(a, "role", at + ".role", memberRole);
      checkName(role, RoleSection.ROLE_NAME, at + ".role", "a RAM role name");
      String ext = a.has("externalId") ? secrets.resolve(optText(a, "externalId", at + ".externalId", ""), at + ".externalId")
          : externalId;
      List<RoleBaseline> protectedRoles = a.has("roles") ? roles.parse(a.get("roles"), accountMode(a, defaultMode, at),
          at + ".roles") : topLevelRoles;
      if (a.has("mode") && Mode.parse(optText(a, "mode", at + ".mode", ""), at + ".mode") == Mode.ALERT) {
        protectedRoles = alertOnly(protectedRoles);
      }
      out.add(MemberAccount.listed(id, optText(a, "name", at + ".name", ""), role, ext, protectedRoles));
    }
    return out;
  }

  /**
   * The mode of an account's roles that do not set one, the service-linked role's among them: the
   * account's {@code mode:}; else alert when every role it lists is alert-only (an account that
   * asks only for alerts never gets a restore, a CreateServiceLinkedRole included); else the
   * top-level mode.
   */
  private static Mode accountMode(JsonNode a, Mode defaultMode, String at) {
    if (a.has("mode")) {
      return Mode.parse(optText(a, "mode", at + ".mode", ""), at + ".mode");
    }
    JsonNode listed = a.get("roles");
    if (listed == null || !listed.isArray() || listed.size() == 0) {
      return defaultMode;
    }
    for (JsonNode r : listed) {
      JsonNode m = r.isObject() ? r.get("mode") : null;
      if (m == null || !m.isTextual() || !m.asText().trim().equalsIgnoreCase("alert")) {
        return defaultMode;
      }
    }
    return Mode.ALERT;
  }

  /** {@code mode: alert} on an account: nothing in it is ever restored, whatever a role says. */
  private static List<RoleBaseline> alertOnly(List<RoleBaseline> roles) {
    List<RoleBaseline> out = new ArrayList<>();
    roles.forEach(r -> out.add(r.mode() == Mode.ALERT ? r : r.toBuilder().mode(Mode.ALERT).build()));
    return out;
  }

  private static Endpoint endpoint(JsonNode fleet, String key, String fallback) {
    JsonNode n = object(fleet, key, "fleet." + key);
    allowKeys(n, "fleet." + key + ".", "endpoint");
    return Endpoint.parse(optText(n, "endpoint", "fleet." + key + ".endpoint", fallback), "fleet." + key + ".endpoint");
  }

  private static Set<String> ids(JsonNode node, String key) {
    Set<String> out = new LinkedHashSet<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException(key + ": must be a list of account ids");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(accountId(node.get(i), key + "[" + i + "]"));
    }
    return out;
  }

  /** An account id, written as a string or a (YAML) number. */
  static String accountId(JsonNode v, String key) {
    if (v == null || v.isNull()) {
      throw new ConfigException(key + ": required");
    }
    String id = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.isTextual() ? v.asText() : "";
    if (!ACCOUNT_ID.matcher(id).matches()) {
      throw new ConfigException(key + ": must be an Alibaba Cloud account id (digits)");
    }
    return id;
  }
}
