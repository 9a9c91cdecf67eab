package io.github.sparkroleguard.doctor;

import java.util.List;

/**
 * One assumption of the guard, checked in the user's own account. Each check is independent: it
 * gets its collaborators when built (see {@link DoctorChecks}), reads what it needs, and returns
 * at least one finding. A check that throws is reported as a failure of that check alone; the
 * others still run. To add a check: write one class implementing this and add one line to
 * {@link DoctorChecks#standard}.
 */
public interface DoctorCheck {
  /** A stable, kebab-case name used in results (e.g. {@code protected-role}). */
  String name();

  /** The findings; never empty. Read-only: a check never writes to the account. */
  List<Finding> run();
}
