package io.github.sparkroleguard.policy;

/** The outcome of evaluating a request against a set of policies. */
public enum Decision {
  /** An unconditional Allow matches and no Deny could apply. */
  ALLOW,
  /** An unconditional Deny matches: Deny overrides Allow. */
  DENY,
  /** Nothing allows it. */
  IMPLICIT_DENY,
  /** The outcome depends on a Condition (not guessed). */
  CONDITIONAL
}
