package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.guard.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The hostile-input corpus (core/src/test/resources/hostile): "error-*" must get a clear BadInput
 * error, "skip-*" and "handled-*" must be skipped or handled; all within a bounded time, with no
 * RAM write, no stack trace and no secret in the output.
 */
@Isolated("it bounds each payload's wall time")
class HostileInputIT {
  static final Path CORPUS = Path.of("core/src/test/resources/hostile");
  static GuardFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new GuardFixture("mode: restore", "");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static Stream<String> corpus() throws Exception {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()).stream();
    }
  }

  @Test
  void corpus_hasAtLeastFiftyInputs() throws Exception {
    assertTrue(corpus().count() >= 50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void hostileInput_clearErrorOrSkip_noWrite(String file) throws Exception {
    check(file, Files.readAllBytes(CORPUS.resolve(file)), file.startsWith("error-"));
  }

  @Test
  void payloads_oneMegabyteHandled_tenMegabytesRejected_tenThousandEventsRejected_deepNestingRejected() throws Exception {
    String event = new String(GuardFixture.read("skip-unrelated-service.json"), StandardCharsets.UTF_8);
    String oneMb = event.replace("\"userAgent\": \"", "\"userAgent\": \"" + "A".repeat(1024 * 1024));
    check("1 MB", oneMb.getBytes(StandardCharsets.UTF_8), false);
    check("10 MB", ("{\"action\":\"scan\",\"pad\":\"" + "B".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), true);
    check("10,000 events", ("[" + String.join(",", java.util.Collections.nCopies(10_000, event)) + "]").getBytes(StandardCharsets.UTF_8), true);
    check("deep nesting", ("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)).getBytes(StandardCharsets.UTF_8), true);
  }

  static void check(String name, byte[] payload, boolean mustFail) {
    f.emulator.clearRequests();
    long start = System.nanoTime();
    InvocationResult r = f.invoke(payload);
    long ms = (System.nanoTime() - start) / 1_000_000;
    String out = f.everything(r);
    assertTrue(ms < 3_000, name + " took " + ms + " ms");
    assertEquals(List.of(), f.emulator.writes(), name + ": no RAM write");
    assertFalse(out.contains("\tat io.") || out.contains("Exception:"), name + ": no stack trace");
    for (String secret : List.of(GuardFixture.SECRET, GuardFixture.TOKEN, GuardFixture.KEY_ID, "hook-token-0123")) {
      assertFalse(out.contains(secret), name + ": leaked " + secret);
    }
    if (mustFail) {
      assertFalse(r.ok(), name + ": " + r.json());
      assertEquals("BadInput", r.json().path("error").path("code").asText(), name + ": " + r.json());
      assertFalse(r.json().path("error").path("message").asText().isBlank());
      assertEquals(List.of(), f.emulator.requests(), name + ": bad input makes no RAM call at all");
    } else {
      assertTrue(r.ok(), name + ": " + r.json());
    }
  }
}
