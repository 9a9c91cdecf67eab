package io.github.sparkroleguard.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minimal {@code --key value} / {@code --flag} parsing for the command line. Every mistake is a
 * {@link UsageException} whose message is one line naming the option, so the command line can
 * print it and exit 2 instead of a stack trace.
 */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(List<String> args, Set<String> valued, Set<String> flags) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--help") || a.equals("-h")) {
        values.put("--help", "true");
      } else if (flags.contains(a)) {
        values.put(a, "true");
      } else if (valued.contains(a)) {
        if (i + 1 >= args.size()) {
          throw new UsageException(a + " needs a value");
        }
        values.put(a, args.get(++i));
      } else {
        throw new UsageException("unknown argument " + a);
      }
    }
  }

  String get(String key) {
    return values.get(key);
  }

  String require(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new UsageException(key + " is required");
    }
    return v;
  }

  boolean flag(String key) {
    return values.containsKey(key);
  }

  /** A whole number from min to max, or the default when the option is absent. */
  int integer(String key, int defaultValue, int min, int max) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(key + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
  }

  /** The bytes of the file an option names. */
  byte[] file(String key) {
    return read(key, require(key));
  }

  /** Reads a file named on the command line; a missing or unreadable one is a usage error naming the option. */
  static byte[] read(String key, String name) {
    try {
      return Files.readAllBytes(Path.of(name));
    } catch (NoSuchFileException e) {
      throw new UsageException(key + " " + name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException(key + " " + name + ": permission denied");
    } catch (FileSystemException e) {
      throw new UsageException(key + " " + name + ": cannot be read" + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
    } catch (IOException | InvalidPathException e) {
      throw new UsageException(key + " " + name + ": cannot be read");
    }
  }

  /** Bad command line; the message says what is wrong, in one line. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
