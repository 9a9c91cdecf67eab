package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountsSectionTest {
  private static GuardConfig parse(String yaml) {
    Map<String, String> env = Map.of("EXT", "ext-from-env");
    return new ConfigLoader(env::get, null).parse(yaml);
  }

  @Test
  void parse_noAccountsKey_isTheSingleAccountGuard() {
    GuardConfig c = parse("mode: alert\n");

    assertSame(Accounts.NONE, c.accounts());
    assertFalse(c.accounts().enabled());
  }

  @Test
  void parse_listedAccounts_inheritTopLevelRolesAndFleetDefaults() {
    GuardConfig c = parse("roles:\n  - { name: my-spark-role }\n"
        + "accounts:\n"
        + "  - { id: \"1000000000000001\", name: prod }\n"
        + "  - { id: 1000000000000002, role: other-member, externalId: \"${env:EXT}\", roles: [ { name: dev-role } ] }\n"
        + "fleet: { memberRole: guard-member, concurrency: 2, sessionSeconds: 900 }\n");

    Accounts a = c.accounts();
    assertTrue(a.enabled());
    assertEquals(2, a.concurrency());
    assertEquals(900, a.sessionSeconds());
    MemberAccount prod = a.listed().get(0);
    assertEquals("prod", prod.name());
    assertEquals("acs:ram::1000000000000001:role/guard-member", prod.roleArn());
    assertEquals(c.roles(), prod.roles());
    MemberAccount dev = a.listed().get(1);
    assertEquals("1000000000000002", dev.id(), "a YAML number is read as the id's digits");
    assertEquals("1000000000000002", dev.name(), "no name: the id");
    assertEquals("acs:ram::1000000000000002:role/other-member", dev.roleArn());
    assertEquals("ext-from-env", dev.externalId());
    assertEquals("dev-role", dev.roles().get(1).name(), "its own roles, the default execution role first");
    assertEquals(Defaults.DEFAULT_ROLE, dev.roles().get(0).name());
  }

  @Test
  void forMember_keepsEverySettingButTheRoles() {
    GuardConfig c = parse("mode: restore\naccounts:\n  - { id: \"1000000000000001\", name: prod, roles: [ { name: x } ] }\n");

    GuardConfig m = c.forMember(c.accounts().listed().get(0));

    assertFalse(m.accounts().enabled());
    assertEquals("prod", m.accountName());
    assertEquals(Defaults.MEMBER_ROLE, m.selfRoleName(), "in a member the guard acts as the member role");
    assertEquals(Defaults.MEMBER_ROLE, c.asMemberRole().selfRoleName());
    assertEquals(Defaults.DEFAULT_SELF_ROLE, c.selfRoleName(), "the central function keeps its own role");
    assertEquals(List.of(Defaults.DEFAULT_ROLE, "x", Defaults.SERVICE_LINKED_ROLE),
        m.roles().stream().map(RoleBaseline::name).collect(java.util.stream.Collectors.toList()),
        "the account's own roles, with the default role and the service-linked role guarded by default");
    assertEquals(c.ramEndpoint().host(), m.ramEndpoint().host());
  }

  @Test
  void parse_badAccounts_nameTheKey() {
    assertEquals("accounts[0].id: must be an Alibaba Cloud account id (digits)",
        assertThrows(ConfigException.class, () -> parse("accounts:\n  - { id: abc }\n")).getMessage());
    assertEquals("accounts[1].id: account 1000000000000001 is listed twice", assertThrows(ConfigException.class,
        () -> parse("accounts:\n  - { id: \"1000000000000001\" }\n  - { id: \"1000000000000001\" }\n")).getMessage());
    assertEquals("accounts: list at least one account, or set fleet.discover: true",
        assertThrows(ConfigException.class, () -> parse("fleet: { concurrency: 2 }\n")).getMessage());
    assertTrue(assertThrows(ConfigException.class,
        () -> parse("accounts:\n  - { id: \"1000000000000001\", rol: x }\n")).getMessage().startsWith("accounts[0].rol"));
    assertTrue(assertThrows(ConfigException.class,
        () -> parse("accounts:\n  - { id: \"1000000000000001\" }\nfleet: { sessionSeconds: 60 }\n")).getMessage()
        .startsWith("fleet.sessionSeconds"));
  }

  @Test
  void parse_discoverOnly_isEnabledWithNoListedAccount() {
    Accounts a = parse("fleet: { discover: true, exclude: [\"1000000000000009\"] }\n").accounts();

    assertTrue(a.enabled());
    assertTrue(a.listed().isEmpty());
    assertTrue(a.exclude().contains("1000000000000009"));
  }
}
