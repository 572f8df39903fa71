# syntax=docker/dockerfile:1
# The KpiGrpc server: SDK image builds and publishes, ASP.NET runtime image runs it as a
# non-root user with its SQLite data in the /data volume.
#   docker build -t kpigrpc .
#   docker run -p 5051:5051 -v kpi-data:/data -v /etc/kpi:/run/secrets/kpi:ro kpigrpc
# It listens on every interface, so it needs a keys file (README, Security): made with
# `kpi keys add --keys-file /etc/kpi/keys.json ...`, readable by the image's user ($APP_UID, 1654).
# With TLS too, the PEM files mounted read-only (arguments after the image name come after the
# ENTRYPOINT's, so this --urls replaces its http one):
#   docker run -p 5051:5051 -v kpi-data:/data -v /etc/kpi:/run/secrets/kpi:ro -v /etc/kpi/tls:/tls:ro kpigrpc \
#       --urls https://0.0.0.0:5051 --tls-cert /tls/server.pem --tls-key /tls/server.key \
#       --tls-client-ca /tls/clients-ca.pem
# Docker cannot run on this project's machines (no engine), so the image itself is untested
# here; its build stage's command, `dotnet publish src/KpiGrpc.Server -c Release`, is checked.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project and props files first: the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/KpiGrpc.Contracts/KpiGrpc.Contracts.csproj src/KpiGrpc.Contracts/
COPY src/KpiGrpc.Core/KpiGrpc.Core.csproj src/KpiGrpc.Core/
COPY src/KpiGrpc.Storage.Sqlite/KpiGrpc.Storage.Sqlite.csproj src/KpiGrpc.Storage.Sqlite/
COPY src/KpiGrpc.Server/KpiGrpc.Server.csproj src/KpiGrpc.Server/
RUN dotnet restore src/KpiGrpc.Server/KpiGrpc.Server.csproj
COPY .editorconfig ./
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/KpiGrpc.Server/KpiGrpc.Server.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's built-in non-root user ($APP_UID, "app") owns the data volume.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
VOLUME /data
EXPOSE 5051
ENTRYPOINT ["dotnet", "KpiGrpc.Server.dll", "--data-dir", "/data", "--urls", "http://0.0.0.0:5051", "--keys-file", "/run/secrets/kpi/keys.json"]
