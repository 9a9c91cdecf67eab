package io.github.sparkroleguard.ram;

import java.util.Objects;

/**
 * What RAM's GetRole tells about a role that the guard uses: its trust policy, and its ARN, which
 * names the account ({@code acs:ram::<account id>:role/<name>} [doc: RAM GetRole, Role.Arn]), so
 * the guard learns the account id from the first role it reads instead of asking per role.
 */
public final class RamRole {
  private final String trustPolicy;
  private final String arn;

  public RamRole(String trustPolicy, String arn) {
    this.trustPolicy = Objects.requireNonNull(trustPolicy);
    this.arn = arn == null ? "" : arn;
  }

  public String trustPolicy() {
    return trustPolicy;
  }

  public String arn() {
    return arn;
  }

  /** The account id in the ARN, or empty when the ARN is missing or not shaped as documented. */
  public String accountId() {
    String[] parts = arn.split(":", 5);
    if (parts.length < 5 || !"acs".equals(parts[0]) || !"ram".equals(parts[1]) || !parts[4].startsWith("role/")) {
      return "";
    }
    String account = parts[3];
    return !account.isEmpty() && account.length() <= 32 && account.chars().allMatch(Character::isDigit) ? account : "";
  }
}
