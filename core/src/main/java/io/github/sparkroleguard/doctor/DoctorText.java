package io.github.sparkroleguard.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The doctor result as an operator reads it on a terminal: one line per finding, the fix under it. */
public final class DoctorText {
  private DoctorText() {}

  public static String render(JsonNode result) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode f : result.path("checks")) {
      String status = f.path("status").asText().toUpperCase(Locale.ROOT);
      String subject = f.path("subject").asText();
      sb.append(String.format(Locale.ROOT, "%-4s  %s%s  %s%n", status, f.path("check").asText(),
          subject.isEmpty() ? "" : " [" + subject + "]", f.path("detail").asText()));
      if (f.hasNonNull("fix")) {
        sb.append("      fix: ").append(f.path("fix").asText()).append(System.lineSeparator());
      }
    }
    JsonNode s = result.path("summary");
    sb.append(String.format(Locale.ROOT, "%d pass, %d warn, %d fail%n", s.path("pass").asInt(), s.path("warn").asInt(),
        s.path("fail").asInt()));
    return sb.toString();
  }
}
