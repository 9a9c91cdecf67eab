package io.github.sparkroleguard.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.emulator.SampleAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample named skip-* (events/ and the hostile corpus) ends as its documented skip, with
 * the documented reason, and never as an inspection: a sample that starts pointing at a role
 * (a new table entry, a parser change) fails here instead of quietly costing RAM calls.
 */
class SkipSamplesTest {
  static final GuardConfig CONFIG = new ConfigLoader(k -> null, Path.of(".")).parse(String.join("\n",
      "roles:",
      "  - name: " + SampleAccount.DEFAULT_ROLE,
      "  - name: " + SampleAccount.CUSTOM_ROLE,
      "    policies:",
      "      - { name: " + SampleAccount.CUSTOM_POLICY + ", type: Custom, document: '{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}' }"));

  /** The documented reason of each skip sample (the start of it; hostile names are cut or quoted). */
  static final Map<String, String> DOCUMENTED = Map.ofEntries(
      Map.entry("skip-failed-call.json", "failed call (errorCode 'DeleteConflict.Role.Policy')"),
      Map.entry("skip-guard-own-write.json", "made by the guard's own role spark-role-guard-fc"),
      Map.entry("skip-unrelated-service.json", "not a RAM or Resource Management event (service 'Ecs')"),
      Map.entry("skip-unwatched-role.json", "role 'AliyunECSInstanceForYourAppRole' is not protected"),
      Map.entry("skip-unrelated-policy.json", "policy 'some-other-policy' is not a custom policy of any protected role"),
      Map.entry("skip-read-only-call.json", "read-only call"),
      Map.entry("skip-type-eventname-number.json", "RAM event "),
      Map.entry("skip-unwatched-hostile-name-0.json", "role '"),
      Map.entry("skip-unwatched-hostile-name-1.json", "role '"),
      Map.entry("skip-unwatched-hostile-name-2.json", "role '"),
      Map.entry("skip-unwatched-hostile-name-3.json", "role '"),
      Map.entry("skip-unwatched-hostile-name-4.json", "role '"),
      Map.entry("skip-unwatched-hostile-name-5.json", "role '"));

  static Stream<Path> samples() throws IOException {
    List<Path> all;
    try (Stream<Path> events = Files.list(Path.of("events")); Stream<Path> hostile = Files.list(Path.of("core/src/test/resources/hostile"))) {
      all = Stream.concat(events, hostile).filter(p -> p.getFileName().toString().startsWith("skip-")).sorted()
          .collect(Collectors.toList());
    }
    assertTrue(all.size() >= DOCUMENTED.size(), "every documented sample is there: " + all);
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void classify_skipSample_endsAsItsDocumentedSkip(Path file) throws IOException {
    String documented = DOCUMENTED.get(file.getFileName().toString());
    assertNotNull(documented, file + ": a new skip sample needs its documented reason here");
    GuardRequest request = InputParser.parse(Files.readAllBytes(file));
    assertFalse(request.records().isEmpty(), file + ": an event sample");
    Classifier classifier = new Classifier(CONFIG);
    for (TrailRecord r : request.records()) {
      // The guard's identity as it learns it: its current key, and its role's id from GetRole
      // (the sample account's guard role); a role name alone no longer makes a record the guard's.
      Classification c = classifier.classify(r, new SelfIdentity("spark-role-guard-fc", java.util.Set.of("STS.SomeoneElse"),
          io.github.sparkroleguard.emulator.SampleAccount.GUARD_ROLE_ID));
      assertTrue(c.skipped(), () -> file + ": inspected " + c.roles() + " (" + c.reason() + ")");
      assertTrue(c.roles().isEmpty(), file + ": a skip points at no role");
      assertTrue(c.reason().startsWith(documented), () -> file + ": reason '" + c.reason() + "', documented '" + documented + "'");
    }
  }
}
