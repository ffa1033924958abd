package dev.spool.store.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script from the resource folder, with {@code lib.lua} in front of it: run by its SHA-1
 * ({@code EVALSHA}), and sent in full only when Redis answers NOSCRIPT (a restarted or new node).
 */
public enum Script {
  CREATE("create"),
  LOCATE("locate"),
  UNLOCATE("unlocate"),
  PEEK("peek"),
  CLAIM("claim"),
  RENEW("renew"),
  COMMIT("commit"),
  RECOVER("recover"),
  CANCEL("cancel"),
  RETRY("retry"),
  SIGNAL("signal"),
  CONTROLS("controls"),
  EXPIRED("expired"),
  EVENTS("events"),
  LIST("list"),
  SWEEP("sweep"),
  TAKE("take"),
  HOLD("hold"),
  SLOT("slot"),
  PROMOTE("promote"),
  MOVE("move"),
  UPGRADE("upgrade"),
  BEAT("beat"),
  KEY_SAVE("keysave"),
  KEY_REVOKE("keyrevoke"),
  CONFIG("config");

  private final String file;
  private final String source;
  private final String sha;

  Script(String name) {
    this.file = name + ".lua";
    this.source = read("lib.lua") + "\n" + read(file);
    this.sha = sha1(source);
  }

  public String source() {
    return source;
  }

  public String sha() {
    return sha;
  }

  public String file() {
    return file;
  }

  private static String read(String name) {
    String path = "/dev/spool/store/redis/" + name;
    try (InputStream in = Script.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
