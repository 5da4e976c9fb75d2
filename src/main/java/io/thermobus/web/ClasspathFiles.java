package io.thermobus.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;

/**
 * Static files from the application's class path only. Vert.x's {@code StaticHandler} and
 * {@code sendFile} look in the working directory first, so a {@code webroot/} or
 * {@code openapi.yaml} lying there would be served instead of the jar's. Reads run on a worker.
 */
final class ClasspathFiles implements Handler<RoutingContext> {

  private static final ClassLoader LOADER = ClasspathFiles.class.getClassLoader();

  private final String root;
  private final String mountPoint;

  /**
   * @param root       the class-path folder the files are in, such as {@code webroot}
   * @param mountPoint the route's path prefix, without its {@code *}, such as {@code /} or {@code /docs/}
   */
  ClasspathFiles(String root, String mountPoint) {
    this.root = root;
    this.mountPoint = mountPoint;
  }

  /** One named resource, whatever the request path. */
  static Handler<RoutingContext> file(String resource) {
    return ctx -> send(ctx, resource);
  }

  @Override
  public void handle(RoutingContext ctx) {
    // normalizedPath() has resolved "." and ".." and decoded the path (RFC 3986).
    String path = ctx.normalizedPath();
    if (!path.startsWith(mountPoint) || path.contains("\\") || path.indexOf('\0') >= 0 || path.contains("..")) {
      ctx.next();
      return;
    }
    String relative = path.substring(mountPoint.length());
    send(ctx, root + "/" + (relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative));
  }

  private static void send(RoutingContext ctx, String resource) {
    ctx.vertx().executeBlocking(() -> read(resource)).onComplete(read -> {
      if (read.failed()) {
        ctx.fail(read.cause());
      } else if (read.result() == null) {
        ctx.next();
      } else {
        if (!ctx.response().headers().contains(HttpHeaders.CONTENT_TYPE)) {
          ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType(resource));
        }
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(read.result());
      }
    });
  }

  private static String contentType(String resource) {
    String type = MimeMapping.mimeTypeForFilename(resource);
    if (type == null) {
      return "application/octet-stream";
    }
    return type.startsWith("text/") || type.endsWith("javascript") || type.endsWith("json") ? type + "; charset=utf-8" : type;
  }

  /** The resource's bytes, or {@code null} when there is no such file (a folder is none). */
  private static Buffer read(String resource) {
    URL url = LOADER.getResource(resource);
    if (url == null || isFolder(url)) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isFolder(URL url) {
    try {
      return switch (url.getProtocol()) {
        case "file" -> !Files.isRegularFile(Path.of(url.toURI()));
        case "jar" -> {
          JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
          yield entry == null || entry.isDirectory();
        }
        default -> true;
      };
    } catch (IOException | URISyntaxException e) {
      return true;
    }
  }
}
