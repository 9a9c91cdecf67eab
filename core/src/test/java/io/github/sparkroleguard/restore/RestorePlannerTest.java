package io.github.sparkroleguard.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.policy.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RestorePlannerTest {
  static final String DOC = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}";
  static final String WIDE = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  static RoleBaseline base(boolean detach) {
    return RoleBaseline.builder("r").detachUnexpected(detach)
        .policies(List.of(PolicyRef.custom("p", DOC, ""), PolicyRef.system("S"))).build();
  }

  static String plan(RoleBaseline b, RoleState live) {
    return RestorePlanner.plan(b, live, DriftDetector.compare(b, live)).steps().stream()
        .map(s -> s.action().apiName() + (s.policyName() == null ? "" : " " + s.policyName()))
        .collect(Collectors.joining("; "));
  }

  @Test
  void plan_roleAndPolicyDeleted_createsPolicyThenRoleThenAttaches() {
    assertEquals("CreatePolicy p; CreateRole; AttachPolicyToRole p; AttachPolicyToRole S",
        plan(base(false), RoleState.missing("r", List.of(PolicyState.missing("p")))));
  }

  @Test
  void plan_documentChanged_reusesAVersionHoldingThePinnedDocument() {
    PolicyState live = PolicyState.present("p", "v3", WIDE, List.of(new PolicyVersion("v1", DOC.replace(",", " ,\n  "), false),
        new PolicyVersion("v3", WIDE, true)));
    RoleState state = RoleState.present("r", Defaults.SPARK_TRUST_POLICY, attachedAll(), List.of(live));
    assertEquals("SetDefaultPolicyVersion p", plan(base(false), state));
    WriteStep step = RestorePlanner.plan(base(false), state, DriftDetector.compare(base(false), state)).steps().get(0);
    assertEquals("v1", step.versionId());
  }

  @Test
  void plan_documentChanged_noPinnedVersionLeft_createsADefaultVersion() {
    PolicyState live = PolicyState.present("p", "v3", WIDE, List.of(new PolicyVersion("v3", WIDE, true)));
    assertEquals("CreatePolicyVersion p", plan(base(false),
        RoleState.present("r", Defaults.SPARK_TRUST_POLICY, attachedAll(), List.of(live))));
  }

  @Test
  void plan_unexpectedPolicy_detachedOnlyWhenAsked() {
    List<AttachedPolicy> extra = new ArrayList<>(attachedAll());
    extra.add(new AttachedPolicy(PolicyType.SYSTEM, "AdministratorAccess"));
    RoleState live = RoleState.present("r", Defaults.SPARK_TRUST_POLICY, extra, List.of(PolicyState.present("p", "v1", DOC, List.of())));
    assertEquals("", plan(base(false), live));
    assertEquals(1, RestorePlanner.plan(base(false), live, DriftDetector.compare(base(false), live)).alertOnly().size());
    assertEquals("DetachPolicyFromRole AdministratorAccess", plan(base(true), live));
  }

  @Test
  void plan_widenedAndLost_narrowsFirstThenRestores() {
    PolicyState wide = PolicyState.present("p", "v2", WIDE, List.of(new PolicyVersion("v2", WIDE, true)));
    List<AttachedPolicy> attached = List.of(new AttachedPolicy(PolicyType.SYSTEM, "AdministratorAccess"));
    RoleState live = RoleState.present("r", WIDE, attached, List.of(wide));
    assertEquals("DetachPolicyFromRole AdministratorAccess; UpdateRole; CreatePolicyVersion p; "
        + "AttachPolicyToRole p; AttachPolicyToRole S", plan(base(true), live));
  }

  @Test
  void plan_trustChanged_updatesRole() {
    RoleState live = RoleState.present("r", WIDE, attachedAll(), List.of(PolicyState.present("p", "v1", DOC, List.of())));
    assertEquals("UpdateRole", plan(base(false), live));
  }

  /** Property: whatever the live state, a plan only writes pinned documents and baseline attachments. */
  @Test
  void plan_anyLiveState_neverGrantsMoreThanTheBaseline() {
    Random random = new Random(7);
    String[] docs = {DOC, WIDE, "garbage", DOC.replace("Get", "Put")};
    String[] names = {"p", "S", "AdministratorAccess", "other"};
    for (int i = 0; i < 2000; i++) {
      RoleBaseline b = base(random.nextBoolean());
      List<AttachedPolicy> attached = new ArrayList<>();
      for (String n : names) {
        if (random.nextBoolean()) {
          attached.add(new AttachedPolicy(random.nextBoolean() ? PolicyType.SYSTEM : PolicyType.CUSTOM, n));
        }
      }
      PolicyState p = random.nextInt(4) == 0 ? PolicyState.missing("p")
          : PolicyState.present("p", "v2", docs[random.nextInt(docs.length)],
              List.of(new PolicyVersion("v1", docs[random.nextInt(docs.length)], false)));
      RoleState live = random.nextInt(4) == 0 ? RoleState.missing("r", List.of(p))
          : RoleState.present("r", random.nextBoolean() ? Defaults.SPARK_TRUST_POLICY : WIDE, attached, List.of(p));
      for (WriteStep s : RestorePlanner.plan(b, live, DriftDetector.compare(b, live)).steps()) {
        RestoreExecutor.checkSafe(b, s); // throws if unsafe
        assertEquals("r", s.roleName());
        if (s.document() != null) {
          assertTrue(PolicyDocuments.equivalent(s.document(), DOC) || PolicyDocuments.equivalent(s.document(), Defaults.SPARK_TRUST_POLICY));
        }
        assertTrue(s.action() != WriteStep.Action.CREATE_POLICY || s.policyType() == PolicyType.CUSTOM);
      }
    }
  }

  static List<AttachedPolicy> attachedAll() {
    return List.of(new AttachedPolicy(PolicyType.CUSTOM, "p"), new AttachedPolicy(PolicyType.SYSTEM, "S"));
  }
}
