package io.github.sparkroleguard.event;

/** Who made a change, from an ActionTrail record's userIdentity. The access key id is kept masked. */
public final class Actor {
  private final String type;
  private final String name;
  private final String principalId;
  private final String accountId;
  private final String accessKeyId;

  public Actor(String type, String name, String principalId, String accountId, String accessKeyId) {
    this.type = nonNull(type);
    this.name = nonNull(name);
    this.principalId = nonNull(principalId);
    this.accountId = nonNull(accountId);
    this.accessKeyId = nonNull(accessKeyId);
  }

  public static Actor unknown() {
    return new Actor("", "", "", "", "");
  }

  /** root-account, ram-user, assumed-role, system, ... as ActionTrail spells it. */
  public String type() {
    return type;
  }

  /** userName: the RAM user, or {@code roleName:sessionName} for an assumed role. */
  public String name() {
    return name;
  }

  public String principalId() {
    return principalId;
  }

  public String accountId() {
    return accountId;
  }

  public String maskedAccessKeyId() {
    return mask(accessKeyId);
  }

  /** Whether the change was signed with this access key id (compared, never printed). */
  public boolean usedAccessKey(String id) {
    return id != null && !id.isEmpty() && id.equals(accessKeyId);
  }

  /** For an assumed role, the role's name (before the session name); else empty. */
  public String assumedRoleName() {
    if (!"assumed-role".equalsIgnoreCase(type)) {
      return "";
    }
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  /** Short human form: "ram-user alice", "assumed-role deployer:tf-session". */
  public String describe() {
    if (type.isEmpty() && name.isEmpty()) {
      return "unknown";
    }
    String who = name.isEmpty() ? principalId : name;
    return (type + " " + who).trim();
  }

  /** Keeps the first 4 and last 3 characters: enough to tell keys apart, not to use one. */
  public static String mask(String accessKeyId) {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      return "";
    }
    if (accessKeyId.length() <= 8) {
      return "****";
    }
    return accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(accessKeyId.length() - 3);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
