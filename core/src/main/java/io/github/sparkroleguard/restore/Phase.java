package io.github.sparkroleguard.restore;

/**
 * When a write runs in a restore plan: first everything that takes away what someone added
 * (an unexpected policy, a wider trust policy, a wider document), then everything that puts
 * back what was lost. A role that was widened and also lost a policy is narrowed even when the
 * restoring writes fail, and a refused narrowing write does not keep the lost policy away.
 * Declared in run order; a new write action picks the phase it belongs to.
 */
public enum Phase {
  /** Detach policies that are not in the baseline. */
  NARROW_ATTACHMENTS,
  /** Put the pinned trust policy back. */
  NARROW_TRUST,
  /** Put pinned custom policy documents back (a version holding it, or a new one). */
  NARROW_DOCUMENTS,
  /** Re-create deleted custom policies. */
  CREATE_POLICIES,
  /** Re-create the deleted role. */
  CREATE_ROLE,
  /** Re-attach the baseline's policies. */
  ATTACH
}
