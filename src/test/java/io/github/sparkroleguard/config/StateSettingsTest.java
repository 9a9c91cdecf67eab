package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StateSettingsTest {
  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void read_absent_perInstanceMemory() {
    StateSettings s = StateSettings.read(null, "cn-hangzhou");
    assertSame(StateSettings.MEMORY, s);
    assertFalse(s.oss());
    assertEquals(0, s.deafnessMinutes());
  }

  @Test
  void read_ossWithBucketOnly_internalEndpointDefaultPrefixDeafnessOn() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"bucket\":\"my-bucket\"}"), "cn-shanghai");
    assertTrue(s.oss());
    assertEquals("oss-cn-shanghai-internal.aliyuncs.com", s.endpoint().host());
    assertTrue(s.endpoint().https());
    assertEquals("spark-role-guard/", s.prefix());
    assertEquals(60, s.deafnessMinutes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"store\":\"s3\"}|state.store: must be memory or oss",
      "{\"store\":\"oss\"}|state.bucket: must be an OSS bucket name",
      "{\"store\":\"oss\",\"bucket\":\"Bad_Bucket\"}|state.bucket: must be an OSS bucket name",
      "{\"store\":\"oss\",\"bucket\":\"b-1\",\"prefix\":\"no-slash\"}|state.prefix: must be folder names ending in '/'",
      "{\"store\":\"oss\",\"bucket\":\"b-1\",\"deafnessMinutes\":10}|state.deafnessMinutes: must exceed ActionTrail's indexing delay",
      "{\"store\":\"oss\",\"bucket\":\"b-1\",\"deafnessMinutes\":\"x\"}|state.deafnessMinutes: must be a whole number",
      "{\"store\":\"oss\",\"bucket\":\"b-1\",\"table\":\"t\"}|state.table: unknown key",
      "{\"store\":\"memory\",\"bucket\":\"b-1\"}|state: store memory takes no other keys"})
  void read_badValue_errorNamesTheKey(String yaml, String message) throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> StateSettings.read(json(yaml), "cn-hangzhou"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void read_deafnessZero_off() throws Exception {
    assertEquals(0, StateSettings.read(json("{\"store\":\"oss\",\"bucket\":\"b-1\",\"deafnessMinutes\":0}"), "r").deafnessMinutes());
  }
}
