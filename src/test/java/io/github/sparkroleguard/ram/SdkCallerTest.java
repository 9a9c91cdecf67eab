package io.github.sparkroleguard.ram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdkCallerTest {
  @Test
  void isRetryable_followsTheTerraformProviderClassification() {
    assertTrue(SdkCaller.isRetryable("Throttling.Api"));
    assertTrue(SdkCaller.isRetryable("ServiceUnavailable"));
    assertTrue(SdkCaller.isRetryable("SDK.ServerUnreachable"));
    assertFalse(SdkCaller.isRetryable("EntityNotExist.Role"));
  }
}
