# Sourced by generate.sh, build.sh and test.sh: the Debian 12 packages and /usr/share/java
# jars the Java client is built and run with. No Maven or Gradle: plain javac on these jars.

# Packages providing the jars below (libgrpc-java does not declare most of its own
# dependencies, so netty, perfmark, gson... are named here).
KPI_APT_PACKAGES=(openjdk-17-jdk-headless protobuf-compiler protobuf-compiler-grpc-java-plugin
  libgrpc-java libprotobuf-java libguava-java libnetty-java libperfmark-java libgoogle-gson-java
  libgoogle-common-protos-java libanimal-sniffer-java liberror-prone-java libjsr305-java
  libgeronimo-annotation-1.3-spec-java junit5)

# grpc-java 1.41.3 with its Netty transport, protobuf-java 3.21.12, guava 31.1.
KPI_RUNTIME_JARS=(grpc-api grpc-context grpc-core grpc-stub grpc-protobuf grpc-protobuf-lite
  grpc-netty protobuf guava jsr305 error_prone_annotations perfmark-api gson
  animal-sniffer-annotations proto-google-common-protos netty-buffer netty-codec
  netty-codec-http netty-codec-http2 netty-codec-socks netty-common netty-handler
  netty-handler-proxy netty-resolver netty-transport netty-transport-native-unix-common)

# javax.annotation.Generated, on the stubs the gRPC plugin writes; gone from the JDK since 11.
KPI_COMPILE_ONLY_JARS=(geronimo-annotation-1.3-spec)

KPI_JUNIT_LAUNCHER=/usr/share/java/junit-platform-console-standalone.jar

# kpi_classpath NAME... prints /usr/share/java/NAME.jar joined with ':'.
kpi_classpath() {
  local jar out=""
  for jar in "$@"; do out+="${out:+:}/usr/share/java/$jar.jar"; done
  echo "$out"
}

# kpi_missing_packages prints the packages of KPI_APT_PACKAGES that are not installed.
kpi_missing_packages() {
  local p
  for p in "${KPI_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
