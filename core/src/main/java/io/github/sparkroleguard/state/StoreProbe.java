package io.github.sparkroleguard.state;

import java.time.Instant;

/**
 * What {@code doctor} proves about the shared store with the calls the guard itself makes (the
 * OSS one is {@link OssProbe}). The port the state and doctor depend on, so that neither needs
 * the OSS client.
 */
public interface StoreProbe {
  /**
   * Runs every step, and returns what was proven.
   *
   * @throws Failure at the first step that fails (a store error included)
   */
  String run(Instant now);

  /**
   * The bucket's ACL, one of {@link StoreFacts#ACLS}.
   *
   * @throws Failure when it cannot be read (not permitted, store down, an answer of another shape)
   */
  String bucketAcl();

  /**
   * The bucket's policy as JSON text (untrusted: the caller bounds and checks it), or empty when it
   * has none.
   *
   * @throws Failure when it cannot be read
   */
  java.util.Optional<String> bucketPolicy();

  /** A failed step: what failed and what to do about it. */
  final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String fix;

    public Failure(String what, String fix) {
      super(what);
      this.fix = fix;
    }

    public String fix() {
      return fix;
    }
  }
}
