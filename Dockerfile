# crypt in a small image: NativeAOT binary on the .NET runtime-deps base (glibc, libstdc++,
# ca-certificates for KMS and Key Vault; no .NET runtime needed).
#   docker build -t crypt .
#   docker run --rm -v "$PWD:/work" -e SOPS_AGE_KEY_FILE=/work/keys.txt crypt decrypt secrets.enc.yaml
# Not built in CI (CI has no Docker daemon); ./build.sh release builds the same binary.

FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
# NativeAOT links with clang; zlib1g-dev for the runtime's compression code (as build.sh need_clang).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The image's SDK may be of another feature band than global.json pins (any .NET 10 SDK builds
# crypt); the lock files still pin every package (locked mode).
RUN rm global.json \
    && dotnet restore src/Cli -r linux-x64 -p:PublishAot=true -p:RestoreLockedMode=true
# No .git in the build context: SourceLink has nothing to read, so it is off here.
RUN dotnet publish src/Cli -c Release -r linux-x64 -p:PublishAot=true --no-restore \
        -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false -o /out \
    && /out/crypt --version

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-bookworm-slim
# crypt loads libsodium.so from its own folder.
COPY --from=build /out/crypt /out/libsodium.so /opt/crypt/
COPY LICENSE /opt/crypt/
ENV PATH=/opt/crypt:$PATH
# The base image's unprivileged user; mount the files to work on at /work.
USER $APP_UID
WORKDIR /work
ENTRYPOINT ["crypt"]
CMD ["--help"]
