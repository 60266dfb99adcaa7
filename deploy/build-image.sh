#!/usr/bin/env bash
# Optional (not part of CI): builds the container image with buildah where there is no Docker
# engine, as root, with chroot isolation and vfs storage. Needs the base images reachable by
# buildah (a registry mirror, or images already in local storage); offline machines cannot pull
# maven:3.9-eclipse-temurin-17 or eclipse-temurin:17-jre.
#   deploy/build-image.sh [tag]      (default dermcode:0.1.0)
set -euo pipefail
cd "$(dirname "$0")/.."
TAG="${1:-dermcode:0.1.0}"
if ! command -v buildah > /dev/null; then
  echo "build-image: installing buildah from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah > /dev/null
fi
export STORAGE_DRIVER=vfs
buildah --storage-driver vfs bud --isolation chroot --layers=false -t "$TAG" -f Dockerfile .
buildah --storage-driver vfs images "$TAG"
