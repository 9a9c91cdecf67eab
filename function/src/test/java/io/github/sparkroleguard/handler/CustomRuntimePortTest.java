package io.github.sparkroleguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The listening port: FC_CUSTOM_LISTEN_PORT (FC's environment-variable page, set from
 * customRuntimeConfig.port) first, FC_SERVER_PORT (what fc3's local runner also sets) next,
 * 9000 (FC's default) last.
 */
class CustomRuntimePortTest {
  @Test
  void customListenPortIsRead() {
    assertEquals(9123, CustomRuntimeContract.port(Map.of("FC_CUSTOM_LISTEN_PORT", "9123")::get));
  }

  @Test
  void customListenPortWinsOverServerPort() {
    assertEquals(9123, CustomRuntimeContract.port(Map.of("FC_CUSTOM_LISTEN_PORT", "9123", "FC_SERVER_PORT", "9555")::get));
  }

  @Test
  void serverPortIsTheFallback_thenTheDefault() {
    assertEquals(9555, CustomRuntimeContract.port(Map.of("FC_SERVER_PORT", " 9555 ", "FC_CUSTOM_LISTEN_PORT", " ")::get));
    assertEquals(9000, CustomRuntimeContract.port(Map.<String, String>of()::get));
  }

  @Test
  void aPortThatIsNotOneIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CustomRuntimeContract.port(Map.of("FC_CUSTOM_LISTEN_PORT", "70000")::get));
    assertEquals("FC_CUSTOM_LISTEN_PORT: not a port (1-65535): 70000", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CustomRuntimeContract.port(Map.of("FC_SERVER_PORT", "x")::get));
  }
}
