package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AotCacheCheckTest {
  static final List<String> CUSTOM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCache=guard.aot");

  @Test
  void run_cacheRequestedAndShared_passes() {
    Finding f = new AotCacheCheck(CUSTOM, "25.0.3+9-LTS", "mixed mode, sharing").run().get(0);
    assertEquals(CheckStatus.PASS, f.status());
    assertTrue(f.detail().contains("AOT cache in use"), f.detail());
  }

  @Test
  void run_cacheRequestedButNotShared_failsWithTheFix() {
    Finding f = new AotCacheCheck(CUSTOM, "25.0.3+9-LTS", "mixed mode").run().get(0);
    assertEquals(CheckStatus.FAIL, f.status());
    assertTrue(f.detail().contains("NOT in use"), f.detail());
    assertTrue(f.fix().contains("-Pfc-custom") && f.fix().contains("jre-layer.zip"), f.fix());
  }

  @Test
  void run_noCacheRequested_passesSayingThereIsNothingToCheck() {
    Finding f = new AotCacheCheck(List.of("-Xmx96m"), "17.0.15", "mixed mode, sharing").run().get(0);
    assertEquals(CheckStatus.PASS, f.status());
    assertTrue(f.detail().contains("not started with an AOT cache"), f.detail());
  }
}
