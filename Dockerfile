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

# Only used without an external database (embedded PostgreSQL and its generated encryption key).
# docker-compose.yml always configures an external PostgreSQL.
ENV BERTH_DATA_DIR=/data
WORKDIR /app
USER 10001:10001
EXPOSE 8080

# No HEALTHCHECK here: docker-compose.yml defines one (curl on /actuator/health).
ENTRYPOINT ["java", "-jar", "/app/berth.jar"]
