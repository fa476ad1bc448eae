# syntax=docker/dockerfile:1
#
# Berth API server image. Build from the repository root:
#   docker build -t berth .
# The RUN --mount cache below needs BuildKit (the default builder since Docker Engine 23,
# and always used by `docker compose build`).

# ---- build stage -------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src

# All modules are needed: api-server depends on db, cluster-registry, template-store and engine, and packs
# kube-sim for the demo mode (BOOT-INF/demo/, outside the class path; docs/demo.md).
COPY . .

# The Maven distribution (downloaded by the wrapper) and the local repository live in a build cache,
# so a source change does not download every dependency again. `sh ./mvnw` does not depend on the
# executable bit surviving the copy into the build context.
RUN --mount=type=cache,target=/root/.m2 \
    sh ./mvnw -B -ntp -DskipTests package -pl api-server -am

# ---- runtime stage -----------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl serves the container health check in docker-compose.yml. The Temurin Ubuntu images ship it;
# it is installed here only if a base image update ever drops it.
# The application runs as an unprivileged user with a fixed numeric id (10001), so that
# Kubernetes' runAsNonRoot can verify it.
RUN set -eux; \
    if ! command -v curl >/dev/null 2>&1; then \
        apt-get update; \
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --gid 10001 berth; \
    useradd --uid 10001 --gid berth --no-create-home --home-dir /app --shell /usr/sbin/nologin berth; \
    mkdir -p /app /data; \
    chown berth:berth /data

# Owned by root and read-only for the application user. berth.jar names its libraries in lib/ (the
# extracted layout the build writes beside it; it starts sooner than the one-file berth-boot.jar), and
# demo/ holds what only --demo loads.
COPY --from=build /src/api-server/target/lib /app/lib
COPY --from=build /src/api-server/target/demo /app/demo
COPY --from=build /src/api-server/target/berth.jar /app/berth.jar

# Class data sharing (docs/deployment.md, "Start-up"): a training run starts Berth once, on a throwaway
# embedded PostgreSQL, until its Spring context is refreshed (spring.context.exit=onRefresh: no port is
# opened, nothing is served), and the JVM writes the classes it loaded into an archive at exit. The
# entrypoint maps that archive instead of finding, reading and verifying each class in lib/ again, which
# is most of a restart's work. The archive belongs to this JVM and these exact jars, so it is made here, in
# the stage that runs it; should it not match, the JVM ignores it and starts as without it. On Java 17 the
# JVM crashed at start when the archive was combined with a Flight Recording (and so, probably, with a
# -javaagent): JAVA_TOOL_OPTIONS=-Xshare:off turns the archive off. The JVM's own base archive, which a
# dynamic archive extends, is made first if the base image lacks it. PostgreSQL refuses to run as root, so
# the training runs as the application user; its data, the unpacked PostgreSQL binaries (its
# java.io.tmpdir) and the archive's first copy are in one directory removed in the same step; the archive
# is owned by root and read-only, like the jars.
RUN set -eux; \
    if [ ! -f "$JAVA_HOME/lib/server/classes.jsa" ]; then java -Xshare:dump; fi; \
    training="$(mktemp -d)"; \
    chown berth:berth "$training"; \
    setpriv --reuid=10001 --regid=10001 --clear-groups \
        java -XX:ArchiveClassesAtExit="$training/berth.jsa" -Dspring.context.exit=onRefresh -Djava.io.tmpdir="$training" \
        -jar /app/berth.jar --berth.data-dir="$training/data" --server.port=0; \
    test -s "$training/berth.jsa"; \
    install -o root -g root -m 0444 "$training/berth.jsa" /app/berth.jsa; \
    rm -rf "$training"

# Only used without an external database (embedded PostgreSQL and its generated encryption key).
# docker-compose.yml always configures an external PostgreSQL.
ENV BERTH_DATA_DIR=/data
WORKDIR /app
USER 10001:10001
EXPOSE 8080

# No HEALTHCHECK here: docker-compose.yml defines one (curl on /actuator/health).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/berth.jsa", "-jar", "/app/berth.jar"]
