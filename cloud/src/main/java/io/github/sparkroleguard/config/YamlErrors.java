package io.github.sparkroleguard.config;

import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML error as one line a person can act on: where (line and column, counted from 1), what,
 * and when a tab is the cause, that YAML indents with spaces only. SnakeYAML's own message spans
 * several lines with a snippet of the file, which could hold a value the user meant to keep out
 * of logs; only the problem and the position are kept.
 */
final class YamlErrors {
  private YamlErrors() {}

  static String describe(MarkedYAMLException e, String yaml) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() == null ? "unreadable" : e.getProblem().trim();
    if (e instanceof DuplicateKeyException) {
      problem = problem + " (each key may appear once in a mapping; merge the two blocks)";
    }
    if (mark == null) {
      return problem;
    }
    int line = mark.getLine();
    int column = mark.getColumn();
    String where = "line " + (line + 1) + ", column " + (column + 1) + ": ";
    if (tabNear(yaml, line, column) || problem.contains("\\t") || problem.contains("(TAB)")) {
      return where + "a tab character: YAML indents with spaces only, replace the tab with spaces ("
          + problem.replace("\\t(TAB)", "TAB").replace("\\t", "TAB") + ")";
    }
    return where + problem;
  }

  /** A tab in the indentation of the line, or at the position itself. */
  private static boolean tabNear(String yaml, int line, int column) {
    String[] lines = yaml.split("\\r?\\n|\\r", -1);
    if (line < 0 || line >= lines.length) {
      return false;
    }
    String text = lines[line];
    if (column >= 0 && column < text.length() && text.charAt(column) == '\t') {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        return true;
      }
      if (c != ' ') {
        return false;
      }
    }
    return false;
  }
}
