package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A resource-group grant is pinned by name like any other policy: a wildcard or an invalid
 * name would reach function-policy's Resource (policy/*) and widen the function's role to every
 * policy of the account.
 */
class GrantNamesTest {
  private static GuardConfig parse(String name) {
    return new ConfigLoader(k -> null, null).parse("roles:\n  - name: spark-exec\n    policies:\n"
        + "      - { name: \"" + name + "\", type: Custom, resourceGroupId: rg-acfm0000000001 }\n");
  }

  @Test
  void parse_resourceGroupGrantNamedWildcard_isRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("*"));
    assertTrue(e.getMessage().startsWith("roles[0].policies[0].name:"), e.getMessage());
    assertTrue(e.getMessage().contains("RAM policy name"), e.getMessage());
  }

  @Test
  void parse_resourceGroupGrantWithWildcardOrSeparatorInTheName_isRefused() {
    for (String bad : new String[] {"spark-*", "a?b", "policy/x", "", "x y"}) {
      assertThrows(ConfigException.class, () -> parse(bad), bad);
    }
  }

  @Test
  void parse_resourceGroupGrantWithAPlainName_isAccepted() {
    GuardConfig c = parse("Spark-Grant-1");
    assertEquals("Spark-Grant-1", c.role("spark-exec").get().policies().get(0).name());
  }
}
