package io.github.sparkroleguard.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one invocation did, as typed values, for {@link ResultJson} to render. Implemented by
 * the guard's result; absent parts are null (a bad input has no trigger, a command no roles).
 */
public interface Invocation {
  /** "event", "timer" or "manual"; null when the input could not be read. */
  String trigger();

  boolean dryRun();

  /** The manual command's wire name; null for events and timers. */
  String command();

  /** Event records not acted on; null unless the trigger is an event. */
  List<Skip> skipped();

  /** The role a read-only command is about; null otherwise. */
  String roleName();

  /** A document a command produced (the baseline to pin, the control policy); null otherwise. */
  ObjectNode document();

  /** The history command's answer; null otherwise. */
  HistoryAnswer history();

  /** One report per role looked at; null for read-only commands and early errors. */
  List<RoleReport> roles();

  /** RAM writes made. */
  int writes();

  /** The error's code (BadInput, NotProtected, GuardFailed, ...); null when the invocation succeeded. */
  String errorCode();

  String errorMessage();
}
