package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service-linked role follows each account's mode (issue 22, section 4): an alert-only account
 * never gets a CreateServiceLinkedRole, whether it says so with {@code mode: alert} or by listing
 * only alert-mode roles (as the central example's sandbox does).
 */
class AccountModeTest {
  private static GuardConfig parse(String yaml) {
    Map<String, String> env = Map.of("GUARD_EXTERNAL_ID", "ext-0123456789abcdef", "OPS_WEBHOOK_URL", "https://example.com/h",
        "OPS_WEBHOOK_SECRET", "s");
    return new ConfigLoader(env::get, null).parse(yaml);
  }

  private static Mode mode(MemberAccount a, String role) {
    return a.roles().stream().filter(r -> r.name().equals(role)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + role + " in " + a.id())).mode();
  }

  @Test
  void accountListingOnlyAlertRoles_hasItsServiceLinkedRoleInAlertMode() {
    GuardConfig c = parse("mode: restore\naccounts:\n"
        + "  - { id: \"1000000000000001\", name: prod }\n"
        + "  - { id: \"1000000000000003\", name: sandbox, roles: [ { name: AliyunEMRSparkJobRunDefaultRole, mode: alert } ] }\n");

    assertEquals(Mode.RESTORE, mode(c.accounts().listed().get(0), Defaults.SERVICE_LINKED_ROLE));
    assertEquals(Mode.ALERT, mode(c.accounts().listed().get(1), Defaults.SERVICE_LINKED_ROLE));
  }

  @Test
  void accountModeAlert_makesEveryRoleOfThatAccountAlertOnly() {
    GuardConfig c = parse("mode: restore\nroles:\n  - { name: spark-a, mode: restore }\naccounts:\n"
        + "  - { id: \"1000000000000001\", name: prod }\n"
        + "  - { id: \"1000000000000002\", name: dev, mode: alert }\n");

    assertEquals(Mode.RESTORE, mode(c.accounts().listed().get(0), "spark-a"));
    MemberAccount dev = c.accounts().listed().get(1);
    assertTrue(dev.roles().stream().allMatch(r -> r.mode() == Mode.ALERT), dev.roles().toString());
    assertEquals(Mode.ALERT, mode(dev, Defaults.SERVICE_LINKED_ROLE));
  }

  @Test
  void accountMode_isCheckedLikeTheTopLevelOne() {
    assertEquals("accounts[0].mode: must be alert or restore, got 'fix'", assertThrows(ConfigException.class,
        () -> parse("accounts:\n  - { id: \"1000000000000001\", mode: fix }\n")).getMessage());
  }

  @Test
  void centralExample_sandboxIsAlertOnly_includingTheServiceLinkedRole() throws Exception {
    Path example = Path.of("core/src/main/resources/guard-central.example.yaml");
    GuardConfig c = new ConfigLoader(Map.of("GUARD_EXTERNAL_ID", "ext-0123456789abcdef", "OPS_WEBHOOK_URL",
        "https://example.com/h", "OPS_WEBHOOK_SECRET", "s")::get, example.getParent()).parse(Files.readString(example));

    MemberAccount sandbox = c.accounts().listed("1000000000000003").orElseThrow();
    assertTrue(sandbox.roles().stream().allMatch(r -> r.mode() == Mode.ALERT), sandbox.roles().toString());
  }
}
