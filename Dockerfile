# Parapet in a container: a build stage with the Swift toolchain makes the static release binary
# (scripts/release.sh); the final stage is a plain Ubuntu with that binary, run as a non-root user.
#
#   docker build -t parapet:0.1.0 .
#   docker run --rm -v "$PWD:/src" parapet:0.1.0 scan .
#
# The final image's glibc must be at least the build image's, hence the same Ubuntu release.
ARG SWIFT_IMAGE=swift:6.1-noble
ARG BASE_IMAGE=ubuntu:24.04

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libyaml-dev libtree-sitter-dev pkg-config python3 python3-pip make gcc binutils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /parapet
# Dependencies first, so that editing sources does not re-download them.
COPY Package.swift ./
COPY scripts/deps.sh scripts/deps.sh
COPY Makefile ./
RUN make deps
COPY . .
RUN sh scripts/release.sh && cp .build/release/parapet /usr/local/bin/parapet

FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --create-home --shell /usr/sbin/nologin parapet
COPY --from=build /usr/local/bin/parapet /usr/local/bin/parapet
USER 10001
WORKDIR /src
ENTRYPOINT ["parapet"]
CMD ["scan", "."]
