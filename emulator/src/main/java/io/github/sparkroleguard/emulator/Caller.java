package io.github.sparkroleguard.emulator;

import java.util.Objects;

/** Credentials the emulator accepts, and the identity ActionTrail records for calls made with them. */
public final class Caller {
  private final String accessKeyId;
  private final String secret;
  private final String securityToken;
  private final String identityType;
  private final String userName;

  private Caller(String accessKeyId, String secret, String securityToken, String identityType, String userName) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.securityToken = securityToken == null ? "" : securityToken;
    this.identityType = identityType;
    this.userName = userName;
  }

  /** A RAM user's long-term access key. */
  public static Caller ramUser(String userName, String accessKeyId, String secret) {
    return new Caller(accessKeyId, secret, null, "ram-user", userName);
  }

  /** The account's own (root) access key: control policies with EffectScope RAM do not bind it [doc]. */
  public static Caller root(String accessKeyId, String secret) {
    return new Caller(accessKeyId, secret, null, "root-account", "root");
  }

  /** STS credentials of an assumed role (as FC gives a function); the token must match. */
  public static Caller assumedRole(String roleName, String session, String accessKeyId, String secret, String token) {
    return new Caller(accessKeyId, secret, token, "assumed-role", roleName + ":" + session);
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  String secret() {
    return secret;
  }

  String securityToken() {
    return securityToken;
  }

  String identityType() {
    return identityType;
  }

  String userName() {
    return userName;
  }

  boolean isRoot() {
    return "root-account".equals(identityType);
  }

  /**
   * acs:PrincipalARN as a control policy sees it: a role (not its session) in lower case, the
   * form of Alibaba's own example ({@code role/resourcedirectoryaccountaccessrole}) [doc]; a user
   * as {@code user/NAME} [inferred].
   */
  String principalArn(String accountId) {
    if ("assumed-role".equals(identityType)) {
      String role = userName.substring(0, userName.indexOf(':'));
      return "acs:ram::" + accountId + ":role/" + role.toLowerCase(java.util.Locale.ROOT);
    }
    return "acs:ram::" + accountId + ":user/" + userName;
  }
}
