package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.report.RoleReport;
import java.util.List;
import java.util.Locale;

/**
 * The same role with the same drift, down to the live documents, as a key: what the re-alert
 * window and approved changes are remembered by. A later edit of the same policy is another key.
 */
final class Fingerprints {
  private Fingerprints() {}

  /** The drift and any coverage gaps of a report (what an alert says). */
  static String alert(RoleReport r) {
    StringBuilder s = new StringBuilder(drift(r.roleName(), r.drift()));
    r.coverageGaps().forEach(g -> s.append("|cov:").append(g));
    return s.toString();
  }

  /** The drift items alone (what an approved change is). */
  static String drift(String roleName, List<DriftItem> drift) {
    StringBuilder s = new StringBuilder(roleName.toLowerCase(Locale.ROOT));
    for (DriftItem d : drift) {
      s.append('|').append(d.code()).append(':').append(d.policyName())
          .append(':').append(d.actual() == null ? 0 : d.actual().hashCode());
    }
    return s.toString();
  }
}
