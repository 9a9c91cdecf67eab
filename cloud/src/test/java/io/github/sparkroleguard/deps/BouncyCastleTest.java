package io.github.sparkroleguard.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.auth.signers.HmacSM3Signer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * Bouncy Castle arrives through the SDK's core (1.79, with published CVEs fixed in 1.85 and
 * later) and is pinned in the pom. The enforcer rule fails the build on an older one; this test
 * holds what is actually on the class path, and that the SDK's signer that needs it still works.
 */
class BouncyCastleTest {
  private static final int[] MINIMUM = {1, 87};

  @Test
  void provider_onClassPath_isAtLeastThePinnedVersion() {
    String version = new BouncyCastleProvider().getVersionStr();
    String[] parts = version.split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    assertTrue(major > MINIMUM[0] || (major == MINIMUM[0] && minor >= MINIMUM[1]),
        "Bouncy Castle " + version + " is below 1.87");
  }

  @Test
  void sdkSm3Signer_withPinnedBouncyCastle_hashesTheStandardVector() throws Exception {
    // GB/T 32905-2016, appendix A.1: SM3("abc").
    byte[] hash = new HmacSM3Signer().hash("abc".getBytes(StandardCharsets.UTF_8));
    assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", hex(hash));
  }

  @Test
  void sdkSm3Signer_sameInput_signsTheSameAndKeyMatters() {
    HmacSM3Signer signer = new HmacSM3Signer();
    String a = signer.signString("GET\n/\n\n", "secret-one");
    assertEquals(a, signer.signString("GET\n/\n\n", "secret-one"));
    assertEquals(64, a.length());
    assertTrue(!a.equals(signer.signString("GET\n/\n\n", "secret-two")));
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }
}
