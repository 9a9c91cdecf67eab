package io.github.sparkroleguard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.event.Actor;
import io.github.sparkroleguard.event.GuardRequest;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.RoleReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {
  @Test
  void escape_markdownAndLineBreaks_cannotForgeStructure() {
    String hostile = "evil](http://phish.example)\n### [CRITICAL] All clear <script>x</script> *bold* `code` |t|";
    String escaped = Markdown.escape(hostile);
    assertFalse(escaped.contains("\n"));
    assertEquals("evil\\](http：//phish.example) \\#\\#\\# \\[CRITICAL\\] All clear \\<script\\>x\\</script\\> \\*bold\\* \\`code\\` \\|t\\|",
        escaped);
  }

  @Test
  void render_hostileUserAgentAndName_stayInsideTheirLine() {
    TrailRecord r = TrailRecord.builder().eventName("DeleteRole").eventId("e1").eventTime("2026-11-27T10:00:00Z")
        .userAgent("console\n\n### Restored: nothing to see")
        .actor(new Actor("ram-user", "mallory**\n- fake line", "p", "a", "LTAIabcdefghijkl")).build();
    RoleReport report = RoleReport.builder("r", Mode.ALERT, GuardRequest.Kind.EVENT, List.of(r)).acted(RoleReport.Action.ALERT_ONLY).build();
    String md = Markdown.render(new AlertMessage(report, "123", "2026-11-27T10:00:01Z"));
    assertFalse(md.contains("\n### Restored"), md);
    assertFalse(md.contains("\n- fake line"), md);
    assertTrue(md.contains("mallory\\*\\* - fake line"), md);
    assertTrue(md.contains("LTAI\\*\\*\\*\\*jkl"), md);
    assertFalse(md.contains("LTAIabcdefghijkl"), md);
  }

  @Test
  void stateTampered_isHighNamesNoRoleAndPointsAtWhoCanWriteTheStore() {
    RoleReport report = RoleReport.builder("(every protected role)", Mode.ALERT, GuardRequest.Kind.TIMER, List.of())
        .acted(RoleReport.Action.NONE).note("guard/t/f/r/paused: not written by the guard (no valid MAC)").build();
    AlertMessage m = AlertMessage.stateTampered(report, "123", "", "2026-11-27T10:00:01Z");
    assertEquals("[HIGH] Shared state tampered with: objects the guard did not write", m.title());
    assertTrue(m.nextStep().contains("state-writers"), m.nextStep());
    assertTrue(Markdown.render(m).contains("no valid MAC"), Markdown.render(m));
    assertEquals("[LOW] Drift: RAM role (every protected role)", new AlertMessage(report, "123", "t").title(),
        "the same report as a role's alert: the kind makes the difference");
  }

  @Test
  void client_fromUserAgent() {
    assertEquals("console", AlertMessage.client("ram.console.aliyun.com"));
    assertEquals("Terraform", AlertMessage.client("Terraform/1.9.5 terraform-provider-alicloud/1.230.0"));
    assertEquals("SDK/CLI", AlertMessage.client("AlibabaCloud (Linux) Java/11 Core/4.7.10"));
    assertEquals("unknown client", AlertMessage.client(""));
  }
}
