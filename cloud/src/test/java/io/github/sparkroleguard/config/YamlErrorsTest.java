package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** YAML mistakes are one line with the line and column, and say when a tab or a repeated key is the cause. */
class YamlErrorsTest {
  private static String error(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(k -> null, Path.of(".")).parse(yaml));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void parse_tabIndentation_namesLineColumnAndTheTab() {
    String m = error("mode: alert\nram:\n\tendpoint: http://127.0.0.1:1\n");
    assertTrue(m.contains("line 3, column 1"), m);
    assertTrue(m.contains("a tab character: YAML indents with spaces only"), m);
  }

  @Test
  void parse_tabAfterIndentingSpaces_isStillNamed() {
    String m = error("roles:\n  - name: a\n  \t mode: restore\n");
    assertTrue(m.contains("line 3"), m);
    assertTrue(m.contains("tab"), m);
  }

  @Test
  void parse_unclosedFlowSequence_givesLineAndColumn() {
    String m = error("roles:\n  - name: a\n    policies: [ { name: p, type: System }\n");
    assertTrue(m.matches(".*line \\d+, column \\d+: .*"), m);
    assertFalse(m.contains("tab"), m);
  }

  @Test
  void parse_duplicateTopLevelKey_isAnErrorNamingTheKeyAndLine() {
    String m = error("roles:\n  - name: a\n    mode: restore\nroles:\n  - name: b\n");
    assertTrue(m.contains("duplicate key roles"), m);
    assertTrue(m.contains("line 4, column 1"), m);
  }

  @Test
  void parse_duplicateKeyInsideARole_isAnError() {
    String m = error("roles:\n  - name: a\n    mode: restore\n    mode: alert\n");
    assertTrue(m.contains("duplicate key mode"), m);
  }
}
