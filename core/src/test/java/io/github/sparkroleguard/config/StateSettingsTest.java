package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StateSettingsTest {
  static final String KEY = "0123456789abcdef0123456789abcdef01";
  static final String REF = ",\"secret\":\"${env:GUARD_STATE_SECRET}\"";

  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  /** Reads with GUARD_STATE_SECRET set (to {@code key}). */
  static StateSettings read(String yaml, String key) throws Exception {
    return StateSettings.read(json(yaml), "cn-hangzhou", "cn-hangzhou", new Secrets(Map.of("GUARD_STATE_SECRET", key)::get));
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
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"bucket\":\"my-bucket\"" + REF + "}"), "cn-shanghai", "cn-shanghai",
        new Secrets(Map.of("GUARD_STATE_SECRET", KEY)::get));
    assertTrue(s.oss());
    assertEquals("oss-cn-shanghai-internal.aliyuncs.com", s.endpoint().host());
    assertTrue(s.endpoint().https());
    assertEquals("spark-role-guard/", s.prefix());
    assertEquals(60, s.deafnessMinutes());
    assertEquals(KEY, s.secret());
    assertFalse(s.toString().contains(KEY), "the key is never printed");
  }

  @Test
  void read_ossWithoutSecret_errorSaysWhyAndHowToMakeOne() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("{\"store\":\"oss\",\"bucket\":\"b-1\"}", KEY));
    assertTrue(e.getMessage().startsWith("state.secret: required with store: oss"), e.getMessage());
    assertTrue(e.getMessage().contains("openssl rand -hex 32"), e.getMessage());
  }

  @Test
  void read_inlineSecret_refusedWithoutEchoingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> read("{\"store\":\"oss\",\"bucket\":\"b-1\",\"secret\":\"" + KEY + "\"}", KEY));
    assertTrue(e.getMessage().startsWith("state.secret: secrets must be written as ${env:NAME}"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void read_secretVariableUnset_loadsButTheStoreCannotBeUsed() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"bucket\":\"b-1\"" + REF + "}"), "cn-hangzhou", "cn-hangzhou",
        new Secrets(Map.<String, String>of()::get));
    ConfigException e = assertThrows(ConfigException.class, s::secret);
    assertTrue(e.getMessage().startsWith("state.secret: environment variable GUARD_STATE_SECRET is not set"), e.getMessage());
  }

  @Test
  void read_shortSecret_refusedWithoutEchoingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("{\"store\":\"oss\",\"bucket\":\"b-1\"" + REF + "}", "short-key"));
    assertTrue(e.getMessage().startsWith("state.secret: must be at least 32 characters"), e.getMessage());
    assertFalse(e.getMessage().contains("short-key"));
  }

  @Test
  void read_bucketInTheFunctionsRegion_internalEndpoint() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\",\"region\":\"cn-hangzhou\"}"),
        "cn-hangzhou", "cn-hangzhou");
    assertEquals("oss-cn-hangzhou-internal.aliyuncs.com", s.endpoint().host());
    assertEquals("cn-hangzhou", s.region());
  }

  @Test
  void read_guardIntlInSingaporeWithTheHangzhouBucket_publicHttpsEndpointOfTheBucketsRegion() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\",\"region\":\"cn-hangzhou\"}"),
        "cn-hangzhou", "ap-southeast-1");
    assertEquals("oss-cn-hangzhou.aliyuncs.com", s.endpoint().host());
    assertTrue(s.endpoint().https());
    assertEquals("cn-hangzhou", s.region(), "the signature names the bucket's region, not the function's");
  }

  @Test
  void read_regionNotGiven_bucketInRamRegionAndTheEndpointFollowsFcRegionNotRamRegion() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\"}"), "cn-hangzhou", "ap-southeast-1");
    assertEquals("oss-cn-hangzhou.aliyuncs.com", s.endpoint().host());
    assertEquals("cn-hangzhou", s.region());
  }

  @Test
  void read_notInFc_publicEndpoint() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\",\"region\":\"cn-shanghai\"}"),
        "cn-hangzhou", null);
    assertEquals("oss-cn-shanghai.aliyuncs.com", s.endpoint().host());
  }

  @Test
  void read_explicitEndpoint_overridesAndItsRegionIsTheDefault() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\","
        + "\"endpoint\":\"oss-cn-beijing-internal.aliyuncs.com\"}"), "cn-hangzhou", "ap-southeast-1");
    assertEquals("oss-cn-beijing-internal.aliyuncs.com", s.endpoint().host());
    assertEquals("cn-beijing", s.region());
    StateSettings local = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\",\"region\":\"eu-central-1\","
        + "\"endpoint\":\"http://127.0.0.1:9\"}"), "cn-hangzhou", "cn-hangzhou");
    assertEquals("127.0.0.1:9", local.endpoint().host());
    assertEquals("eu-central-1", local.region());
  }

  @Test
  void forAccount_keepsRegionAndEndpoint() throws Exception {
    StateSettings s = StateSettings.read(json("{\"store\":\"oss\",\"secret\":\"${env:GUARD_STATE_SECRET}\",\"bucket\":\"b-1\",\"region\":\"cn-hangzhou\"}"),
        "cn-hangzhou", "ap-southeast-1").forAccount("1234567890123456");
    assertEquals("cn-hangzhou", s.region());
    assertEquals("oss-cn-hangzhou.aliyuncs.com", s.endpoint().host());
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
      "{\"store\":\"memory\",\"bucket\":\"b-1\"}|state: store memory takes no other keys",
      "{\"store\":\"oss\",\"bucket\":\"b-1\",\"region\":\"oss-cn-hangzhou\"}|state.region: must be a region id",
      "{\"store\":\"oss\",\"bucket\":\"b-1\",\"region\":\"Hangzhou\"}|state.region: must be a region id"})
  void read_badValue_errorNamesTheKey(String yaml, String message) throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> StateSettings.read(json(yaml), "cn-hangzhou"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void read_deafnessZero_off() throws Exception {
    assertEquals(0, read("{\"store\":\"oss\",\"bucket\":\"b-1\",\"deafnessMinutes\":0" + REF + "}", KEY).deafnessMinutes());
  }
}
