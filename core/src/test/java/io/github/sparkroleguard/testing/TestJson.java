package io.github.sparkroleguard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson's full mapper, for tests only: what the guard writes is read back by a parser the guard
 * itself does not use (it reads and writes with {@code json.Json}).
 */
public final class TestJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private TestJson() {}
}
