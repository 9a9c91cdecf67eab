package io.github.sparkroleguard.ram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up takes the SDK's real request path, success and error, without any network. */
class SdkWarmupTest {
  @Test
  void requestPath_answersFromMemory_throughTheSdksReaders() {
    // true only if the SDK signed both requests, handed them to the in-memory transport, read the
    // role out of the success answer and the error code out of the 404
    assertTrue(SdkWarmup.requestPath());
  }

  @Test
  void tls_setsUpTheDefaultContextLocally() {
    assertTrue(SdkWarmup.tls());
  }

  @Test
  void finish_waitsForTheStartedThread() {
    Thread t = SdkWarmup.start();
    SdkWarmup.finish(t, false);
    assertFalse(t.isAlive());
  }
}
