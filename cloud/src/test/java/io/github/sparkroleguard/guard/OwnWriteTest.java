package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.event.Actor;
import io.github.sparkroleguard.event.Classifier;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.rm.PolicyAttachment;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.RmRole;
import io.github.sparkroleguard.state.MemoryState;
import io.github.sparkroleguard.trail.TrailPort;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "Was this the guard's own write?" is decided once ({@code SelfIdentity.made}, fed by
 * {@link SelfRecognition}): the event path (which never records the guard's own writes as
 * delivered) and the deafness check (which must not compare them) agree on every actor. They
 * used to disagree on a namesake of the guard's role: the deafness check went by the role name
 * alone and so never compared a re-created role's writes.
 */
class OwnWriteTest {
  static final String SELF = "spark-role-guard-fc";
  static final String ROLE_ID = "305555555555555555";
  static final String KEY = "STS.SelfKey123";
  static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
  static final GuardConfig CONFIG = new ConfigLoader(k -> null, Path.of(".")).parse(String.join("\n",
      "roles:",
      "  - name: custom-role"));

  /** actor, whether it is the guard */
  static final Object[][] TABLE = {
      {new Actor("assumed-role", SELF + ":now", ROLE_ID + ":now", "", KEY), true},
      {new Actor("assumed-role", SELF + ":before", ROLE_ID + ":before", "", "STS.Earlier"), true},
      // a namesake: the guard's role deleted and created again by someone else (a new role id)
      {new Actor("assumed-role", SELF + ":x", "399999999999999999:x", "", "STS.Other"), false},
      {new Actor("assumed-role", SELF.toUpperCase() + ":x", "399999999999999999:x", "", "STS.Other"), false},
      {new Actor("assumed-role", "ops-admin:x", "377777777777777777:x", "", "STS.Ops"), false},
      {new Actor("ram-user", "alice", "288888888888888888", "", "LTAI.Alice"), false},
  };

  @Test
  void eventPathAndDeafnessCheck_agreeOnWhoIsTheGuard() {
    for (Object[] row : TABLE) {
      Actor actor = (Actor) row[0];
      boolean guard = (Boolean) row[1];
      TrailRecord r = record(actor);
      assertEquals(guard, eventPathSaysOwn(r, rm(false)), "event path, " + actor.describe());
      assertEquals(guard, deafnessSaysOwn(r, rm(false)), "deafness check, " + actor.describe());
    }
  }

  /** Without the role id (its lookup failed) the event path inspects; deafness does not compare what may be the guard's. */
  @Test
  void roleIdUnknown_eventPathInspects_deafnessLeavesItOut() {
    TrailRecord r = record(new Actor("assumed-role", SELF + ":x", "399999999999999999:x", "", "STS.Other"));
    assertFalse(eventPathSaysOwn(r, rm(true)));
    assertTrue(deafnessSaysOwn(r, rm(true)));
  }

  static TrailRecord record(Actor actor) {
    return TrailRecord.builder().eventId("e-" + actor.principalId()).eventName("AttachPolicyToRole").serviceName("Ram")
        .eventSource("ram.aliyuncs.com").eventRw("Write").eventTime(NOW.minusSeconds(1800).toString())
        .requestParameters(Map.of("RoleName", "custom-role")).actor(actor).build();
  }

  /** As EventTargets decides: the current key known, the role id looked up when needed. */
  static boolean eventPathSaysOwn(TrailRecord r, ResourceManagerPort rm) {
    SelfRecognition self = new SelfRecognition(SELF, rm, new DecisionLog(s -> { }, java.time.Clock.systemUTC()));
    return new Classifier(CONFIG).classify(r, self.identify(List.of(r), KEY)).reason().startsWith("made by the guard");
  }

  /** As the timer's deafness check decides: an own write is not compared, so never reported missed. */
  static boolean deafnessSaysOwn(TrailRecord r, ResourceManagerPort rm) {
    SelfRecognition self = new SelfRecognition(SELF, rm, new DecisionLog(s -> { }, java.time.Clock.systemUTC()));
    DeafnessCheck check = new DeafnessCheck(trail(r), new MemoryState(), CONFIG, self);
    DeafnessCheck.Outcome o = check.check(NOW);
    assertEquals("", o.error);
    return o.missed.isEmpty();
  }

  static TrailPort trail(TrailRecord r) {
    return new TrailPort() {
      @Override
      public Page lookup(String key, String value, Instant start, Instant end, String nextToken) {
        return new Page(value.equals(r.serviceName()) ? List.of(r) : List.of(), "");
      }

      public Page lookup(String key, String value, String key2, String value2, Instant start, Instant end, String t) {
        return lookup(key, value, start, end, t);
      }
    };
  }

  static ResourceManagerPort rm(boolean failing) {
    return new ResourceManagerPort() {
      @Override
      public Optional<RmRole> getRole(String roleName) {
        if (failing) {
          throw new CloudCallException("Throttling", "GetRole refused", true);
        }
        return Optional.of(new RmRole(SELF, ROLE_ID, SELF + "@role.123.onaliyunservice.com", false, ""));
      }

      @Override
      public List<PolicyAttachment> listPolicyAttachments(String principalName) {
        return new ArrayList<>();
      }

      @Override
      public void detachPolicy(PolicyType type, String policyName, String principalName, String resourceGroupId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void createServiceLinkedRole(String serviceName) {
        throw new UnsupportedOperationException();
      }

      @Override
      public DeletionStatus getServiceLinkedRoleDeletionStatus(String deletionTaskId) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
