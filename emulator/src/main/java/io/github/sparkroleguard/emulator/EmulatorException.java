package io.github.sparkroleguard.emulator;

/** An error the emulated service answers with: HTTP status, RAM error code, message. */
public final class EmulatorException extends RuntimeException {
  private final int status;
  private final String code;

  public EmulatorException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  static EmulatorException notFound(String code, String message) {
    return new EmulatorException(404, code, message);
  }

  static EmulatorException conflict(String code, String message) {
    return new EmulatorException(409, code, message);
  }

  static EmulatorException invalid(String code, String message) {
    return new EmulatorException(400, code, message);
  }
}
