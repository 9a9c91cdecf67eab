package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.guard.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DoctorTest {
  private static DoctorCheck check(String name, Finding... findings) {
    return new DoctorCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Finding> run() {
        return List.of(findings);
      }
    };
  }

  private static DoctorCheck throwing(String name) {
    return new DoctorCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Finding> run() {
        throw new IllegalStateException("boom");
      }
    };
  }

  @Test
  void run_allPassOrWarn_succeedsWithSummary() {
    InvocationResult r = new Doctor(List.of(check("a", Finding.pass("a", "", "fine")),
        check("b", Finding.warn("b", "x", "hmm", "do this")))).run();
    assertTrue(r.ok());
    JsonNode j = r.json();
    assertEquals("doctor", j.path("command").asText());
    assertEquals(1, j.path("summary").path("pass").asInt());
    assertEquals(1, j.path("summary").path("warn").asInt());
    assertEquals(0, j.path("summary").path("fail").asInt());
    assertEquals("do this", j.path("checks").get(1).path("fix").asText());
    assertEquals("x", j.path("checks").get(1).path("subject").asText());
    assertFalse(j.path("checks").get(0).has("fix"));
  }

  @Test
  void run_anyFail_failsTheInvocationNamingTheFinding() {
    InvocationResult r = new Doctor(List.of(check("a", Finding.pass("a", "", "fine")),
        check("b", Finding.fail("b", "cn-hangzhou", "no rule", "create it")))).run();
    assertFalse(r.ok());
    assertTrue(r.failure().contains("b[cn-hangzhou]"), r.failure());
    assertEquals("DoctorFailed", r.json().path("error").path("code").asText());
    assertFalse(r.json().path("ok").asBoolean());
  }

  @Test
  void run_aCheckThrows_becomesOneFailureAndTheOthersStillRun() {
    InvocationResult r = new Doctor(List.of(throwing("broken"), check("after", Finding.pass("after", "", "ran")))).run();
    assertFalse(r.ok());
    JsonNode checks = r.json().path("checks");
    assertEquals("broken", checks.get(0).path("check").asText());
    assertTrue(checks.get(0).path("detail").asText().contains("boom"));
    assertEquals("after", checks.get(1).path("check").asText());
    assertEquals("pass", checks.get(1).path("status").asText());
  }

  @Test
  void run_aCheckReturnsNothing_isAFailure() {
    InvocationResult r = new Doctor(List.of(check("empty"))).run();
    assertFalse(r.ok());
    assertEquals(1, r.json().path("summary").path("fail").asInt());
  }

  @Test
  void run_thousandsOfFindings_boundedWithFailuresFirstAndAllCounted() {
    List<Finding> many = new ArrayList<>();
    IntStream.range(0, 1000).forEach(i -> many.add(Finding.pass("roles", "r" + i, "ok")));
    many.add(Finding.fail("roles", "r-last", "unreadable", "grant"));
    InvocationResult r = new Doctor(List.of(check("roles", many.toArray(new Finding[0])))).run();
    JsonNode checks = r.json().path("checks");
    assertEquals(Doctor.MAX_FINDINGS_PER_CHECK, checks.size());
    assertEquals("r-last", checks.get(0).path("subject").asText());
    assertTrue(checks.get(checks.size() - 1).path("detail").asText().startsWith("802 more"), checks.get(checks.size() - 1).toString());
    assertEquals(1000, r.json().path("summary").path("pass").asInt());
    assertEquals(1, r.json().path("summary").path("fail").asInt());
  }

  @Test
  void finding_warnOrFailWithoutFix_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Finding.fail("a", "", "bad", ""));
    assertThrows(IllegalArgumentException.class, () -> Finding.warn("a", "", "meh", null));
  }

  @Test
  void finding_hugeDetail_isBounded() {
    Finding f = Finding.pass("a", "", "x".repeat(10_000));
    assertEquals(Finding.MAX_TEXT, f.detail().length());
  }

  @Test
  void render_showsOneLinePerFindingTheFixAndTheSummary() {
    InvocationResult r = new Doctor(List.of(check("a", Finding.pass("a", "", "fine")),
        check("b", Finding.fail("b", "ap-southeast-1", "no rule", "create it")))).run();
    String text = DoctorText.render(r.json());
    assertTrue(text.contains("PASS  a  fine"), text);
    assertTrue(text.contains("FAIL  b [ap-southeast-1]  no rule"), text);
    assertTrue(text.contains("      fix: create it"), text);
    assertTrue(text.trim().endsWith("1 pass, 0 warn, 1 fail"), text);
  }
}
