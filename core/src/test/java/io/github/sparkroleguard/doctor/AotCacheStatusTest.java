package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AotCacheStatusTest {
  @Test
  void sharing_vmInfoWithSharing_isTrue() {
    assertTrue(AotCacheStatus.sharing("mixed mode, sharing"));
  }

  @Test
  void sharing_vmInfoWithoutSharingOrMissing_isFalse() {
    assertFalse(AotCacheStatus.sharing("mixed mode"));
    assertFalse(AotCacheStatus.sharing(null));
  }

  @Test
  void describe_withoutSharing_saysTheCacheIsNotInUse() {
    assertEquals("JVM 25.0.3+9-LTS (mixed mode): AOT cache NOT in use", AotCacheStatus.describe("25.0.3+9-LTS", "mixed mode"));
    assertTrue(AotCacheStatus.describe("25", "mixed mode, sharing").endsWith("AOT cache in use"));
  }
}
