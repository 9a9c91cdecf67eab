package io.github.sparkroleguard.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAM's documented rules as the emulator enforces them (no network: the model alone). */
class EmulatedRamTest {
  final EmulatedRam ram = new EmulatedRam(SampleAccount.healthy(Clock.systemUTC()), Clock.systemUTC());

  private static String code(Runnable r) {
    return assertThrows(EmulatorException.class, r::run).code();
  }

  @Test
  void documentedErrors() {
    assertEquals("EntityNotExist.Role", code(() -> ram.getRole("nope")));
    assertEquals("EntityAlreadyExists.Role", code(() -> ram.createRole(SampleAccount.CUSTOM_ROLE, "{\"Statement\":[]}", "", null)));
    assertEquals("DeleteConflict.Role.Policy", code(() -> ram.deleteRole(SampleAccount.DEFAULT_ROLE)));
    assertEquals("EntityAlreadyExists.Role.Policy", code(() -> ram.attachPolicyToRole("System", SampleAccount.SYSTEM_POLICY, SampleAccount.DEFAULT_ROLE)));
    assertEquals("EntityNotExist.Role.Policy", code(() -> ram.detachPolicyFromRole("System", "AdministratorAccess", SampleAccount.DEFAULT_ROLE)));
    assertEquals("EntityNotExist.Policy", code(() -> ram.createPolicyVersion(SampleAccount.SYSTEM_POLICY, "{\"Statement\":[]}", true, null)));
    assertEquals("MalformedPolicyDocument", code(() -> ram.createPolicy("p2", "{oops", "")));
    assertEquals("LimitExceeded.Policy.Document", code(() -> ram.createPolicy("p2", "{\"Statement\":\"" + "x".repeat(7000) + "\"}", "")));
    assertEquals("InvalidParameter.RoleName.InvalidChars", code(() -> ram.createRole("bad name", "{\"Statement\":[]}", "", null)));
  }

  @Test
  void versionLimit_withoutRotate_isRefused_withRotate_dropsTheOldestNonDefault() {
    for (int i = 2; i <= 5; i++) {
      ram.createPolicyVersion(SampleAccount.CUSTOM_POLICY, EventReplay.narrowed("v" + i), false, null);
    }
    assertEquals("LimitExceeded.Policy.Version", code(() -> ram.createPolicyVersion(SampleAccount.CUSTOM_POLICY, "{\"Statement\":[]}", true, null)));
    ram.createPolicyVersion(SampleAccount.CUSTOM_POLICY, "{\"Statement\":[]}", true, EmulatedRam.ROTATE);
    AccountState.Policy p = ram.getPolicy("Custom", SampleAccount.CUSTOM_POLICY);
    assertEquals("v6", p.defaultVersion);
    assertEquals("[v1, v3, v4, v5, v6]", p.versions.stream().map(v -> v.versionId).sorted().collect(java.util.stream.Collectors.toList()).toString());
    assertEquals("DeleteConflict.Policy.Version.Default", code(() -> ram.deletePolicyVersion(SampleAccount.CUSTOM_POLICY, "v6")));
  }

  @Test
  void recreatedRole_getsANewRoleId() {
    String before = ram.getRole(SampleAccount.UNRELATED_ROLE).roleId;
    ram.deleteRole(SampleAccount.UNRELATED_ROLE);
    ram.createRole(SampleAccount.UNRELATED_ROLE, "{\"Statement\":[]}", "", null);
    assertEquals(false, before.equals(ram.getRole(SampleAccount.UNRELATED_ROLE).roleId));
  }

  @Test
  void saveAndLoad_roundTrips(@TempDir Path dir) throws Exception {
    ram.deleteRole(SampleAccount.UNRELATED_ROLE);
    ram.save(dir.resolve("state.json"));
    EmulatedRam loaded = new EmulatedRam(EmulatedRam.load(dir.resolve("state.json")), Clock.systemUTC());
    assertEquals("EntityNotExist.Role", code(() -> loaded.getRole(SampleAccount.UNRELATED_ROLE)));
    assertEquals(ram.getRole(SampleAccount.CUSTOM_ROLE).roleId, loaded.getRole(SampleAccount.CUSTOM_ROLE).roleId);
    assertEquals(1, loaded.listPoliciesForRole(SampleAccount.DEFAULT_ROLE).size());
  }
}
