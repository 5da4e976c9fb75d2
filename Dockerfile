# Thermobus as one container: Maven builds the jar (and lib/ for cluster mode), a JRE image runs it as a non-root user.
#   docker build -t thermobus .
#   docker run -p 8080:8080 -e THERMOBUS_TOKEN=change-me thermobus

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies and plugins get a layer of their own, rebuilt only when pom.xml changes. Packaging
# the still empty project resolves all that the real package step needs (dependency:go-offline
# misses plugins' own dependencies, which would then be downloaded again on every source change).
COPY pom.xml ./
RUN mvn -B -q package -Dmaven.test.skip=true && rm -rf target
COPY src/main ./src/main
# Tests run outside the image (and src/test is not in the build context), so they are not even compiled.
RUN mvn -B -q package -Dmaven.test.skip=true

FROM eclipse-temurin:17-jre
# A fixed numeric uid/gid, so volume ownership and runAsNonRoot policies can rely on it.
RUN groupadd --gid 10001 thermobus \
 && useradd --uid 10001 --gid thermobus --home-dir /app --no-create-home --no-log-init \
      --shell /usr/sbin/nologin thermobus \
 && mkdir -p /app /data \
 && chown thermobus:thermobus /data
COPY --from=build /build/target/thermobus.jar /app/thermobus.jar
# Cluster mode's jars (Hazelcast), which the jar's manifest names as lib/ beside it.
COPY --from=build /build/target/lib/ /app/lib/
# Class-data sharing (AppCDS): one training run up to /health/ready writes the archive of every class
# start-up loads, with this image's own JVM (an archive from another JVM build would be ignored);
# the service then maps it instead of loading and verifying those classes again.
RUN ["bash", "-c", "mkdir /tmp/cds && cd /tmp/cds \
 ; THERMOBUS_DATA_DIR=/tmp/cds THERMOBUS_TOKEN=cds-training THERMOBUS_PORT=8089 \
    java -XX:ArchiveClassesAtExit=/app/thermobus.jsa -jar /app/thermobus.jar >/dev/null 2>&1 & pid=$! \
 ; for i in $(seq 1 240); do \
     (exec 3<>/dev/tcp/127.0.0.1/8089 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 \
      && IFS= read -r -t 2 status <&3 && [[ $status == HTTP/1.?' 200 '* ]]) 2>/dev/null && break; sleep 0.5; \
   done; kill $pid; wait $pid; cd / && rm -rf /tmp/cds && test -s /app/thermobus.jsa"]
ENV THERMOBUS_HOST=0.0.0.0 \
    THERMOBUS_PORT=8080 \
    THERMOBUS_DATA_DIR=/data
VOLUME ["/data"]
WORKDIR /app
USER 10001:10001
EXPOSE 8080
# No curl or wget in the JRE image: bash's /dev/tcp asks the liveness endpoint on the port the
# service really listens on (THERMOBUS_PORT), and only an HTTP 200 status line counts as healthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>\"/dev/tcp/127.0.0.1/${THERMOBUS_PORT:-8080}\" && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == HTTP/1.?' 200 '* ]]"]
# Exec form: java is PID 1 and receives SIGTERM itself. Extra JVM flags go in JAVA_TOOL_OPTIONS;
# arguments after the image name go to Thermobus (e.g. --help).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/thermobus.jsa", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/thermobus.jar"]
