package io.github.sparkroleguard.decision;

/** Why the guard looks at a role in this invocation. */
public enum Intent {
  /** An ActionTrail event pointed at the role. */
  EVENT,
  /** A timer or an operator's scan: every protected role, nothing pointed at. */
  SCAN,
  /** An operator's check: report what differs, never act. */
  CHECK,
  /** An operator's restore: put the role back whatever its mode. */
  RESTORE
}
