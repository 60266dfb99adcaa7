# syntax=docker/dockerfile:1
# Build stage: compile and package the Spring Boot jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src ./src
COPY terminology ./terminology
COPY profiles ./profiles
COPY rules ./rules
COPY examples ./examples
COPY docs ./docs
RUN mvn -B -ntp package -DskipTests

# Runtime stage: a Java 17 runtime, the jar and the content it loads at start-up.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 dermcode \
    && useradd --system --uid 10001 --gid dermcode --home-dir /app --shell /usr/sbin/nologin dermcode
WORKDIR /app
COPY --from=build /src/target/dermcode-server.jar ./dermcode-server.jar
COPY terminology ./terminology
COPY profiles ./profiles
COPY rules ./rules
# numeric, so Kubernetes can check runAsNonRoot (deploy/kubernetes)
USER 10001
EXPOSE 8080
# -XX:-DontCompileHugeMethods: the JIT compiles the profile validator's huge methods (docs/performance.md)
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:-DontCompileHugeMethods"
# 5 retries of 30 s give start-up and warm-up their time (dockerfilelint 1.8 rejects --start-period)
HEALTHCHECK --interval=30s --timeout=5s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/dermcode-server.jar"]
