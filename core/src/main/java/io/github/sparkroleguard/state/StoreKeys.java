package io.github.sparkroleguard.state;

import java.util.Objects;

/** The credentials the store signs with: the function role's temporary keys in FC. */
public final class StoreKeys {
  private final String accessKeyId;
  private final String secret;
  private final String securityToken;

  public StoreKeys(String accessKeyId, String secret, String securityToken) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.securityToken = securityToken == null ? "" : securityToken;
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

  @Override
  public String toString() {
    return "StoreKeys(" + (accessKeyId.length() > 4 ? accessKeyId.substring(0, 4) + "****" : "****") + ")";
  }
}
