package io.challengeradar.infra;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.ElasticsearchAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The local Elasticsearch with security on, as a real deployment runs it: TLS on HTTP with a
 * certificate signed by a CA made here, and one file-realm user. Everything is made offline with
 * the distribution's own tools ({@code elasticsearch-certutil}, {@code elasticsearch-users}) and
 * kept under the server's base folder, so a restart keeps the same CA and password:
 *
 * <ul>
 *   <li>{@code security/ca.crt}, {@code ca.key}: the CA (the key 0600);
 *   <li>{@code security/http.crt}, {@code http.key}: the node's HTTP certificate for 127.0.0.1 and
 *       localhost;
 *   <li>{@code security/client.properties} (0600): {@code elasticsearch.hosts},
 *       {@code elasticsearch.ca-file}, {@code elasticsearch.username} and
 *       {@code elasticsearch.password}, a settings file every {@code radar} command takes with
 *       {@code --config}.
 * </ul>
 *
 * <p>API keys and the native realm need the security index, whose mapping needs the
 * {@code analysis-common} module this distribution lacks; the file realm needs no index.
 */
public final class ElasticsearchSecurity {
  public static final String DIR_NAME = "security";
  public static final String CLIENT_FILE = "client.properties";
  public static final String USER = "radar";
  private static final long TOOL_TIMEOUT_SECONDS = 120;

  private final Path dir;

  private ElasticsearchSecurity(Path dir) {
    this.dir = dir;
  }

  /** The security files of the server whose base folder is {@code baseDir}. */
  public static ElasticsearchSecurity under(Path baseDir) {
    return new ElasticsearchSecurity(baseDir.toAbsolutePath().normalize().resolve(DIR_NAME));
  }

  public Path caFile() {
    return dir.resolve("ca.crt");
  }

  /** The 0600 settings file with the URL, CA and credentials. */
  public Path clientFile() {
    return dir.resolve(CLIENT_FILE);
  }

  /** Whether a secure server was ever prepared here. */
  public boolean exists() {
    return Files.isRegularFile(clientFile());
  }

  /** How a client reaches the secure server at {@code url}, from the client file. */
  public ElasticsearchAccess access(String url) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(clientFile(), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new PlatformException("cannot read " + clientFile() + ": " + e.getMessage(), e);
    }
    return new ElasticsearchAccess(List.of(url),
        p.getProperty(CommonOptions.ELASTICSEARCH_USERNAME.key()),
        p.getProperty(CommonOptions.ELASTICSEARCH_PASSWORD.key()), null, caFile().toString(),
        null);
  }

  /**
   * Makes what is missing (CA, HTTP certificate, password), writes the client file for
   * {@code url}, copies the certificates into the server's {@code config} folder and registers
   * the user in its file realm. {@code toolEnv}: the environment the distribution's tools need.
   */
  void prepare(Path home, Path config, String url, Map<String, String> toolEnv) {
    try {
      Files.createDirectories(dir);
      if (!Files.isRegularFile(caFile()) || !Files.isRegularFile(dir.resolve("ca.key"))) {
        Path zip = dir.resolve("ca.zip");
        tool(home, toolEnv, null, "elasticsearch-certutil", "ca", "--silent", "--pem",
            "--days", "3650", "--out", zip.toString());
        unzip(zip, dir);
        Files.deleteIfExists(dir.resolve("http.crt"));
      }
      if (!Files.isRegularFile(dir.resolve("http.crt"))) {
        Path zip = dir.resolve("http.zip");
        tool(home, toolEnv, null, "elasticsearch-certutil", "cert", "--silent", "--pem",
            "--ca-cert", caFile().toString(), "--ca-key", dir.resolve("ca.key").toString(),
            "--name", "http", "--dns", "localhost", "--ip", "127.0.0.1", "--days", "3650",
            "--out", zip.toString());
        unzip(zip, dir);
      }
      ownerOnly(dir.resolve("ca.key"));
      ownerOnly(dir.resolve("http.key"));
      String password = password();
      Properties client = new Properties();
      client.setProperty(CommonOptions.ELASTICSEARCH_HOSTS.key(), url);
      client.setProperty(CommonOptions.ELASTICSEARCH_CA_FILE.key(), caFile().toString());
      client.setProperty(CommonOptions.ELASTICSEARCH_USERNAME.key(), USER);
      client.setProperty(CommonOptions.ELASTICSEARCH_PASSWORD.key(), password);
      writeOwnerOnly(clientFile(), client, "How radar commands reach the local secure"
          + " Elasticsearch: --config " + clientFile());

      Path certs = config.resolve("certs");
      Files.createDirectories(certs);
      // The chain (certificate, then CA): clients that trust the CA by fingerprint look at the
      // last certificate the server sends.
      Files.writeString(certs.resolve("http.crt"),
          Files.readString(dir.resolve("http.crt")) + Files.readString(caFile()));
      Files.copy(dir.resolve("http.key"), certs.resolve("http.key"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(caFile(), certs.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
      // The tool adds to these files and refuses a user that exists: start them empty.
      Files.writeString(config.resolve("users"), "");
      Files.writeString(config.resolve("users_roles"), "");
      Map<String, String> env = new LinkedHashMap<>(toolEnv);
      env.put("ES_PATH_CONF", config.toString());
      // The password goes in on stdin (the tool's prompt), never on a command line.
      tool(home, env, password + "\n" + password + "\n", "elasticsearch-users", "useradd", USER,
          "-r", "superuser");
    } catch (IOException e) {
      throw new PlatformException("cannot prepare Elasticsearch's TLS and users in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** The settings that turn security on, with the files {@link #prepare} put in config/certs. */
  static Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("xpack.security.enabled", "true");
    s.put("xpack.security.http.ssl.enabled", "true");
    s.put("xpack.security.http.ssl.key", "certs/http.key");
    s.put("xpack.security.http.ssl.certificate", "certs/http.crt");
    s.put("xpack.security.http.ssl.certificate_authorities", "certs/ca.crt");
    // One node: the transport layer stays on loopback without TLS.
    s.put("xpack.security.transport.ssl.enabled", "false");
    return s;
  }

  private String password() throws IOException {
    if (Files.isRegularFile(clientFile())) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(clientFile(), StandardCharsets.UTF_8)) {
        p.load(r);
      }
      String existing = p.getProperty(CommonOptions.ELASTICSEARCH_PASSWORD.key());
      if (existing != null && !existing.isBlank()) {
        return existing;
      }
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void writeOwnerOnly(Path file, Properties p, String comment) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Files.createFile(partial,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      p.store(w, comment);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Extracts the zip's files (certutil's {@code ca/ca.crt}, ...) flat into {@code to}. */
  private static void unzip(Path zip, Path to) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          Path name = Path.of(e.getName()).getFileName();
          Files.copy(in, to.resolve(name.toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.delete(zip);
  }

  private static void tool(Path home, Map<String, String> env, String stdin, String name,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin").resolve(name).toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    try {
      Process process = pb.start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] output;
      try (InputStream out = process.getInputStream()) {
        output = out.readAllBytes();
      }
      if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new PlatformException(name + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new PlatformException(name + " " + args[0] + " failed (exit " + process.exitValue()
            + "): " + new String(output, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new PlatformException("cannot run " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while running " + name, e);
    }
  }
}
