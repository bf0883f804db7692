# Parley as one jar: build with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/gateway/target/parley.jar /app/parley.jar
EXPOSE 8080
# What survives three young collections stays for good: see README, "Running it in production".
ENTRYPOINT ["java", "-XX:MaxTenuringThreshold=3", "-jar", "/app/parley.jar"]
