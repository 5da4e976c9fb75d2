package io.thermobus.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The API contract at {@code /openapi.yaml} and Swagger UI, from its webjar, at {@code /docs}. */
final class ApiDocs {

  static final String CONTRACT = "openapi.yaml";
  private static final String SWAGGER_UI_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  /**
   * The site's policy with two allowances Swagger UI needs to draw itself: the inline styles its
   * bundle sets and its data: icons. Only these pages, which show no user content, get them.
   */
  static final String SWAGGER_UI_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private ApiDocs() {}

  static void mount(Router router) {
    WebVerticle.read(router, "/openapi.yaml").handler(ctx -> {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8");
      ctx.next();
    }).handler(ClasspathFiles.file(CONTRACT));
    // A regex route matches exactly: a path route "/docs" would also take "/docs/" and redirect it forever.
    router.getWithRegex("/docs").handler(ctx -> ctx.redirect("/docs/"));
    // Swagger UI's own initializer points at a demo contract: ours points at /openapi.yaml.
    WebVerticle.read(router, "/docs/swagger-initializer.js").handler(ClasspathFiles.file("docs/swagger-initializer.js"));
    WebVerticle.read(router, "/docs/*")
        .handler(ctx -> {
          ctx.response().putHeader("Content-Security-Policy", SWAGGER_UI_POLICY);
          ctx.next();
        })
        .handler(new ClasspathFiles(swaggerUiRoot(), "/docs/"));
  }

  /** The webjar's versioned folder, read once when the routes are built (a few bytes from the class path). */
  private static String swaggerUiRoot() {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(SWAGGER_UI_POM)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the class path");
      }
      Properties pom = new Properties();
      pom.load(in);
      return "META-INF/resources/webjars/swagger-ui/" + pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
