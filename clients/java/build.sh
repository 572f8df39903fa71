#!/usr/bin/env bash
# Builds the Java client with plain javac against Debian's jars (see deps.sh):
#   build/kpigrpc-client.jar   the generated kpi.v1 code and io.kpigrpc.client
#   build/examples/            the examples
#   build/classpath            the runtime classpath: the jar above and its Debian jars
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
source deps.sh

bash generate.sh
runtime="$(kpi_classpath "${KPI_RUNTIME_JARS[@]}")"
compile_only="$(kpi_classpath "${KPI_COMPILE_ONLY_JARS[@]}")"

rm -rf build/classes build/examples
# Generated code is compiled as protoc writes it; our code with every lint as an error.
javac --release 17 -encoding UTF-8 -d build/classes -cp "$runtime:$compile_only" \
  $(find build/generated -name '*.java')
javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d build/classes -cp "build/classes:$runtime" \
  $(find src/main/java -name '*.java')
jar --create --file build/kpigrpc-client.jar -C build/classes .
echo "$here/build/kpigrpc-client.jar:$runtime" > build/classpath

javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d build/examples \
  -cp "$(cat build/classpath)" $(find src/examples/java -name '*.java')
echo "built build/kpigrpc-client.jar and build/examples"
