package io.thermobus.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.json.schema.SchemaRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The service's OpenAPI document, checked against the OpenAPI meta-schema, with its {@code $ref}s
 * resolved, and a check of real responses against it: the documented status for the operation, a
 * documented content type, the documented headers and, for JSON, the body against its schema.
 * It remembers which operation and status each checked response exercised, so a test can demand
 * that every documented response was seen. ({@code vertx-openapi}'s own {@code ResponseValidator}
 * refuses contracts with {@code application/problem+json}, so this uses its meta-schema and
 * {@code vertx-json-schema} directly.)
 */
public final class OpenApiContract {

  private final JsonObject resolved;
  private final Map<String, Boolean> exercised = new ConcurrentHashMap<>();

  private OpenApiContract(JsonObject resolved) {
    this.resolved = resolved;
  }

  /** Parses {@code yaml}, validates it against the OpenAPI meta-schema and resolves its references. */
  public static OpenApiContract load(Vertx vertx, String yaml) throws Exception {
    Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    JsonObject contract = new JsonObject(tree);
    OpenAPIVersion version = OpenAPIVersion.fromContract(contract);
    SchemaRepository repository = version.getRepository(vertx, "app://").await(30, TimeUnit.SECONDS);
    OutputUnit validity = version.validateContract(vertx, repository, contract).await(30, TimeUnit.SECONDS);
    try {
      validity.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw new AssertionError("not a valid OpenAPI document: " + e.getMessage() + " at " + e.location(), e);
    }
    return new OpenApiContract(version.resolve(vertx, repository, contract).await(30, TimeUnit.SECONDS));
  }

  /** Every documented response as {@code METHOD path status}. */
  public Set<String> documentedResponses() {
    Set<String> all = new TreeSet<>();
    JsonObject paths = resolved.getJsonObject("paths");
    for (String path : names(paths)) {
      for (String method : List.of("get", "put", "post", "delete", "patch")) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        if (operation != null) {
          names(operation.getJsonObject("responses")).forEach(status -> all.add(key(method, path, status)));
        }
      }
    }
    return all;
  }

  /** The documented responses that {@link #check} has seen so far. */
  public Set<String> exercisedResponses() {
    return new TreeSet<>(exercised.keySet());
  }

  /** Checks one real response to {@code method requestPath}; the list of what does not match the document is empty when it fits. */
  public List<String> check(HttpMethod method, String requestPath, HttpResponse<Buffer> response) {
    return check(method, requestPath, response.statusCode(), response.headers(), response.body() == null ? Buffer.buffer() : response.body());
  }

  /**
   * Checks the head of a response whose body does not end (an event stream) or is not HTTP (a
   * WebSocket after its handshake): status, headers and content type, no body.
   */
  public List<String> checkHead(HttpMethod method, String requestPath, int status, MultiMap headers) {
    return check(method, requestPath, status, headers, null);
  }

  private List<String> check(HttpMethod method, String requestPath, int statusCode, MultiMap responseHeaders, Buffer body) {
    List<String> problems = new ArrayList<>();
    String path = documentedPath(requestPath);
    String verb = method.name().toLowerCase(Locale.ROOT);
    JsonObject operation = path == null ? null : resolved.getJsonObject("paths").getJsonObject(path).getJsonObject(verb);
    if (operation == null) {
      problems.add(method + " " + requestPath + " is not documented");
      return problems;
    }
    String status = String.valueOf(statusCode);
    JsonObject documented = operation.getJsonObject("responses").getJsonObject(status);
    if (documented == null) {
      problems.add(method + " " + path + " answered " + status + ", which is not documented");
      return problems;
    }
    exercised.put(key(verb, path, status), true);
    String where = method + " " + path + " " + status + ": ";
    JsonObject headers = documented.getJsonObject("headers", new JsonObject());
    for (String header : names(headers)) {
      if (headers.getJsonObject(header).getBoolean("required", false) && responseHeaders.get(header) == null) {
        problems.add(where + "documented header " + header + " is missing");
      }
    }
    JsonObject content = documented.getJsonObject("content");
    String contentType = responseHeaders.get("Content-Type");
    if (content == null) {
      return problems;
    }
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonObject media = content.getJsonObject(mediaType);
    if (media == null) {
      problems.add(where + "content type '" + contentType + "' is not one of " + names(content));
      return problems;
    }
    if (body == null) {
      return problems;
    }
    if (body.length() == 0) {
      problems.add(where + "the body is empty");
      return problems;
    }
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      Object json;
      try {
        json = body.toJsonValue();
      } catch (RuntimeException e) {
        problems.add(where + "the body is not JSON: " + body);
        return problems;
      }
      OutputUnit result = Validator.create(JsonSchema.of(media.getJsonObject("schema")),
              new JsonSchemaOptions().setDraft(io.vertx.json.schema.Draft.DRAFT202012).setBaseUri("app://")
                  .setOutputFormat(OutputFormat.Basic))
          .validate(json);
      if (!result.getValid()) {
        problems.add(where + "the body " + body + " does not fit the schema: " + result.getErrors());
      }
    }
    return problems;
  }

  /** The documented path template {@code requestPath} falls under; exact paths win over templates. */
  private String documentedPath(String requestPath) {
    String path = requestPath.split("\\?", 2)[0];
    Set<String> documented = names(resolved.getJsonObject("paths"));
    if (documented.contains(path)) {
      return path;
    }
    for (String template : documented) {
      String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
      if (Pattern.matches(regex, path)) {
        return template;
      }
    }
    return null;
  }

  /** The field names of a resolved object without the resolver's annotations ({@code __absolute_uri__}, ...). */
  private static Set<String> names(JsonObject object) {
    Set<String> names = new TreeSet<>(object.fieldNames());
    names.removeIf(JsonSchema.EXCLUDE_ANNOTATIONS.negate());
    return names;
  }

  private static String key(String method, String path, String status) {
    return method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
  }
}
